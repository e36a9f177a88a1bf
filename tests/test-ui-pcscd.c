/* test-ui-pcscd.c — the wizard's session and PIN dialog on the real PC/SC stack
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/integration/test-pcscd-ui.sh, which provides pcscd with the vpcd driver and a
 * work folder. This program starts mynassist-vcard itself (so it can pull the card out and put
 * it back), and drives MynaSession + MynaPinDialog exactly as the app does: insert, read,
 * a wrong PIN (one try spent, tries left said), a locked PIN (nothing sent), removal and
 * re-insertion. The shell script then checks the card's own log and state file.
 *
 * Environment: MYNASSIST_VCARD, IT_PROFILE, IT_STATE, IT_LOG, IT_PIDFILE.
 */

#include "config.h"

#include <string.h>

#include "test-ui-common.h"

#include "myna-pin-dialog.h"
#include "myna-window.h"

static GSubprocess *vcard;

static void
start_vcard (void)
{
  g_autoptr(GError) error = NULL;

  vcard = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            g_getenv ("MYNASSIST_VCARD"),
                            "--profile", g_getenv ("IT_PROFILE"),
                            "--state", g_getenv ("IT_STATE"),
                            "--log", g_getenv ("IT_LOG"),
                            NULL);
  g_assert_no_error (error);
  /* If an assertion aborts us, the script still stops the bridge by this pid. */
  if (g_getenv ("IT_PIDFILE") != NULL)
    g_file_set_contents (g_getenv ("IT_PIDFILE"), g_subprocess_get_identifier (vcard), -1, NULL);
}

static void
stop_vcard (void)
{
  g_subprocess_send_signal (vcard, SIGTERM);
  g_subprocess_wait (vcard, NULL, NULL);
  g_clear_object (&vcard);
}

static gboolean
is_ready (gpointer data)
{
  return myna_session_get_state (data) == MYNA_SESSION_READY && test_ui_session_settled (data);
}

static gboolean
is_no_card (gpointer data)
{
  return myna_session_get_state (data) == MYNA_SESSION_NO_CARD;
}

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), MYNA_TYPE_PIN_DIALOG, name));
}

static void
assert_tries (MynaSession *session,
              MynaPinKind  kind,
              guint        remaining,
              gboolean     blocked)
{
  MynaPinTries tries;

  g_assert_true (myna_session_get_tries (session, kind, &tries));
  g_assert_true (tries.known);
  g_assert_cmpuint (tries.remaining, ==, remaining);
  g_assert_cmpint (tries.blocked, ==, blocked);
}

static void
test_real_stack (void)
{
  g_autoptr(MynaSession) session = myna_session_new ();
  MynaWindow *window = myna_window_new (NULL, session);
  MynaPinDialog *dialog;
  gint64 t0;

  gtk_window_present (GTK_WINDOW (window));
  myna_window_set_page (window, "reader");

  /* Insert and read. */
  start_vcard ();
  g_assert_true (test_ui_wait_for (is_ready, session, 30000));
  g_test_message ("reader: %s", myna_session_get_reader (session));
  assert_tries (session, MYNA_PIN_AUTH, 3, FALSE);
  assert_tries (session, MYNA_PIN_SIGN, 5, FALSE);
  assert_tries (session, MYNA_PIN_CARD_INFO, 0, TRUE);

  /* A wrong PIN: one try spent, and the dialog says how many are left. */
  dialog = myna_pin_dialog_new (GTK_WINDOW (window), session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 20000));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "current_entry")), "9999");
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));
  g_signal_emit_by_name (child (dialog, "submit_button"), "clicked");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 20000));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (dialog, "error_label"))),
                            "2 more wrong entries"));
  assert_tries (session, MYNA_PIN_AUTH, 2, FALSE);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A locked PIN: the dialog shows the way to the reset, and offers no entry at all. */
  dialog = myna_pin_dialog_new (GTK_WINDOW (window), session, MYNA_PIN_CARD_INFO, MYNA_PIN_DIALOG_TEST);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 20000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==, "result");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Out: the page follows within a second or so. */
  t0 = g_get_monotonic_time ();
  stop_vcard ();
  g_assert_true (test_ui_wait_for (is_no_card, session, 5000));
  g_test_message ("removal seen after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
  g_assert_null (myna_session_get_status (session));

  /* In again: read afresh, and the spent try is still spent (it lives on the card). */
  t0 = g_get_monotonic_time ();
  start_vcard ();
  g_assert_true (test_ui_wait_for (is_ready, session, 30000));
  g_test_message ("re-insertion read after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
  assert_tries (session, MYNA_PIN_AUTH, 2, FALSE);

  stop_vcard ();
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/pcscd/insert-read-pin-remove", test_real_stack);

  return g_test_run ();
}
