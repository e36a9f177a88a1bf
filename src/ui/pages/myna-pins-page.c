/* myna-pins-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three counters the card reports without spending a try, what each PIN unlocks, what a
 * lock stops, and the guarded "test" and "change" flows (MynaPinDialog).
 */

#define G_LOG_DOMAIN "myna-pins-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-format.h"
#include "myna-pin-dialog.h"
#include "myna-pins-page.h"

#include "core/myna-secret-store.h"
#include "myna-memo-list.h"

typedef struct
{
  AdwPreferencesGroup *group;
  AdwActionRow        *tries_row;
  GtkImage            *tries_icon;
  GtkWidget           *test_row;
  GtkWidget           *change_row;
  GtkWidget           *reset_row;
} PinWidgets;

struct _MynaPinsPage
{
  MynaPage    parent_instance;

  GtkStack   *stack;
  AdwStatusPage *empty_status;
  GtkWidget  *content_page;
  GtkBox     *groups_box;
  PinWidgets  pins[MYNA_PIN_KIND_COUNT];
  GtkWidget  *memo_list;
  MynaCardStatus *memo_status;   /* only compared */

  /* Where the focus goes back when the PIN dialog closes: the row that opened it, found
   * again by PIN and action, because the rows may be hidden or greyed out meanwhile. */
  gboolean    return_focus;
  MynaPinKind return_kind;
  MynaPinDialogMode return_mode;
  guint       return_source;
};

G_DEFINE_FINAL_TYPE (MynaPinsPage, myna_pins_page, MYNA_TYPE_PAGE)

static const char *
group_title (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("User Authentication PIN (4 Digits)");
    case MYNA_PIN_SIGN:
      /* Without the rule, which the description gives: it did not fit in 360 px. */
      return _("Signing Password");
    case MYNA_PIN_CARD_INFO:
      return _("Card Information PIN (4 Digits)");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
usable (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_visible (widget) && gtk_widget_is_sensitive (widget);
}

/* The row that opened the dialog, or, when it is gone (the PIN got locked), the way on. */
static GtkWidget *
return_row (MynaPinsPage *self)
{
  PinWidgets *w = &self->pins[self->return_kind];
  GtkWidget *opener = self->return_mode == MYNA_PIN_DIALOG_CHANGE ? w->change_row : w->test_row;

  if (opener != NULL && gtk_widget_get_visible (opener))
    return opener;
  if (gtk_widget_get_visible (w->reset_row))
    return w->reset_row;
  return GTK_WIDGET (w->tries_row);
}

static void
restore_focus (MynaPinsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;
  GtkWidget *row;

  if (!self->return_focus || root == NULL)
    return;

  /* The dialog may have sent the user elsewhere (a locked PIN leads to the reset step). */
  focus = gtk_root_get_focus (root);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    {
      self->return_focus = FALSE;
      return;
    }

  /* Rows are greyed out while the card works; try again once it is done (update()). */
  row = return_row (self);
  if (!usable (row))
    return;

  self->return_focus = FALSE;
  gtk_widget_grab_focus (row);
  myna_show_focus (row);
}

static gboolean
restore_focus_cb (gpointer data)
{
  MynaPinsPage *self = data;

  self->return_source = 0;
  restore_focus (self);

  return G_SOURCE_REMOVE;
}

static void
dialog_destroy_cb (MynaPinsPage *self)
{
  /* After GTK has handed the focus back to the window, which had lost it when the row that
   * opened the dialog was greyed out during the card's work. */
  self->return_focus = TRUE;
  if (self->return_source == 0)
    self->return_source = g_idle_add (restore_focus_cb, self);
}

static void
open_dialog (MynaPinsPage      *self,
             MynaPinKind        kind,
             MynaPinDialogMode  mode)
{
  MynaPinDialog *dialog;

  dialog = myna_pin_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                myna_page_get_session (MYNA_PAGE (self)), kind, mode);
  self->return_focus = FALSE;
  self->return_kind = kind;
  self->return_mode = mode;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
test_activated_cb (AdwActionRow *row,
                   MynaPinsPage *self)
{
  open_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind")),
               MYNA_PIN_DIALOG_TEST);
}

static void
change_activated_cb (AdwActionRow *row,
                     MynaPinsPage *self)
{
  open_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind")),
               MYNA_PIN_DIALOG_CHANGE);
}

static void
reset_activated_cb (AdwActionRow *row,
                    MynaPinsPage *self)
{
  MynaPinKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  MynaPinTries tries = { 0 };

  myna_session_get_tries (myna_page_get_session (MYNA_PAGE (self)), kind, &tries);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.goto-reset", "(ss)",
                              myna_pin_kind_to_string (kind),
                              tries.blocked ? "locked" : "forgotten");
}

/* Actions are activatable rows rather than a row of buttons: they wrap at 360 px and 200 %
 * text, and screen readers hear them inside the list named after the PIN. */
static GtkWidget *
add_action_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                MynaPinKind          kind,
                GCallback            callback,
                gpointer             data)
{
  /* Exposed as a button, so that a screen reader says it can be activated (a list item
   * said only "not selected"); the list and its keyboard moves stay as they are. */
  GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_BUTTON,
                                 NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (row, "activated", callback, data);
  adw_preferences_group_add (group, row);

  return row;
}

static void
build_group (MynaPinsPage *self,
             MynaPinKind   kind)
{
  PinWidgets *w = &self->pins[kind];
  GtkWidget *row;
  g_autofree char *description = g_strdup_printf ("%s\n%s", myna_pin_kind_get_uses (kind),
                                                   myna_pin_kind_get_rule (kind));

  w->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (w->group, group_title (kind));
  adw_preferences_group_set_description (w->group, description);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tries left"));
  w->tries_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->tries_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (w->tries_icon));
  w->tries_row = ADW_ACTION_ROW (row);
  adw_preferences_group_add (w->group, row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("If it gets locked"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), myna_pin_kind_get_lock_effect (kind));
  adw_preferences_group_add (w->group, row);

  /* The signing password is a password in J-LIS's words: its rows say so. */
  w->test_row = add_action_row (w->group,
                                kind == MYNA_PIN_SIGN ? _("Test This Password") : _("Test This PIN"),
                                _("The card checks it. A wrong entry uses one try."),
                                kind, G_CALLBACK (test_activated_cb), self);
  if (kind != MYNA_PIN_CARD_INFO)
    w->change_row = add_action_row (w->group,
                                    kind == MYNA_PIN_SIGN ? _("Change This Password") : _("Change This PIN"),
                                    kind == MYNA_PIN_SIGN ? _("Needs the current password.") : _("Needs the current PIN."),
                                    kind, G_CALLBACK (change_activated_cb), self);
  w->reset_row = add_action_row (w->group, _("How to Reset"),
                                 _("If it is forgotten or locked."),
                                 kind, G_CALLBACK (reset_activated_cb), self);

  gtk_box_append (self->groups_box, GTK_WIDGET (w->group));
}

static void
myna_pins_page_update (MynaPage *page)
{
  MynaPinsPage *self = MYNA_PINS_PAGE (page);
  MynaSession *session = myna_page_get_session (page);
  gboolean ready = myna_session_get_state (session) == MYNA_SESSION_READY;
  gboolean busy = myna_session_get_busy (session);

  gtk_stack_set_visible_child_name (self->stack, ready ? "content" : "empty");
  if (!ready)
    {
      myna_page_set_waiting (self->empty_status, self->stack, session,
                             _("Place your My Number Card on the reader. The tries left of each PIN are shown here once it has been read."),
                             _("The tries left of each PIN are shown here as soon as the card has been read. Reading them uses no try."));
      return;
    }

  /* The remembered PINs of this card, keyed by its auth certificate (never the My Number). */
  if (myna_session_get_status (session) != self->memo_status)
    {
      MynaCardStatus *status = myna_session_get_status (session);
      MynaCertificate *auth = status->certs[MYNA_CERT_AUTH].certificate;
      g_autofree char *card_id = auth != NULL ? myna_secret_store_card_id (auth) : NULL;

      self->memo_status = status;
      myna_memo_list_set_card_id (MYNA_MEMO_LIST (self->memo_list), card_id);
      myna_memo_list_refresh (MYNA_MEMO_LIST (self->memo_list));
    }

  for (guint kind = 0; kind < MYNA_PIN_KIND_COUNT; kind++)
    {
      PinWidgets *w = &self->pins[kind];
      MynaPinTries tries = { 0 };
      g_autofree char *text = NULL;
      gboolean locked;

      myna_session_get_tries (session, kind, &tries);
      locked = tries.known && (tries.blocked || tries.remaining == 0);
      if (!tries.known)
        text = g_strdup (_("Unknown: the card did not say"));
      else if (!locked && tries.remaining == 1)
        /* Its own message: the last try deserves more than a number. */
        text = g_strdup (_("Only 1 try left: one more wrong entry locks it"));
      else
        text = myna_format_tries (tries.remaining, tries.max != 0 ? tries.max : myna_pin_kind_max_tries (kind),
                                  locked);

      adw_action_row_set_subtitle (w->tries_row, text);
      /* A tick only when no wrong entry counts: "2 of 3" next to a tick read as all fine. */
      gtk_image_set_from_icon_name (w->tries_icon,
                                    locked ? "system-lock-screen-symbolic"
                                    : tries.remaining == 1 ? "dialog-warning-symbolic"
                                    : tries.max != 0 && tries.remaining < tries.max ? "dialog-information-symbolic"
                                    : "emblem-ok-symbolic");
      gtk_widget_set_visible (w->test_row, !locked);
      gtk_widget_set_sensitive (w->test_row, !busy);
      if (w->change_row != NULL)
        {
          gtk_widget_set_visible (w->change_row, !locked);
          gtk_widget_set_sensitive (w->change_row, !busy);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (w->reset_row),
                                   locked ? _("It is locked: see where and how to reset it.")
                                          : _("If it is forgotten or locked."));
    }

  if (self->return_focus)
    restore_focus (self);
}

static void
session_busy_cb (MynaSession  *session,
                 GParamSpec   *pspec,
                 MynaPinsPage *self)
{
  myna_pins_page_update (MYNA_PAGE (self));
}

static void
session_set_cb (MynaPinsPage *self,
                GParamSpec   *pspec,
                gpointer      data)
{
  MynaSession *session = myna_page_get_session (MYNA_PAGE (self));

  if (session != NULL)
    g_signal_connect_object (session, "notify::busy", G_CALLBACK (session_busy_cb), self, 0);
}

static void
myna_pins_page_dispose (GObject *object)
{
  MynaPinsPage *self = MYNA_PINS_PAGE (object);

  g_clear_handle_id (&self->return_source, g_source_remove);

  G_OBJECT_CLASS (myna_pins_page_parent_class)->dispose (object);
}

static void
myna_pins_page_class_init (MynaPinsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_pins_page_dispose;
  page_class->update = myna_pins_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-pins-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaPinsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MynaPinsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MynaPinsPage, content_page);
  gtk_widget_class_bind_template_child (widget_class, MynaPinsPage, groups_box);
}

static void
myna_pins_page_init (MynaPinsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_page_set_title (MYNA_PAGE (self), _("PIN Attempts"));
  myna_page_set_icon_name (MYNA_PAGE (self), "dialog-password-symbolic");
  /* Unnamed, GTK 4.8 gives a stack page its type name, which Orca read out. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack, GTK_WIDGET (self->empty_status))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, adw_status_page_get_title (self->empty_status),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack, self->content_page)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("PINs on This Card"),
                                  -1);

  build_group (self, MYNA_PIN_AUTH);
  build_group (self, MYNA_PIN_SIGN);
  build_group (self, MYNA_PIN_CARD_INFO);

  self->memo_list = myna_memo_list_new ();
  gtk_box_append (self->groups_box, self->memo_list);

  g_signal_connect (self, "notify::session", G_CALLBACK (session_set_cb), NULL);
}

/**
 * myna_pins_page_new:
 *
 * Returns: (transfer full): the PIN attempts step
 */
MynaPinsPage *
myna_pins_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_PINS_PAGE, "session", session, NULL);
}
