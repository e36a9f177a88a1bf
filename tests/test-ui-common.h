/* test-ui-common.h — helpers shared by the UI tests
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <locale.h>
#include <glib/gi18n-lib.h>

#include "myna-session.h"
#include "virtual-card/myna-virtual-card.h"

/* Runs the main loop until @done (polled) or @timeout_ms; returns whether it got done. */
static inline gboolean
test_ui_wait_for (gboolean (*done) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static inline gboolean
test_ui_session_settled (gpointer data)
{
  MynaSession *session = data;

  return !myna_session_get_busy (session) &&
         myna_session_get_state (session) != MYNA_SESSION_READING &&
         myna_session_get_state (session) != MYNA_SESSION_STARTING;
}

/* A demo session on the generated test card (tests/pki/card.ini), already read. */
static inline MynaSession *
test_ui_new_session (const char *profile)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MynaSession *session;

  if (profile == NULL)
    path = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  session = myna_session_new_demo (profile != NULL ? profile : path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));

  return session;
}

/* The same on a slow card (@latency_ms per command), so that a test sees the states between. */
static inline MynaSession *
test_ui_new_slow_session (guint latency_ms)
{
  MynaSession *session = test_ui_new_session (NULL);

  myna_virtual_card_set_latency_ms (myna_session_get_demo_card (session), latency_ms);
  return session;
}

static inline void
test_ui_init (int    *argc,
              char ***argv)
{
  const char *localedir = g_getenv ("MYNASSIST_LOCALEDIR");

  /* Like the app's main(): translations from the build tree when a test asks for them. */
  if (localedir != NULL && *localedir != '\0')
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  gtk_test_init (argc, argv, NULL);
  /* gtk_test_init() forces en_US; a test run in another language asks for its own. */
  if (localedir != NULL && *localedir != '\0')
    setlocale (LC_ALL, "");
  adw_init ();
  /* Without a window manager no window is active, and GtkText's cursor blink then warns that
   * it "did not receive a focus-out event", which fatal-warnings turns into a failure. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
}
