/* myna-application.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Command-line options (--demo, --latency-ms, --page), app actions and the one window.
 */

#define G_LOG_DOMAIN "myna-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-application.h"
#include "myna-session.h"
#include "myna-window.h"

#include "myna-about.h"

struct _MynaApplication
{
  AdwApplication  parent_instance;

  gboolean        demo;
  char           *demo_profile;
  int             latency_ms;
  char           *page;
};

G_DEFINE_FINAL_TYPE (MynaApplication, myna_application, ADW_TYPE_APPLICATION)

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  /* Read with the heading: Orca does not read a libadwaita 1.2 message dialog's body. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
myna_application_activate (GApplication *app)
{
  MynaApplication *self = MYNA_APPLICATION (app);
  g_autoptr(MynaSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->demo)
    {
      session = myna_session_new_demo (self->demo_profile, MAX (self->latency_ms, 0), &error);
      if (session == NULL)
        g_warning ("Cannot start the demo card: %s", error->message);
    }
  if (session == NULL)
    session = myna_session_new ();

  window = GTK_WINDOW (myna_window_new (GTK_APPLICATION (app), session));
  if (self->page != NULL && !myna_window_set_page (MYNA_WINDOW (window), self->page))
    g_warning ("No such page: %s", self->page);
  gtk_window_present (window);

  if (error != NULL)
    show_error (window, _("The Demo Could Not Start"), error->message);
}

static int
myna_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  MynaApplication *self = MYNA_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("mynassist %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "profile", "^ay", &self->demo_profile);
  g_variant_dict_lookup (options, "latency-ms", "i", &self->latency_ms);
  g_variant_dict_lookup (options, "page", "s", &self->page);
  if (self->demo_profile != NULL)
    self->demo = TRUE;

  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  myna_show_about_window (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
myna_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "quit", quit_action },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (myna_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
myna_application_finalize (GObject *object)
{
  MynaApplication *self = (MynaApplication *)object;

  g_free (self->demo_profile);
  g_free (self->page);

  G_OBJECT_CLASS (myna_application_parent_class)->finalize (object);
}

static void
myna_application_class_init (MynaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = myna_application_finalize;
  app_class->activate = myna_application_activate;
  app_class->startup = myna_application_startup;
  app_class->handle_local_options = myna_application_handle_local_options;
}

static void
myna_application_init (MynaApplication *self)
{
  const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run on a demo card instead of a card reader"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Run on the virtual card described by FILE"), N_("FILE") },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("Make the demo card answer every command after MS milliseconds"), N_("MS") },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the step PAGE (welcome, reader, certificates, pins, portal, reset, help)"), N_("PAGE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * myna_application_new:
 *
 * Returns: (transfer full): the application
 */
MynaApplication *
myna_application_new (void)
{
  /* NON_UNIQUE: a second instance (say, the demo next to the real card) must not be folded
   * into the first, whose options differ. */
  return g_object_new (MYNA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/mynassist/Mynassist",
                       NULL);
}
