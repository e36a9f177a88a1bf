/* myna-diagnostics-dialog.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Copy diagnostics": the report as it will be shared, a switch to include personal data
 * (off by default), Copy and Save. The text view shows the very string that Copy and Save
 * use, regenerated from the same report and the same time whenever the switch changes.
 */

#define G_LOG_DOMAIN "myna-diagnostics-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "myna-diagnostics-dialog.h"
#include "myna-page.h"

struct _MynaDiagnosticsDialog
{
  AdwWindow        parent_instance;

  GtkSwitch       *personal_switch;
  GtkTextView     *text_view;
  GtkLabel        *status_label;
  GtkButton       *copy_button;
  GtkButton       *save_button;

  MynaDiagnostics *report;
  GDateTime       *created;
  char            *text;
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (MynaDiagnosticsDialog, myna_diagnostics_dialog, ADW_TYPE_WINDOW)

static void
show_status (MynaDiagnosticsDialog *self,
             const char            *text,
             gboolean               is_error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  /* No live regions in GTK 4.8: the Copy button describes what just happened. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
render (MynaDiagnosticsDialog *self)
{
  gboolean include = gtk_switch_get_active (self->personal_switch);

  g_free (self->text);
  self->text = self->report ? myna_diagnostics_to_text (self->report, include, self->created)
                            : g_strdup ("");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), self->text, -1);
  show_status (self, NULL, FALSE);
}

static void
personal_changed_cb (GtkSwitch             *sw,
                     GParamSpec            *pspec,
                     MynaDiagnosticsDialog *self)
{
  render (self);
}

/**
 * myna_diagnostics_dialog_copy:
 *
 * Puts the text shown into the clipboard (what the Copy button does).
 */
void
myna_diagnostics_dialog_copy (MynaDiagnosticsDialog *self)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS_DIALOG (self));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->text);
  show_status (self, gtk_switch_get_active (self->personal_switch)
                     ? _("Copied, with personal data.")
                     : _("Copied, without personal data."), FALSE);
}

static void
copy_clicked_cb (GtkButton             *button,
                 MynaDiagnosticsDialog *self)
{
  myna_diagnostics_dialog_copy (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MynaDiagnosticsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
      show_status (self, message, TRUE);
    }
  else
    show_status (self, _("The report was saved."), FALSE);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     MynaDiagnosticsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GBytes) bytes = g_bytes_new (self->text, strlen (self->text));

      /* Private by default: the report may hold personal data if the user included it. */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                           saved_cb, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
save_clicked_cb (GtkButton             *button,
                 MynaDiagnosticsDialog *self)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Diagnostics Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "mynassist-diagnostics.txt");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
myna_diagnostics_dialog_dispose (GObject *object)
{
  MynaDiagnosticsDialog *self = MYNA_DIAGNOSTICS_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MYNA_TYPE_DIAGNOSTICS_DIALOG);

  G_OBJECT_CLASS (myna_diagnostics_dialog_parent_class)->dispose (object);
}

static void
myna_diagnostics_dialog_finalize (GObject *object)
{
  MynaDiagnosticsDialog *self = MYNA_DIAGNOSTICS_DIALOG (object);

  g_clear_object (&self->report);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->text);

  G_OBJECT_CLASS (myna_diagnostics_dialog_parent_class)->finalize (object);
}

static void
myna_diagnostics_dialog_class_init (MynaDiagnosticsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_diagnostics_dialog_dispose;
  object_class->finalize = myna_diagnostics_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-diagnostics-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaDiagnosticsDialog, personal_switch);
  gtk_widget_class_bind_template_child (widget_class, MynaDiagnosticsDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, MynaDiagnosticsDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, MynaDiagnosticsDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MynaDiagnosticsDialog, save_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
myna_diagnostics_dialog_init (MynaDiagnosticsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* One name each: "_Save… Save…" and the switch's name joined with its row's title were
   * read twice. */
  myna_page_name_rows (GTK_WIDGET (self));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->personal_switch), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  self->created = g_date_time_new_now_utc ();
  g_signal_connect (self->personal_switch, "notify::active", G_CALLBACK (personal_changed_cb), self);
  g_signal_connect (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
}

/**
 * myna_diagnostics_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @report: the report to show
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
MynaDiagnosticsDialog *
myna_diagnostics_dialog_new (GtkWindow       *parent,
                             MynaDiagnostics *report)
{
  MynaDiagnosticsDialog *self;

  g_return_val_if_fail (MYNA_IS_DIAGNOSTICS (report), NULL);

  self = g_object_new (MYNA_TYPE_DIAGNOSTICS_DIALOG, "transient-for", parent, NULL);
  self->report = g_object_ref (report);
  render (self);
  return self;
}

/**
 * myna_diagnostics_new_for_session:
 * @session: the wizard's session
 *
 * The report from what the session knows: readers, state, status or error. No card I/O.
 *
 * Returns: (transfer full): a report
 */
MynaDiagnostics *
myna_diagnostics_new_for_session (MynaSession *session)
{
  MynaDiagnostics *report = myna_diagnostics_new ();
  g_autofree char *gtk_version = NULL, *adw_version = NULL;
  MynaSessionState state;
  GPtrArray *readers;
  const GError *error;

  g_return_val_if_fail (MYNA_IS_SESSION (session), report);

  gtk_version = g_strdup_printf ("%u.%u.%u", gtk_get_major_version (), gtk_get_minor_version (),
                                 gtk_get_micro_version ());
  adw_version = g_strdup_printf ("%u.%u.%u", adw_get_major_version (), adw_get_minor_version (),
                                 adw_get_micro_version ());
  myna_diagnostics_set_ui_versions (report, gtk_version, adw_version);

  state = myna_session_get_state (session);
  error = myna_session_get_error (session);

  if (myna_session_get_demo (session))
    myna_diagnostics_set_card_source (report, _("demo card"));
  else if (state == MYNA_SESSION_NO_SERVICE)
    {
      myna_diagnostics_set_pcscd (report, FALSE, error ? error->message : NULL);
      myna_diagnostics_add_step (report, MYNA_DIAGNOSTICS_SERVICE, MYNA_DIAGNOSTICS_STEP_FAILED,
                                 error ? error->message : NULL);
    }
  else if (state != MYNA_SESSION_STARTING)
    {
      myna_diagnostics_set_pcscd (report, TRUE, NULL);
      myna_diagnostics_add_step (report, MYNA_DIAGNOSTICS_SERVICE, MYNA_DIAGNOSTICS_STEP_OK, NULL);
    }

  readers = myna_session_get_readers (session);
  for (guint i = 0; readers != NULL && i < readers->len; i++)
    {
      const MynaReaderInfo *reader = g_ptr_array_index (readers, i);

      myna_diagnostics_add_reader (report, reader);
      /* The demo reader's name is ours: called by the same words as on the Reader page. */
      if (myna_session_get_demo (session))
        myna_diagnostics_set_reader_label (report, reader->name, _("Demo card reader"));
    }
  /* The card was read through the demo card's own transport, which has a name of its own. */
  if (myna_session_get_demo (session) && myna_session_get_status (session) != NULL &&
      myna_session_get_status (session)->reader != NULL)
    myna_diagnostics_set_reader_label (report, myna_session_get_status (session)->reader,
                                       _("Demo card reader"));
  if (!myna_session_get_demo (session) && state != MYNA_SESSION_NO_SERVICE &&
      state != MYNA_SESSION_STARTING)
    myna_diagnostics_add_step (report, MYNA_DIAGNOSTICS_READERS,
                               state == MYNA_SESSION_NO_READER ? MYNA_DIAGNOSTICS_STEP_FAILED
                                                               : MYNA_DIAGNOSTICS_STEP_OK, NULL);

  switch (state)
    {
    case MYNA_SESSION_NO_CARD:
    case MYNA_SESSION_CARD_MUTE:
    case MYNA_SESSION_READER_BUSY:
      myna_diagnostics_add_step (report, MYNA_DIAGNOSTICS_CARD, MYNA_DIAGNOSTICS_STEP_FAILED,
                                 error ? error->message : NULL);
      break;
    case MYNA_SESSION_READY:
      myna_diagnostics_collect_status (report, myna_session_get_status (session), NULL);
      /* The counters as they are now, after any PIN entered since the card was read. */
      for (MynaPinKind kind = 0; kind < MYNA_PIN_KIND_COUNT; kind++)
        {
          MynaPinTries tries;

          if (myna_session_get_tries (session, kind, &tries))
            myna_diagnostics_set_tries (report, kind, &tries);
        }
      break;
    case MYNA_SESSION_NOT_MYNUMBER:
    case MYNA_SESSION_READ_FAILED:
      if (error != NULL)
        myna_diagnostics_collect_status (report, NULL, error);
      break;
    case MYNA_SESSION_STARTING:
    case MYNA_SESSION_NO_SERVICE:
    case MYNA_SESSION_NO_READER:
    case MYNA_SESSION_READING:
    default:
      break;
    }

  return report;
}

/**
 * myna_diagnostics_dialog_new_for_session:
 *
 * Returns: (transfer none): the dialog for myna_diagnostics_new_for_session()
 */
MynaDiagnosticsDialog *
myna_diagnostics_dialog_new_for_session (GtkWindow   *parent,
                                         MynaSession *session)
{
  g_autoptr(MynaDiagnostics) report = myna_diagnostics_new_for_session (session);

  return myna_diagnostics_dialog_new (parent, report);
}

/* Exactly what Copy and Save use. */
const char *
myna_diagnostics_dialog_get_text (MynaDiagnosticsDialog *self)
{
  g_return_val_if_fail (MYNA_IS_DIAGNOSTICS_DIALOG (self), NULL);

  return self->text;
}

gboolean
myna_diagnostics_dialog_get_include_personal_data (MynaDiagnosticsDialog *self)
{
  g_return_val_if_fail (MYNA_IS_DIAGNOSTICS_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->personal_switch);
}

void
myna_diagnostics_dialog_set_include_personal_data (MynaDiagnosticsDialog *self,
                                                   gboolean               include)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS_DIALOG (self));

  gtk_switch_set_active (self->personal_switch, include);
}
