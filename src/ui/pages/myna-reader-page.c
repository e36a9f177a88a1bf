/* myna-reader-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the session live: the service, the readers, the card. Every state the user must act
 * on is an AdwStatusPage with a full-sentence title and the fix for this situation.
 */

#define G_LOG_DOMAIN "myna-reader-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/myna-reader-monitor.h"
#include "core/myna-sandbox.h"
#include "myna-format.h"
#include "myna-reader-page.h"

typedef enum
{
  ACTION_NONE,
  ACTION_REREAD,
  ACTION_CERTIFICATES,
  ACTION_DEMO,
} Action;

struct _MynaReaderPage
{
  MynaPage              parent_instance;

  AdwStatusPage        *status_page;
  GtkLabel             *hint_label;
  GtkWidget            *command_box;
  GtkLabel             *command_label;
  GtkButton            *copy_button;
  GtkButton            *action_button;
  AdwPreferencesGroup  *readers_group;
  AdwPreferencesGroup  *demo_group;
  GtkButton            *demo_button;

  GPtrArray            *reader_rows;
  Action                action;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (MynaReaderPage, myna_reader_page, MYNA_TYPE_PAGE)

static void
set_command (MynaReaderPage *self,
             const char     *command)
{
  /* A new command has not been copied yet. */
  if (g_strcmp0 (gtk_label_get_label (self->command_label), command != NULL ? command : "") != 0)
    gtk_button_set_label (self->copy_button, _("C_opy Command"));
  gtk_widget_set_visible (self->command_box, command != NULL);
  gtk_label_set_label (self->command_label, command != NULL ? command : "");
  if (command != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, command,
                                    -1);
}

static void
set_action (MynaReaderPage *self,
            Action          action)
{
  const char *label = NULL;

  self->action = action;
  switch (action)
    {
    case ACTION_NONE:
      break;
    case ACTION_REREAD:
      label = _("_Read the Card Again");
      break;
    case ACTION_CERTIFICATES:
      label = _("_Show the Certificates");
      break;
    case ACTION_DEMO:
      label = _("Try With a _Demo Card");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_visible (GTK_WIDGET (self->action_button), label != NULL);
  if (label != NULL)
    gtk_button_set_label (self->action_button, label);
}

static void
reader_toggled_cb (GtkCheckButton *check,
                   MynaReaderPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "reader-name");

  if (self->updating || !gtk_check_button_get_active (check))
    return;

  myna_session_select_reader (myna_page_get_session (MYNA_PAGE (self)), name);
}

/* The reader whose row (or radio button in it) has the keyboard focus, if any. */
static const char *
focused_reader (MynaReaderPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->reader_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->reader_rows, i);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        return g_object_get_data (G_OBJECT (row), "reader-name");
    }

  return NULL;
}

static void
update_readers (MynaReaderPage *self,
                MynaSession    *session)
{
  GPtrArray *readers = myna_session_get_readers (session);
  const char *current = myna_session_get_reader (session);
  g_autofree char *focused = g_strdup (focused_reader (self));
  GtkWidget *refocus = NULL;
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < self->reader_rows->len; i++)
    adw_preferences_group_remove (self->readers_group, g_ptr_array_index (self->reader_rows, i));
  g_ptr_array_set_size (self->reader_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->readers_group),
                          readers != NULL && readers->len > 1 && !myna_session_get_demo (session));
  if (readers == NULL || readers->len < 2)
    return;

  for (guint i = 0; i < readers->len; i++)
    {
      const MynaReaderInfo *info = g_ptr_array_index (readers, i);
      GtkWidget *row = adw_action_row_new ();
      /* One reader of several: screen readers must hear a radio button, not a check box. */
      GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                       NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), myna_reader_state_get_label (info->state));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (info->name, current) == 0);
      g_object_set_data_full (G_OBJECT (check), "reader-name", g_strdup (info->name), g_free);
      g_object_set_data_full (G_OBJECT (row), "reader-name", g_strdup (info->name), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (reader_toggled_cb), self);
      /* The row's subtitle (what is in the reader) is said with the name. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, info->name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, myna_reader_state_get_label (info->state),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The radio button is the one stop per reader for Tab; a click on the row still
       * chooses it. */
      gtk_widget_set_focusable (row, FALSE);

      adw_preferences_group_add (self->readers_group, row);
      g_ptr_array_add (self->reader_rows, row);

      if (g_strcmp0 (focused, info->name) == 0)
        refocus = check;
    }

  /* The list is rebuilt on every reader event: keep a keyboard user on the reader they were
   * on, instead of sending the focus elsewhere each time a card comes or goes. */
  if (refocus != NULL)
    gtk_widget_grab_focus (refocus);
}

static void
myna_reader_page_update (MynaPage *page)
{
  MynaReaderPage *self = MYNA_READER_PAGE (page);
  MynaSession *session = myna_page_get_session (page);
  const char *reader = myna_session_get_reader (session);
  gboolean demo = myna_session_get_demo (session);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  g_autofree char *description = NULL;
  const char *icon = "auth-smartcard-symbolic";
  const char *title = NULL;
  const char *hint = NULL;
  const char *command = NULL;
  Action action = ACTION_NONE;

  self->updating = TRUE;

  if (demo && reader != NULL)
    reader = _("Demo card reader");

  switch (myna_session_get_state (session))
    {
    case MYNA_SESSION_STARTING:
      icon = "content-loading-symbolic";
      title = _("Looking for Card Readers");
      description = g_strdup (_("This takes a moment."));
      break;

    case MYNA_SESSION_NO_SERVICE:
      icon = "dialog-warning-symbolic";
      /* The fix depends on where the app runs (see myna-sandbox.h): on the host the service
       * is not running; in a Flatpak sandbox without the pcsc socket the service may well
       * run, but the sandbox may not use it; with the socket, the host's service is down. */
      if (myna_sandbox_is_flatpak () && !myna_sandbox_has_pcsc_socket ())
        {
          title = _("The Card Reader Service Cannot Be Used");
          description = g_strdup (_("This app runs in a Flatpak sandbox that is not allowed to use the smart card service (pcscd), so the card cannot be read."));
          hint = _("Allow the access with this command in a terminal, or in the app’s permissions in your software centre, then restart the app. The service must also be running on the computer itself.");
          command = "flatpak override --user --socket=pcsc " APP_ID;
        }
      else if (myna_sandbox_is_flatpak ())
        {
          title = _("The Card Reader Service Is Not Running");
          description = g_strdup (_("The smart card service (pcscd) on this computer did not answer, so the card cannot be read."));
          hint = _("Start the service on the computer itself with this command in a terminal, then restart the app. If it is already running, it may be too old for this app: update the system.");
          command = "sudo systemctl enable --now pcscd.socket";
        }
      else
        {
          title = _("The Card Reader Service Is Not Running");
          description = g_strdup (_("The smart card service (pcscd) is not running, so the card cannot be read."));
          hint = _("Start the service with this command in a terminal; the page updates by itself once it runs. If the command is not found, install the package pcscd first (sudo apt install pcscd).");
          command = "sudo systemctl enable --now pcscd.socket";
        }
      action = ACTION_DEMO;
      break;

    case MYNA_SESSION_NO_READER:
      icon = "media-removable-symbolic";
      title = _("No Card Reader Found");
      description = g_strdup (_("No IC card reader was found. Connect the reader to a USB port and try again."));
      hint = _("Readers that follow the USB CCID standard work with the driver package libccid (sudo apt install libccid). Plug the reader in again after installing it. Some readers, such as Sony's PaSoRi RC-S380, are reported not to work on Linux.");
      action = ACTION_DEMO;
      break;

    case MYNA_SESSION_NO_CARD:
      icon = "auth-smartcard-symbolic";
      title = _("Place Your Card on the Reader");
      /* Translators: %s is the name of the card reader. */
      description = g_strdup_printf (_("Reader: %s. Place the card on the reader or insert it, and keep it still. This page updates by itself."), reader);
      hint = _("With a contactless reader, keep the card away from metal and do not move it while it is read.");
      break;

    case MYNA_SESSION_CARD_MUTE:
      icon = "dialog-warning-symbolic";
      title = _("The Card Does Not Answer");
      description = g_strdup (_("The card is there but does not answer, perhaps because it is not placed correctly. Take it out, then insert it again with the chip first, or place it flat on the reader away from metal. This page updates by itself."));
      break;

    case MYNA_SESSION_READER_BUSY:
      icon = "dialog-warning-symbolic";
      title = _("Another Program Is Using the Card");
      description = g_strdup (_("Close other programs that use the card, such as a browser extension or a signing program. This page updates by itself."));
      action = ACTION_REREAD;
      break;

    case MYNA_SESSION_READING:
      icon = "content-loading-symbolic";
      title = _("Reading the Card");
      description = g_strdup (_("Keep the card on the reader. Reading the certificates and the tries left does not use any try."));
      break;

    case MYNA_SESSION_NOT_MYNUMBER:
      {
        const GError *error = myna_session_get_error (session);

        icon = "dialog-warning-symbolic";
        title = _("This Is Not a My Number Card");
        /* The card core can say more, for instance that it is a Basic Resident Registration
         * Card, the card before the My Number Card. */
        if (error != NULL && error->message != NULL && *error->message != '\0')
          description = g_strdup (error->message);
        else
          description = g_strdup (_("This card is not a My Number Card, or it could not be read. Check the card and place it on the reader again."));
        action = ACTION_REREAD;
      }
      break;

    case MYNA_SESSION_READ_FAILED:
      {
        const GError *error = myna_session_get_error (session);

        icon = "dialog-warning-symbolic";
        action = ACTION_REREAD;
        /* The user's own Cancel: nothing is wrong with the card, so no advice to re-insert. */
        if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          {
            title = _("Reading the Card Was Cancelled");
            description = g_strdup (_("The card was not read. Read it again when you are ready; it does not use any PIN try."));
            break;
          }
        title = _("The Card Could Not Be Read");
        /* Translators: %s says what went wrong. */
        description = g_strdup_printf (_("%s Take the card out, put it back, and read it again."),
                                       error != NULL ? error->message : "");
      }
      break;

    case MYNA_SESSION_READY:
      {
        MynaCardStatus *status = myna_session_get_status (session);

        icon = "emblem-ok-symbolic";
        title = _("Your My Number Card Is Ready");
        if (status != NULL && !myna_card_status_has_certificates (status))
          description = g_strdup (_("The card was read, but it holds no electronic certificates. Cards issued to children under 15 and face-recognition-only cards have none, and without them there is no Mynaportal log-in with the card."));
        else
          /* Translators: %s is the name of the card reader. */
          description = g_strdup_printf (_("Reader: %s. The card was read without using any PIN try. Go on to see its certificates and PINs."), reader);
        action = ACTION_CERTIFICATES;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
  gtk_label_set_label (self->hint_label, hint != NULL ? hint : "");
  set_command (self, command);
  if (action == ACTION_DEMO && demo)
    action = ACTION_NONE;
  set_action (self, action);

  update_readers (self, session);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_group), demo);
  gtk_button_set_label (self->demo_button,
                        myna_session_get_demo_card_present (session) ? _("_Remove the Demo Card")
                                                                     : _("_Insert the Demo Card"));
  /* A new mnemonic label: name the buttons as shown ("…(_I)" otherwise, for a moment). */
  myna_page_name_rows (gtk_widget_get_parent (GTK_WIDGET (self->demo_button)));
  myna_page_name_rows (gtk_widget_get_parent (GTK_WIDGET (self->action_button)));

  /* GTK 4.8 cannot announce a change, so the state is read where the focus lands: with the
   * action button, or — when the page offers nothing to do (waiting for a card, reading) —
   * on the status itself, which then takes the focus. */
  {
    /* Translators: what a screen reader says about the state of the card reader: the status
     * title, then its description. */
    g_autofree char *spoken = g_strdup_printf (_("%s. %s"), title, description);
    gboolean has_control = gtk_widget_get_visible (GTK_WIDGET (self->action_button)) ||
                           command != NULL ||
                           gtk_widget_get_visible (GTK_WIDGET (self->readers_group)) ||
                           demo;

    myna_accessible_set_description (GTK_WIDGET (self->action_button), spoken);
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->status_page), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_page),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
    myna_page_set_summary (page, spoken);
    gtk_widget_set_focusable (GTK_WIDGET (self->status_page), !has_control);
  }

  /* The card came or went while the user was on this step: if the focused control just
   * disappeared, put the focus back on the page instead of losing it. */
  if (had_focus)
    {
      focus = gtk_root_get_focus (root);
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) ||
          !gtk_widget_is_visible (focus) || !gtk_widget_get_focusable (focus))
        {
          gtk_root_set_focus (root, NULL);
          if (gtk_widget_get_visible (GTK_WIDGET (self->action_button)))
            gtk_widget_grab_focus (GTK_WIDGET (self->action_button));
          else
            myna_page_focus_first (page);
        }
    }

  self->updating = FALSE;
}

static void
action_clicked_cb (GtkButton      *button,
                   MynaReaderPage *self)
{
  MynaSession *session = myna_page_get_session (MYNA_PAGE (self));

  switch (self->action)
    {
    case ACTION_REREAD:
      myna_session_reread (session);
      break;
    case ACTION_CERTIFICATES:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.goto", "s", "certificates");
      break;
    case ACTION_DEMO:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.demo", NULL);
      break;
    case ACTION_NONE:
    default:
      break;
    }
}

static void
copy_clicked_cb (GtkButton      *button,
                 MynaReaderPage *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_label (self->command_label));
  /* Say that it worked, on the button that has the focus (a toast would be silent). */
  gtk_button_set_label (self->copy_button, _("C_opied"));
  myna_page_name_rows (gtk_widget_get_parent (GTK_WIDGET (self->copy_button)));
}

static void
demo_clicked_cb (GtkButton      *button,
                 MynaReaderPage *self)
{
  MynaSession *session = myna_page_get_session (MYNA_PAGE (self));

  myna_session_set_demo_card_present (session, !myna_session_get_demo_card_present (session));
}

static void
myna_reader_page_dispose (GObject *object)
{
  MynaReaderPage *self = MYNA_READER_PAGE (object);

  g_clear_pointer (&self->reader_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (myna_reader_page_parent_class)->dispose (object);
}

static void
myna_reader_page_class_init (MynaReaderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_reader_page_dispose;
  page_class->update = myna_reader_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-reader-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, command_box);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, command_label);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, action_button);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, readers_group);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, demo_group);
  gtk_widget_class_bind_template_child (widget_class, MynaReaderPage, demo_button);
}

static void
myna_reader_page_init (MynaReaderPage *self)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader_rows = g_ptr_array_new ();

  /* A long command wraps anywhere, but a hyphen added at the break would be typed too. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->command_label, attrs);
  pango_attr_list_unref (attrs);
  myna_page_set_title (MYNA_PAGE (self), _("Reader and Card"));
  myna_page_set_icon_name (MYNA_PAGE (self), "media-removable-symbolic");

  g_signal_connect (self->action_button, "clicked", G_CALLBACK (action_clicked_cb), self);
  g_signal_connect (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);
  g_signal_connect (self->demo_button, "clicked", G_CALLBACK (demo_clicked_cb), self);
}

/**
 * myna_reader_page_new:
 *
 * Returns: (transfer full): the Reader and card step
 */
MynaReaderPage *
myna_reader_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_READER_PAGE, "session", session, NULL);
}
