/* myna-reset-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The way out of a forgotten or locked PIN, per PIN and situation (spec/domain.md §2): the
 * municipal office always works; the smartphone + kiosk route only for the two JPKI PINs and
 * only when the other one is known. Each message is written whole, never built from pieces,
 * so that it translates naturally.
 */

#define G_LOG_DOMAIN "myna-reset-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-format.h"
#include "myna-reset-page.h"

#include "myna-pin-dialog.h"

#include "myna-office-finder.h"

typedef enum
{
  PIN_SIGN,
  PIN_AUTH,
  PIN_CARD_INFO,
  PIN_RESIDENT,
} Pin;

typedef enum
{
  SITUATION_FORGOTTEN,
  SITUATION_LOCKED,
  SITUATION_MOVED,
  SITUATION_EXPIRED,
} Situation;

static const char * const pin_ids[] = { "sign", "auth", "card-info", "resident" };
static const char * const situation_ids[] = { "forgotten", "locked", "moved", "expired" };

struct _MynaResetPage
{
  MynaPage             parent_instance;

  AdwPreferencesGroup *pin_group;
  AdwPreferencesGroup *situation_group;
  GtkCheckButton      *pin_checks[4];
  GtkCheckButton      *situation_checks[4];
  GtkBox              *guide_box;
  AdwPreferencesGroup *finder_group;
  GtkButton           *finder_button;
  GtkWidget           *finder;
  GtkWidget           *address_button;

  /* Whether the PIN was picked by the user or for them (win.goto-reset), rather than being
   * the first choice that a fresh page shows: only then does the checklist name it. */
  gboolean             pin_chosen;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (MynaResetPage, myna_reset_page, MYNA_TYPE_PAGE)

static AdwPreferencesGroup *
add_group (MynaResetPage *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->guide_box, group);

  return ADW_PREFERENCES_GROUP (group);
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *icon,
         const char          *title,
         const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  adw_preferences_group_add (group, row);
}

static void
add_office_route (MynaResetPage *self,
                  const char    *title)
{
  AdwPreferencesGroup *group = add_group (self, title,
                                          _("Always possible, for every PIN, even when you know none of them."));

  add_row (group, "mark-location-symbolic", _("Where"),
           _("The municipal office where you are registered as a resident. Some branch offices do not handle it; check the municipality's website."));
  add_row (group, "folder-documents-symbolic", _("What to bring"),
           _("Bring your My Number Card and one more identity document, such as a driver's licence or passport. Required documents differ by municipality, so check its website first."));
  add_row (group, "system-users-symbolic", _("If someone goes for you"),
           _("If a family member or another proxy goes for you, the office mails an inquiry-and-answer form to your registered address, so the proxy has to visit twice. A parent of a child under 15 or an adult guardian can do it the same day, with proof of their authority."));
  add_row (group, "alarm-symbolic", _("Cost and time"),
           _("Free. When you go yourself, it is done the same day at the counter, during office hours. January to mid-March is busy because of tax returns."));
}

static void
add_kiosk_route (MynaResetPage *self,
                 Pin            pin)
{
  MynaSession *session = myna_page_get_session (MYNA_PAGE (self));
  AdwPreferencesGroup *group;
  MynaPinTries other = { 0 };
  gboolean other_locked;

  group = add_group (self, _("With a Smartphone and a Convenience-Store Kiosk"),
                     pin == PIN_SIGN
                       ? _("You can reset the signing password at a convenience store only if you know your 4-digit user authentication PIN, the certificate is still valid, and you have a smartphone that can read the card.")
                       : _("You can reset the user authentication PIN at a convenience store only if you know your signing password, the certificate is still valid, and you have a smartphone that can read the card."));

  other_locked = session != NULL &&
                 myna_session_get_tries (session, pin == PIN_SIGN ? MYNA_PIN_AUTH : MYNA_PIN_SIGN, &other) &&
                 other.known && other.blocked;
  if (other_locked)
    add_row (group, "dialog-warning-symbolic", _("Not possible with this card now"),
             pin == PIN_SIGN
               ? _("The user authentication PIN on this card is locked as well, so only the municipal office can help.")
               : _("The signing password on this card is locked as well, so only the municipal office can help."));

  add_row (group, "phone-symbolic", _("How"),
           _("First reserve the reset in the app “JPKI暗証番号リセット”, then complete it at a kiosk within 24 hours. Kiosks can be used from 6:30 to 23:00. The app checks your face against the photo on the card."));
  add_row (group, "mark-location-symbolic", _("Where"),
           pin == PIN_SIGN
             ? _("Seven-Eleven, Lawson, FamilyMart and Ministop stores, and some AEON stores. Not every store has a suitable kiosk.")
             : _("Only some stores can reset the 4-digit PIN: Seven-Eleven stores and some AEON stores."));
  add_row (group, "dialog-information-symbolic", _("If you know neither"),
           _("If you know neither the signing password nor the user authentication PIN, only the municipal office can help."));
}

static guint
selected (GtkCheckButton **checks)
{
  for (guint i = 0; i < 4; i++)
    if (gtk_check_button_get_active (checks[i]))
      return i;

  return 0;
}

/* A move or an expired certificate concerns the two certificate PINs only: the 4-digit card
 * information and resident registry PINs stay as they are (spec/domain.md §1, §2.4). */
static gboolean
situation_applies (Pin       pin,
                   Situation situation)
{
  /* The resident registry PIN is what the office staff may ask for when a move is reported
   * (domain.md §1), so a move concerns it; certificates do not. */
  return situation == SITUATION_FORGOTTEN || situation == SITUATION_LOCKED ||
         pin == PIN_SIGN || pin == PIN_AUTH ||
         (pin == PIN_RESIDENT && situation == SITUATION_MOVED);
}

/* Hides the situations that do not apply to the selected PIN (hidden rather than insensitive,
 * so that the arrow keys and a screen reader meet only real choices), says why in the group's
 * description, and falls back to Forgotten if the selected situation went away. */
static void
sync_situations (MynaResetPage *self)
{
  Pin pin = selected (self->pin_checks);
  gboolean all = TRUE;

  self->syncing = TRUE;
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *row = g_object_get_data (G_OBJECT (self->situation_checks[i]), "myna-row");
      gboolean applies = situation_applies (pin, i);

      if (!applies && gtk_check_button_get_active (self->situation_checks[i]))
        gtk_check_button_set_active (self->situation_checks[SITUATION_FORGOTTEN], TRUE);
      gtk_widget_set_visible (row, applies);
      all = all && applies;
    }
  self->syncing = FALSE;

  adw_preferences_group_set_description (self->situation_group,
                                         all ? NULL
                                         : pin == PIN_RESIDENT
                                         ? _("This PIN has nothing to do with the electronic certificates, so an expired certificate does not concern it.")
                                         : _("A move, a change of name or an expired certificate does not change this 4-digit PIN, so only forgotten and locked apply."));
}

static void
update_checklist_pin (MynaResetPage *self)
{
  static const char *names[] = {
    N_("Signing password"), N_("User authentication PIN"),
    N_("Card information PIN"), N_("Resident registry PIN"),
  };

  /* The pre-selected first choice is not the user's: a blank line to fill in is better than
   * a checklist that names a PIN they never picked. */
  if (self->finder != NULL)
    myna_office_finder_set_pin_name (MYNA_OFFICE_FINDER (self->finder),
                                     self->pin_chosen ? _(names[selected (self->pin_checks)]) : NULL);
}

static void
rebuild_guide (MynaResetPage *self)
{
  Pin pin = selected (self->pin_checks);
  Situation situation = selected (self->situation_checks);
  GtkWidget *child;
  AdwPreferencesGroup *group;

  if (!situation_applies (pin, situation))
    situation = SITUATION_FORGOTTEN;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->guide_box))) != NULL)
    gtk_box_remove (self->guide_box, child);

  switch (situation)
    {
    case SITUATION_FORGOTTEN:
    case SITUATION_LOCKED:
      group = add_group (self, situation == SITUATION_LOCKED ? _("Locked") : _("Forgotten"), NULL);
      if (situation == SITUATION_LOCKED)
        add_row (group, "system-lock-screen-symbolic", _("Waiting does not help"),
                 _("A locked PIN stays locked until it is reset. The other PINs on the card are not affected."));
      else
        add_row (group, "edit-find-symbolic", _("Before guessing"),
                 pin == PIN_SIGN || pin == PIN_AUTH
                   ? _("Look for the form on which you wrote your PINs when the card was issued. Every wrong guess uses a try, and a locked PIN needs a visit or the kiosk route.")
                   /* No kiosk for the two 4-digit PINs of the card's other applications. */
                   : _("Look for the form on which you wrote your PINs when the card was issued. Every wrong guess uses a try, and a locked PIN needs a visit to the municipal office."));

      if (pin == PIN_SIGN || pin == PIN_AUTH)
        {
          add_kiosk_route (self, pin);
          add_office_route (self, _("At the Municipal Office"));
        }
      else
        {
          add_row (group, "dialog-information-symbolic", _("Only at the office"),
                   pin == PIN_CARD_INFO
                     ? _("The card information PIN can be reset only at your municipal office, not at a convenience store.")
                     : _("The resident registry PIN can be reset only at your municipal office, not at a convenience store."));
          add_office_route (self, _("At the Municipal Office"));
        }
      break;

    case SITUATION_MOVED:
      group = add_group (self, _("Moved House or Changed Name"), NULL);
      if (pin == PIN_SIGN)
        add_row (group, "dialog-warning-symbolic", _("The signing certificate ends"),
                 _("A change of address, name, date of birth or sex revokes the signing certificate automatically. Resetting the password does not help: have a new certificate issued at the municipal office, for example when you report the move. The 4-digit user authentication PIN keeps working."));
      else if (pin == PIN_RESIDENT)
        add_row (group, "dialog-information-symbolic", _("Have this PIN ready"),
                 _("This PIN stays the same after a move. When you report the move at the municipal office, the staff may ask for the resident registry PIN; if you have forgotten it, it can be reset at the same visit."));
      else
        add_row (group, "emblem-ok-symbolic", _("Nothing to do for this PIN"),
                 _("The user authentication certificate stays valid after a move or a change of name, and its PIN stays the same."));
      add_office_route (self, _("At the Municipal Office"));
      break;

    case SITUATION_EXPIRED:
      group = add_group (self, _("Certificate Expired"), NULL);
      add_row (group, "dialog-warning-symbolic", _("Renewal, not reset"),
               _("Resetting a PIN will not make an expired certificate usable again. Renew it (a new certificate is issued) at the municipal office of your registered address. It is free, there is no online renewal, and it is possible from 3 months before the expiry date. Have your PINs ready, or have them reset at the same visit."));
      add_row (group, "dialog-information-symbolic", _("Health insurance"),
               _("As a health insurance card, the card still works until the end of the third month after the expiry month."));
      add_office_route (self, _("At the Municipal Office"));
      break;

    default:
      g_assert_not_reached ();
    }

  myna_page_name_rows (GTK_WIDGET (self->guide_box));
  update_checklist_pin (self);
}

static void
sync_choice_state (GtkCheckButton *check)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (check), "myna-row");

  if (row != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                 GTK_ACCESSIBLE_STATE_CHECKED, gtk_check_button_get_active (check),
                                 -1);
}

static gboolean
is_pin_check (MynaResetPage  *self,
              GtkCheckButton *check)
{
  for (guint i = 0; i < 4; i++)
    if (self->pin_checks[i] == check)
      return TRUE;

  return FALSE;
}

static void
selection_changed_cb (GtkCheckButton *check,
                      MynaResetPage  *self)
{
  sync_choice_state (check);

  /* Radio rows rather than combo rows: libadwaita 1.2's combo row shows its current item in a
   * focusable list item that screen readers get without a name. */
  if (!gtk_check_button_get_active (check))
    return;

  /* The checks are set up before this handler is connected, so any change here is a choice. */
  if (is_pin_check (self, check))
    {
      self->pin_chosen = TRUE;
      sync_situations (self);
    }
  if (!self->syncing)
    rebuild_guide (self);
}

/* Choosing the PIN that is already selected toggles nothing, but it is a choice all the same. */
static void
pin_row_activated_cb (AdwActionRow  *row,
                      MynaResetPage *self)
{
  self->pin_chosen = TRUE;
  update_checklist_pin (self);
}

static void
add_choices (MynaResetPage       *self,
             AdwPreferencesGroup *group,
             GtkCheckButton     **checks,
             const char * const  *labels)
{
  for (guint i = 0; i < 4; i++)
    {
      /* One choice of four must be heard as a radio button with its state. The row, not the
       * check button, is what the keyboard moves through (Up/Down in the list, Space to
       * choose), so the row is the radio button and mirrors the check's state; the check
       * button itself stays out of the Tab order. (GTK 4.8 keeps the check box role for
       * check buttons in a group.) */
      GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                     NULL);
      GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       "focusable", FALSE,
                                       "can-focus", FALSE,
                                       /* A click on the check goes to the row, so that every
                                        * choice, even of the selected one, activates it. */
                                       "can-target", FALSE,
                                       NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels[i]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), checks[0]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* Orca takes a radio button's labelled-by target as the name of its group ("Signing
       * password. Signing password. selected"): name the row directly instead. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i],
                                      -1);
      g_object_set_data (G_OBJECT (check), "myna-row", row);
      sync_choice_state (GTK_CHECK_BUTTON (check));
      adw_preferences_group_add (group, row);
      checks[i] = GTK_CHECK_BUTTON (check);
      g_signal_connect (check, "toggled", G_CALLBACK (selection_changed_cb), self);
      if (checks == self->pin_checks)
        g_signal_connect (row, "activated", G_CALLBACK (pin_row_activated_cb), self);
    }
}

static void
finder_clicked_cb (GtkButton     *button,
                   MynaResetPage *self)
{
  /* Focus the finder's search entry; the scrolled window follows the focus. */
  gtk_widget_child_focus (self->finder != NULL ? self->finder : GTK_WIDGET (self->finder_group),
                          GTK_DIR_TAB_FORWARD);
}

static void
address_read_cb (MynaPinDialog *dialog,
                 const char    *address,
                 MynaResetPage *self)
{
  if (address == NULL || *address == '\0')
    return;

  myna_office_finder_search_card_address (MYNA_OFFICE_FINDER (self->finder), address);
}

static void
address_clicked_cb (GtkButton     *button,
                    MynaResetPage *self)
{
  MynaPinDialog *dialog;

  dialog = myna_pin_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                myna_page_get_session (MYNA_PAGE (self)),
                                MYNA_PIN_CARD_INFO, MYNA_PIN_DIALOG_READ_CARD_INFO);
  g_signal_connect_object (dialog, "address-read", G_CALLBACK (address_read_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
myna_reset_page_update (MynaPage *page)
{
  MynaResetPage *self = MYNA_RESET_PAGE (page);
  MynaSession *session = myna_page_get_session (page);

  /* The kiosk route depends on the other PIN's state on this card. */
  rebuild_guide (self);

  if (self->address_button != NULL)
    {
      MynaPinTries tries = { 0 };
      gboolean ready = myna_session_get_state (session) == MYNA_SESSION_READY &&
                       myna_session_get_tries (session, MYNA_PIN_CARD_INFO, &tries) && !tries.blocked;

      gtk_widget_set_visible (self->address_button, ready);
    }
}

static void
myna_reset_page_dispose (GObject *object)
{

  G_OBJECT_CLASS (myna_reset_page_parent_class)->dispose (object);
}

static void
myna_reset_page_class_init (MynaResetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_reset_page_dispose;
  page_class->update = myna_reset_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-reset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaResetPage, pin_group);
  gtk_widget_class_bind_template_child (widget_class, MynaResetPage, situation_group);
  gtk_widget_class_bind_template_child (widget_class, MynaResetPage, guide_box);
  gtk_widget_class_bind_template_child (widget_class, MynaResetPage, finder_group);
  gtk_widget_class_bind_template_child (widget_class, MynaResetPage, finder_button);
}

static void
myna_reset_page_init (MynaResetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_open_links_with_fallback (GTK_WIDGET (self));
  myna_page_set_title (MYNA_PAGE (self), _("Reset and Offices"));
  myna_page_set_icon_name (MYNA_PAGE (self), "view-refresh-symbolic");

  {
    const char *pins[] = {
      _("Signing password"), _("User authentication PIN"),
      _("Card information PIN"), _("Resident registry PIN"),
    };
    const char *situations[] = {
      _("Forgotten"), _("Locked"), _("Moved house or changed name"), _("Certificate expired"),
    };

    add_choices (self, self->pin_group, self->pin_checks, pins);
    add_choices (self, self->situation_group, self->situation_checks, situations);
  }
  sync_situations (self);

  /* The address registered on the card names the right municipality without typing. Above
   * the finder rather than in the group header, where it squeezed the title at 360 px. */
  self->address_button = gtk_button_new_with_mnemonic (_("Use the _Address on the Card…"));
  gtk_widget_set_halign (self->address_button, GTK_ALIGN_START);
  gtk_widget_set_margin_bottom (self->address_button, 12);
  gtk_widget_set_visible (self->address_button, FALSE);
  g_signal_connect (self->address_button, "clicked", G_CALLBACK (address_clicked_cb), self);
  adw_preferences_group_add (self->finder_group, self->address_button);
  self->finder = GTK_WIDGET (g_object_new (MYNA_TYPE_OFFICE_FINDER, NULL));
  adw_preferences_group_add (self->finder_group, self->finder);
  g_signal_connect (self->finder_button, "clicked", G_CALLBACK (finder_clicked_cb), self);

  rebuild_guide (self);
}

/**
 * myna_reset_page_new:
 *
 * Returns: (transfer full): the Reset and offices step
 */
MynaResetPage *
myna_reset_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_RESET_PAGE, "session", session, NULL);
}

/**
 * myna_reset_page_show_guide:
 * @pin: (nullable): "sign", "auth", "card-info" or "resident"
 * @situation: (nullable): "forgotten", "locked", "moved" or "expired"
 *
 * Selects the guide for a PIN and situation, for example when a PIN was found locked.
 */
void
myna_reset_page_show_guide (MynaResetPage *self,
                            const char    *pin,
                            const char    *situation)
{
  g_return_if_fail (MYNA_IS_RESET_PAGE (self));

  for (guint i = 0; pin != NULL && i < G_N_ELEMENTS (pin_ids); i++)
    if (g_strcmp0 (pin, pin_ids[i]) == 0 ||
        (i == PIN_CARD_INFO && g_strcmp0 (pin, "card_info") == 0))
      {
        /* Chosen for the user (a locked PIN led here), even if it was already selected. */
        self->pin_chosen = TRUE;
        gtk_check_button_set_active (self->pin_checks[i], TRUE);
        update_checklist_pin (self);
      }

  /* A situation that does not apply to the PIN stays hidden; Forgotten stands in for it. */
  for (guint i = 0; situation != NULL && i < G_N_ELEMENTS (situation_ids); i++)
    if (g_strcmp0 (situation, situation_ids[i]) == 0)
      gtk_check_button_set_active (self->situation_checks[situation_applies (selected (self->pin_checks), i)
                                                           ? i : SITUATION_FORGOTTEN],
                                   TRUE);
}
