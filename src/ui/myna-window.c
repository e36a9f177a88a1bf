/* myna-window.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant: a GtkStack of MynaPages with a step list, Back/Next and the step title in
 * the header (the gnome-initial-setup shape; no GtkAssistant, which GTK 4.10 deprecates).
 * All navigation lives here so that a later move to AdwNavigationView touches one file.
 */

#define G_LOG_DOMAIN "myna-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-window.h"
#include "myna-page.h"
#include "pages/myna-welcome-page.h"
#include "pages/myna-reader-page.h"
#include "pages/myna-certificates-page.h"
#include "pages/myna-pins-page.h"
#include "pages/myna-portal-page.h"
#include "pages/myna-reset-page.h"
#include "pages/myna-help-page.h"

#include "myna-diagnostics-dialog.h"
#include "myna-reminder-banner.h"

/* The steps in order; the last entry ("help") is the reference page outside the sequence. */
static const char * const page_names[] = {
  "welcome", "reader", "certificates", "pins", "portal", "reset", "help",
};
#define N_STEPS 6

struct _MynaWindow
{
  AdwApplicationWindow  parent_instance;

  GtkBox               *content_box;
  AdwHeaderBar         *header_bar;
  GtkWidget            *reminder_banner;
  MynaCardStatus       *remembered_status;   /* only compared, never dereferenced */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *steps_button;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkButton            *cancel_button;
  GtkSpinner           *spinner;
  GtkRevealer          *demo_revealer;
  GtkBox               *body_box;
  GtkRevealer          *steps_revealer;
  GtkOverlay           *page_overlay;
  GtkListBox           *steps_list;
  GtkStack             *stack;

  MynaSession          *session;
  MynaPage             *pages[G_N_ELEMENTS (page_names)];
  GSettings            *settings;
  guint                 current;
  guint                 help_return;  /* the step the help page was opened from */
  GWeakRef              help_focus;   /* the control focused there, to come back to */
  guint                 focus_source;
  gboolean              narrow;
  gboolean              shown;     /* mapped once: the start focus is placed */
};

/* Below this width the step list folds away and, when brought back with F9 or the header
 * button, slides over the page rather than squeezing it (GTK 4.8 has no breakpoints). */
#define NARROW_WIDTH 640

G_DEFINE_FINAL_TYPE (MynaWindow, myna_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
focus_page_cb (gpointer data)
{
  MynaWindow *self = data;

  self->focus_source = 0;
  /* Back from the help page: to the control the user left, not the top of the step. */
  if (self->current != G_N_ELEMENTS (page_names) - 1)
    {
      g_autoptr(GtkWidget) back_to = g_weak_ref_get (&self->help_focus);

      g_weak_ref_set (&self->help_focus, NULL);
      if (back_to != NULL && gtk_widget_is_ancestor (back_to, GTK_WIDGET (self->pages[self->current])) &&
          gtk_widget_is_sensitive (back_to) && gtk_widget_get_mapped (back_to) &&
          gtk_widget_grab_focus (back_to))
        {
          myna_show_focus (GTK_WIDGET (self));
          return G_SOURCE_REMOVE;
        }
    }
  if (!myna_page_focus_first (self->pages[self->current]))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  myna_show_focus (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* GtkStack moves a focus it held into the new page itself (to the control focused there last
 * time, or the first one), and a screen reader would announce that before our own move. */
static void
release_stack_focus (MynaWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* GtkStackPage is what a screen reader meets first on entering a step (GTK 4.8 names it
 * "GtkStackPage" otherwise): name it after the step and let it carry the step's key sentence. */
static void
describe_stack_page (MynaPage   *page,
                     GParamSpec *pspec,
                     MynaWindow *self)
{
  GtkStackPage *stack_page = gtk_stack_get_page (self->stack, GTK_WIDGET (page));
  const char *summary = myna_page_get_summary (page);

  if (stack_page == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (stack_page),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, myna_page_get_title (page),
                                  -1);
  if (summary != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (stack_page),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (stack_page), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
mapped_cb (MynaWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (self->shown)
    return;
  self->shown = TRUE;

  /* Start on the page's first control too, not on the first button of the header, which
   * GtkWindow picks when it is shown. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    if (!myna_page_focus_first (self->pages[self->current]))
      gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
update_header (MynaWindow *self)
{
  MynaPage *page = self->pages[self->current];
  g_autofree char *subtitle = NULL;
  gboolean demo = self->session != NULL && myna_session_get_demo (self->session);

  if (self->current < N_STEPS)
    /* Translators: the window subtitle, for example "Step 2 of 6". */
    subtitle = g_strdup_printf (_("Step %1$u of %2$u"), self->current + 1, N_STEPS);
  else
    subtitle = g_strdup (_("Reference"));

  if (demo)
    {
      char *with_demo = g_strdup_printf ("%s · %s", subtitle, C_("short label", "Demo"));

      g_free (subtitle);
      subtitle = with_demo;
    }

  adw_window_title_set_title (self->window_title, myna_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next", self->current + 1 < N_STEPS);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->current + 1 < N_STEPS);
}

static void
show_page (MynaWindow *self,
           guint       index,
           gboolean    move_focus)
{
  GtkListBoxRow *row;

  g_assert (index < G_N_ELEMENTS (page_names));

  if (index == G_N_ELEMENTS (page_names) - 1 && self->current != index)
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

      self->help_return = self->current;
      g_weak_ref_set (&self->help_focus,
                      focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->pages[self->current]))
                      ? focus : NULL);
    }
  else if (self->current != G_N_ELEMENTS (page_names) - 1 || index != self->help_return)
    g_weak_ref_set (&self->help_focus, NULL);

  self->current = index;
  if (move_focus)
    release_stack_focus (self);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->pages[index]));

  row = gtk_list_box_get_row_at_index (self->steps_list, index);
  gtk_list_box_select_row (self->steps_list, row);

  update_header (self);

  if (move_focus && self->focus_source == 0)
    self->focus_source = g_idle_add (focus_page_cb, self);
}

static void
update_busy (MynaWindow *self)
{
  gboolean busy = self->session != NULL && myna_session_get_busy (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  for (guint i = 0; i < G_N_ELEMENTS (self->pages); i++)
    if (self->pages[i] != NULL)
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->pages[i]),
                                   GTK_ACCESSIBLE_STATE_BUSY, busy,
                                   -1);
}

static void
session_busy_cb (MynaSession *session,
                 GParamSpec  *pspec,
                 MynaWindow  *self)
{
  update_busy (self);
}

static void
session_demo_cb (MynaSession *session,
                 GParamSpec  *pspec,
                 MynaWindow  *self)
{
  gtk_revealer_set_reveal_child (self->demo_revealer, myna_session_get_demo (session));
  update_header (self);
}

static void
steps_row_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        MynaWindow    *self)
{
  show_page (self, gtk_list_box_row_get_index (row), TRUE);

  /* Over a narrow page the list has done its job once a step is chosen. */
  if (self->narrow)
    gtk_toggle_button_set_active (self->steps_button, FALSE);
}

/* Arrow keys in the list select rows as they move: show the step selected, like the sidebar
 * of GNOME Settings, so that the highlighted row is always the page shown. The focus stays in
 * the list; Enter (row-activated) moves it to the page. Not while the list lies over a
 * narrow page, like a menu: there only Enter chooses, and Escape leaves the step as it was. */
static void
steps_row_selected_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       MynaWindow    *self)
{
  if (row == NULL || (guint) gtk_list_box_row_get_index (row) == self->current || self->narrow)
    return;

  show_page (self, gtk_list_box_row_get_index (row), FALSE);
}

static void
steps_revealed_cb (MynaWindow *self)
{
  GtkListBoxRow *row;

  /* Whoever opens the list (F9 or the button) wants to pick a step: put the focus on the
   * current one. When it closes over a narrow page, give the focus back to the page. */
  if (gtk_revealer_get_reveal_child (self->steps_revealer))
    {
      row = gtk_list_box_get_row_at_index (self->steps_list, self->current);
      if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else if (self->narrow)
    {
      /* Closed without choosing: the highlight goes back to the step shown. */
      gtk_list_box_select_row (self->steps_list,
                               gtk_list_box_get_row_at_index (self->steps_list, self->current));
      if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->focus_source == 0)
        self->focus_source = g_idle_add (focus_page_cb, self);
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);

  if (self->current == G_N_ELEMENTS (page_names) - 1)
    show_page (self, self->help_return, TRUE);
  else if (self->current > 0)
    show_page (self, self->current - 1, TRUE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);

  if (self->current + 1 < N_STEPS)
    show_page (self, self->current + 1, TRUE);
}

static void
goto_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  myna_window_set_page (MYNA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
goto_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);
  MynaResetPage *reset = MYNA_RESET_PAGE (self->pages[5]);
  g_autofree char *pin = NULL;
  g_autofree char *situation = NULL;

  g_variant_get (parameter, "(ss)", &pin, &situation);
  myna_reset_page_show_guide (reset, pin, situation);
  show_page (self, 5, TRUE);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);

  show_page (self, G_N_ELEMENTS (page_names) - 1, TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);

  if (self->session != NULL)
    myna_session_cancel_job (self->session);
}

static void
diagnostics_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);

  /* Built from the session (no card I/O); the user sees exactly what is copied. */
  gtk_window_present (GTK_WINDOW (myna_diagnostics_dialog_new_for_session (GTK_WINDOW (self),
                                                                           self->session)));
}

static void
session_changed_cb (MynaSession *session,
                    MynaWindow  *self)
{
  MynaCardStatus *status = myna_session_get_status (session);

  /* Expiry dates are kept only while the user agreed; the banner checks that itself. Never
   * the demo card's: its dates are fictitious and would replace the real card's. */
  if (self->reminder_banner != NULL && status != NULL && status != self->remembered_status &&
      myna_session_get_state (session) == MYNA_SESSION_READY && !myna_session_get_demo (session))
    {
      self->remembered_status = status;
      myna_reminder_banner_remember_status (MYNA_REMINDER_BANNER (self->reminder_banner), status);
    }
}

static void
sign_certificate_read_cb (MynaCertificatesPage *page,
                          MynaCertificate      *certificate,
                          MynaWindow           *self)
{
  if (self->reminder_banner != NULL && !myna_session_get_demo (self->session))
    myna_reminder_banner_remember_certificate (MYNA_REMINDER_BANNER (self->reminder_banner),
                                               MYNA_REMINDER_CERT_SIGN, certificate);
}

static void
toggle_steps_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);

  gtk_toggle_button_set_active (self->steps_button,
                                !gtk_toggle_button_get_active (self->steps_button));
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MynaWindow *self = MYNA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!myna_session_start_demo (self->session, &error))
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Demo Could Not Start"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      /* Orca reads only the heading of a libadwaita 1.2 message dialog otherwise. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_page (self, 1, TRUE);
}

static GtkWidget *
create_step_row (MynaWindow *self,
                 MynaPage   *page,
                 guint       index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (myna_page_get_icon_name (page));
  GtkWidget *label = gtk_label_new (myna_page_get_title (page));

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* GTK 4.8 does not name a row after its text, so name it ourselves. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, myna_page_get_title (page),
                                  -1);

  if (index == N_STEPS)
    gtk_widget_add_css_class (row, "reference-row");

  return row;
}

/* Beside the page when there is room, over it when narrow. */
static void
place_steps (MynaWindow *self,
             gboolean    over_page)
{
  GtkWidget *revealer = GTK_WIDGET (self->steps_revealer);
  GtkWidget *parent = gtk_widget_get_parent (revealer);

  if (parent == (over_page ? GTK_WIDGET (self->page_overlay) : GTK_WIDGET (self->body_box)))
    return;

  g_object_ref (revealer);
  if (parent == GTK_WIDGET (self->body_box))
    gtk_box_remove (self->body_box, revealer);
  else if (parent != NULL)
    gtk_overlay_remove_overlay (self->page_overlay, revealer);

  if (over_page)
    gtk_overlay_add_overlay (self->page_overlay, revealer);
  else
    gtk_box_prepend (self->body_box, revealer);
  g_object_unref (revealer);
}

static gboolean
steps_escape_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   data)
{
  MynaWindow *self = data;

  /* Escape closes the list lying over the page, like a popover; beside the page it stays. */
  if (!self->narrow || !gtk_revealer_get_reveal_child (self->steps_revealer))
    return FALSE;
  gtk_toggle_button_set_active (self->steps_button, FALSE);
  return TRUE;
}

/* A header button as a named icon (narrow) or with its mnemonic label (wide). */
static void
header_button_show_icon (GtkButton  *button,
                         const char *icon_name,
                         const char *name)
{
  gtk_button_set_icon_name (button, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), name);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
header_button_show_label (GtkButton  *button,
                          const char *mnemonic_label)
{
  gtk_button_set_label (button, mnemonic_label);
  gtk_button_set_use_underline (button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), NULL);
}

static void
default_width_cb (MynaWindow *self,
                  GParamSpec *pspec,
                  gpointer    data)
{
  int width = 0, height = 0;
  gboolean narrow;

  /* GTK 4.8 needs both pointers, whatever the docs say. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  if (narrow == self->narrow)
    return;

  /* Only on crossing the threshold, so that the user can still open the list when narrow. */
  self->narrow = narrow;
  place_steps (self, narrow);
  gtk_toggle_button_set_active (self->steps_button, !narrow);
  /* Minimise and maximise do not fit beside the step controls in 360 px; phones show only
   * close as well. */
  adw_header_bar_set_decoration_layout (self->header_bar, narrow ? ":close" : NULL);

  /* At 360 px the header has no room for labelled Back/Next: use arrows, keep the names
   * (Alt+Left and Alt+Right still work). The same for Cancel, or the header outgrows 360 px
   * whenever the card works. */
  if (narrow)
    {
      header_button_show_icon (self->back_button, "go-previous-symbolic", _("Back"));
      header_button_show_icon (self->next_button, "go-next-symbolic", _("Next"));
      header_button_show_icon (self->cancel_button, "process-stop-symbolic", _("Cancel"));
    }
  else
    {
      header_button_show_label (self->cancel_button, _("_Cancel"));
      header_button_show_label (self->back_button, _("_Back"));
      header_button_show_label (self->next_button, _("_Next"));
      myna_page_name_rows (gtk_widget_get_parent (GTK_WIDGET (self->back_button)));
      myna_page_name_rows (gtk_widget_get_parent (GTK_WIDGET (self->next_button)));
    }
}

static void
setup_settings (MynaWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* The schema arrives with the desktop files; run without remembering size if absent. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "window-width"))
    return;

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  if (g_settings_schema_has_key (schema, "window-maximized"))
    g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
myna_window_dispose (GObject *object)
{
  MynaWindow *self = (MynaWindow *)object;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_weak_ref_set (&self->help_focus, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);


  G_OBJECT_CLASS (myna_window_parent_class)->dispose (object);
}

static void
myna_window_class_init (MynaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, steps_button);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, body_box);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, steps_revealer);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, page_overlay);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MynaWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "win.goto", "s", goto_action);
  gtk_widget_class_install_action (widget_class, "win.goto-reset", "(ss)", goto_reset_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-steps", NULL, toggle_steps_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.diagnostics", NULL, diagnostics_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-steps", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next", NULL);
  /* The mnemonics of Back and Next, kept when the narrow header shows arrows instead. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_ALT_MASK, "win.next", NULL);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MynaWindow            *self)
{
  g_object_set_data (G_OBJECT (self), MYNA_LAST_INPUT_KEYBOARD, GINT_TO_POINTER (TRUE));
  return FALSE;
}

static void
pointer_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    MynaWindow      *self)
{
  g_object_set_data (G_OBJECT (self), MYNA_LAST_INPUT_KEYBOARD, NULL);
}

static void
myna_window_init (MynaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_keep_focus_in_view (GTK_WINDOW (self));
  /* Which input came last, for myna_show_focus(); both only watch, in the capture phase. */
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkGesture *clicks = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (clicks), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (clicks), GTK_PHASE_CAPTURE);
    g_signal_connect (clicks, "pressed", G_CALLBACK (pointer_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (clicks));
  }
  g_signal_connect (self->steps_list, "row-activated", G_CALLBACK (steps_row_activated_cb), self);
  g_signal_connect (self->steps_list, "row-selected", G_CALLBACK (steps_row_selected_cb), self);
  g_signal_connect_swapped (self->steps_revealer, "notify::reveal-child", G_CALLBACK (steps_revealed_cb), self);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_callback_action_new (steps_escape_cb, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->steps_revealer), shortcuts);
  }
  /* An icon: named once, without the image's name or the tooltip repeated. */
  myna_accessible_name_icon_button (GTK_WIDGET (self->steps_button), _("Show the list of steps"));
  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_cb), NULL);
  g_signal_connect_after (self, "map", G_CALLBACK (mapped_cb), NULL);
  setup_settings (self);
  default_width_cb (self, NULL, NULL);
}

/**
 * myna_window_new:
 * @application: (nullable): the application
 * @session: the session the pages show
 *
 * Returns: (transfer full): a new window
 */
MynaWindow *
myna_window_new (GtkApplication *application,
                 MynaSession    *session)
{
  MynaWindow *self;

  g_return_val_if_fail (MYNA_IS_SESSION (session), NULL);

  self = g_object_new (MYNA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->session = g_object_ref (session);

  self->pages[0] = MYNA_PAGE (myna_welcome_page_new (session));
  self->pages[1] = MYNA_PAGE (myna_reader_page_new (session));
  self->pages[2] = MYNA_PAGE (myna_certificates_page_new (session));
  self->pages[3] = MYNA_PAGE (myna_pins_page_new (session));
  self->pages[4] = MYNA_PAGE (myna_portal_page_new (session));
  self->pages[5] = MYNA_PAGE (myna_reset_page_new (session));
  self->pages[6] = MYNA_PAGE (myna_help_page_new (session));

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->pages[i]), page_names[i]);
      gtk_list_box_append (self->steps_list, create_step_row (self, self->pages[i], i));
      describe_stack_page (self->pages[i], NULL, self);
      g_signal_connect_object (self->pages[i], "notify::summary",
                               G_CALLBACK (describe_stack_page), self, 0);
    }

  /* Only with the app's settings: the banner keeps its consent and dates there. */
  if (self->settings != NULL)
    {
      self->reminder_banner = myna_reminder_banner_new (self->settings);
      gtk_box_insert_child_after (self->content_box, self->reminder_banner,
                                  GTK_WIDGET (self->header_bar));
      myna_reminder_banner_update (MYNA_REMINDER_BANNER (self->reminder_banner));
    }

  g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb), self);
  g_signal_connect (self->pages[2], "sign-certificate-read", G_CALLBACK (sign_certificate_read_cb), self);
  g_signal_connect (session, "notify::busy", G_CALLBACK (session_busy_cb), self);
  g_signal_connect (session, "notify::demo", G_CALLBACK (session_demo_cb), self);
  gtk_revealer_set_reveal_child (self->demo_revealer, myna_session_get_demo (session));
  update_busy (self);
  session_changed_cb (session, self);
  show_page (self, 0, FALSE);
  myna_page_name_rows (GTK_WIDGET (self));
  myna_accessible_name_scrolled (gtk_widget_get_ancestor (GTK_WIDGET (self->steps_list), GTK_TYPE_SCROLLED_WINDOW), _("Steps"));

  return self;
}

/**
 * myna_window_get_session:
 *
 * Returns: (transfer none): the session
 */
MynaSession *
myna_window_get_session (MynaWindow *self)
{
  g_return_val_if_fail (MYNA_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * myna_window_set_page:
 * @name: "welcome", "reader", "certificates", "pins", "portal", "reset" or "help"
 *
 * Shows a step and moves the focus to its first control.
 */
gboolean
myna_window_set_page (MynaWindow *self,
                      const char *name)
{
  g_return_val_if_fail (MYNA_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      {
        show_page (self, i, TRUE);
        return TRUE;
      }

  return FALSE;
}

const char *
myna_window_get_page (MynaWindow *self)
{
  g_return_val_if_fail (MYNA_IS_WINDOW (self), NULL);

  return page_names[self->current];
}
