/* test-reader-monitor.c — MynaReaderMonitor against the real pcscd with the vpcd reader:
 * a card put in and taken out (mynassist-vcard started and stopped) is seen within a second
 * or two, events arrive on the main context, and stopping is quick.
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "myna-error.h"
#include "myna-reader-monitor.h"

static GThread *main_thread;

typedef struct
{
  GMainLoop *loop;
  guint      changes;
  gboolean   wrong_thread;
} Watch;

static void
changed_cb (MynaReaderMonitor *monitor,
            Watch             *w)
{
  if (g_thread_self () != main_thread)
    w->wrong_thread = TRUE;
  w->changes++;
  g_main_loop_quit (w->loop);
}

static gboolean
timeout_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
has_card (MynaReaderMonitor *monitor)
{
  GPtrArray *readers = myna_reader_monitor_get_readers (monitor);

  for (guint i = 0; i < readers->len; i++)
    if (((MynaReaderInfo *) g_ptr_array_index (readers, i))->state == MYNA_READER_CARD_PRESENT)
      return TRUE;
  return FALSE;
}

/* Runs the loop until the card state is @want or @seconds pass. */
static gboolean
wait_for_card (MynaReaderMonitor *monitor,
               Watch             *w,
               gboolean           want,
               guint              seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (has_card (monitor) != want && g_get_monotonic_time () < end)
    {
      guint id = g_timeout_add (200, timeout_cb, w->loop);

      g_main_loop_run (w->loop);
      g_source_remove_by_user_data (w->loop);
      (void) id;
    }
  return has_card (monitor) == want;
}

static void
test_insert_remove (void)
{
  g_autoptr(MynaReaderMonitor) monitor = myna_reader_monitor_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  const char *vcard = g_getenv ("MYNASSIST_VCARD");
  Watch w = { loop, 0, FALSE };
  g_autoptr(GSubprocess) card = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_signal_connect (monitor, "changed", G_CALLBACK (changed_cb), &w);

  /* The first report: readers, or pcscd missing. */
  g_timeout_add_seconds (5, timeout_cb, loop);
  g_main_loop_run (loop);
  if (myna_reader_monitor_get_error (monitor) != NULL ||
      myna_reader_monitor_get_readers (monitor)->len == 0)
    {
      if (g_strcmp0 (g_getenv ("MYNASSIST_REQUIRE_PCSCD"), "1") == 0)
        g_error ("pcscd with the vpcd driver is not running");
      g_test_skip ("pcscd with the vpcd driver is not running");
      return;
    }
  g_assert_false (has_card (monitor));

  start = g_get_monotonic_time ();
  card = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, vcard, "--profile", profile, NULL);
  g_assert_no_error (error);
  g_assert_true (wait_for_card (monitor, &w, TRUE, 10));
  g_test_message ("card seen after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);

  start = g_get_monotonic_time ();
  g_subprocess_send_signal (card, SIGTERM);
  g_subprocess_wait (card, NULL, NULL);
  g_assert_true (wait_for_card (monitor, &w, FALSE, 10));
  g_test_message ("removal seen after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  /* The page must update "within a second"; allow scheduling slack on a loaded CI machine. */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 3000);

  g_assert_false (w.wrong_thread);
  g_assert_cmpuint (w.changes, >=, 3);

  start = g_get_monotonic_time ();
  myna_reader_monitor_stop (monitor);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 2000);
}

static void
test_no_service_child (void)
{
  g_autoptr(MynaReaderMonitor) monitor = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watch w = { loop, 0, FALSE };

  /* A socket where no pcscd listens: the monitor reports it instead of failing silently.
   * Nothing in this child process has used pcsc-lite before. */
  g_setenv ("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", TRUE);
  monitor = myna_reader_monitor_new ();
  g_signal_connect (monitor, "changed", G_CALLBACK (changed_cb), &w);
  g_timeout_add_seconds (5, timeout_cb, loop);
  g_main_loop_run (loop);

  g_assert_nonnull (myna_reader_monitor_get_error (monitor));
  g_assert_true (g_error_matches (myna_reader_monitor_get_error (monitor),
                                  MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE));
  g_assert_false (w.wrong_thread);
  g_clear_object (&monitor);   /* dispose stops the thread */
}

static void
test_no_service (void)
{
  /* pcsc-lite reads the socket name once per process: run this in a child of its own. */
  g_test_trap_subprocess ("/reader-monitor/no-service/subprocess", 20 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/reader-monitor/no-service", test_no_service);
  g_test_add_func ("/reader-monitor/no-service/subprocess", test_no_service_child);
  g_test_add_func ("/reader-monitor/insert-remove", test_insert_remove);

  return g_test_run ();
}
