/* test-ui-reader-pcscd.c — the Reader & card step on the real PC/SC stack
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/integration/test-pcscd-reader-states.sh, which makes sure pcscd with the vpcd
 * driver runs (its two slots, "Virtual PCD 00 00" on port 35963 and "… 00 01" on 35964) and
 * gives a work folder. Each test builds the app's own session (MynaSession following PC/SC
 * through its reader monitor) and the Reader page, puts the page in one state for real and
 * asserts what the user gets:
 *
 *   no service       a pcsc-lite socket where no pcscd listens (a process of its own)
 *   no card, ready   mynassist-vcard in and out of slot 00 (SIGUSR1), timed
 *   several readers  the card in slot 01; the user chooses slot 00 and back
 *   not My Number    mynassist-vcard with [behaviour] foreign-card=true (SELECT → 6A 82)
 *   mute card        mynassist-vcard --mute (pcscd cannot power it up)
 *   reader busy      this test holds the card with an exclusive SCardConnect
 *   pcscd restarted  stopped, started without readers, started again — only where the test
 *                    may manage pcscd (MYNASSIST_TEST_MANAGE_PCSCD=1, as root)
 *
 * Environment: MYNASSIST_VCARD, IT_WORK, IT_PIDFILE.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <PCSC/winscard.h>

#include "test-ui-common.h"

#include "core/myna-reader-monitor.h"
#include "pages/myna-reader-page.h"

#define SLOT0 "Virtual PCD 00 00"
#define SLOT1 "Virtual PCD 00 01"
#define PORT0 35963
#define PORT1 35964

typedef struct
{
  MynaSession *session;
  GtkWidget   *window;
  GtkWidget   *page;
} Fixture;

static GtkWidget *
child (GtkWidget  *page,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (page, MYNA_TYPE_READER_PAGE, name));
}

static const char *
title_of (Fixture *f)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (child (f->page, "status_page")));
}

static const char *
description_of (Fixture *f)
{
  return adw_status_page_get_description (ADW_STATUS_PAGE (child (f->page, "status_page")));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->session = myna_session_new ();
  f->window = gtk_window_new ();
  f->page = GTK_WIDGET (myna_reader_page_new (f->session));
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
}

static char *
work_file (const char *name)
{
  return g_build_filename (g_getenv ("IT_WORK"), name, NULL);
}

static GSubprocess *
start_vcard (const char *profile,
             int         port,
             const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = work_file (profile);
  g_autofree char *log = work_file ("apdu.log");
  g_autofree char *port_text = g_strdup_printf ("%d", port);
  GSubprocess *vcard;

  vcard = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            g_getenv ("MYNASSIST_VCARD"), "--profile", path, "--port", port_text,
                            "--log", log, extra, NULL);
  g_assert_no_error (error);

  /* If an assertion aborts us, the script still stops every bridge by its pid. */
  if (g_getenv ("IT_PIDFILE") != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s\n", g_subprocess_get_identifier (vcard));
      FILE *pids = fopen (g_getenv ("IT_PIDFILE"), "a");

      g_assert_nonnull (pids);
      fputs (line, pids);
      fclose (pids);
    }

  return vcard;
}

static void
stop_vcard (GSubprocess **vcard)
{
  if (*vcard == NULL)
    return;

  g_subprocess_send_signal (*vcard, SIGTERM);
  g_subprocess_wait (*vcard, NULL, NULL);
  g_clear_object (vcard);
}

typedef struct
{
  MynaSession      *session;
  MynaSessionState  state;
} StateWait;

static gboolean
state_reached (gpointer data)
{
  StateWait *w = data;

  return myna_session_get_state (w->session) == w->state && !myna_session_get_busy (w->session);
}

/* Waits for @state; returns the milliseconds it took, or fails the test. */
static gint64
wait_state (Fixture          *f,
            MynaSessionState  state,
            guint             timeout_ms)
{
  StateWait w = { f->session, state };
  gint64 start = g_get_monotonic_time ();

  if (!test_ui_wait_for (state_reached, &w, timeout_ms))
    g_error ("state %d not reached within %u ms (state %d, page “%s”)", state, timeout_ms,
             myna_session_get_state (f->session), title_of (f));

  return (g_get_monotonic_time () - start) / 1000;
}

static gboolean
left_no_card (gpointer data)
{
  return myna_session_get_state (data) != MYNA_SESSION_NO_CARD;
}

/* Waits until the page no longer asks for the card (it reads it, or shows what it found). */
static gint64
wait_left_no_card (Fixture *f,
                   guint    timeout_ms)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_true (test_ui_wait_for (left_no_card, f->session, timeout_ms));
  g_assert_cmpstr (title_of (f), !=, "Place Your Card on the Reader");
  return (g_get_monotonic_time () - start) / 1000;
}

static gboolean
card_in_slot (const char *slot)
{
  g_autoptr(GPtrArray) readers = myna_pcsc_list_readers (NULL);

  for (guint i = 0; readers != NULL && i < readers->len; i++)
    {
      MynaReaderInfo *info = g_ptr_array_index (readers, i);

      if (g_strcmp0 (info->name, slot) == 0)
        return info->state != MYNA_READER_EMPTY;
    }

  return FALSE;
}

static gboolean
pcscd_listed_vpcd (void)
{
  g_autoptr(GPtrArray) readers = myna_pcsc_list_readers (NULL);

  return readers != NULL && readers->len >= 2;
}

static void
wait_card_in_slot (const char *slot)
{
  for (int i = 0; i < 100 && !card_in_slot (slot); i++)
    g_usleep (100 * 1000);
  g_assert_true (card_in_slot (slot));
}

static void
assert_description_has (Fixture    *f,
                        const char *part)
{
  if (strstr (description_of (f), part) == NULL)
    g_error ("description “%s” lacks “%s”", description_of (f), part);
}

static GtkWidget *
reader_check (Fixture    *f,
              const char *name)
{
  GtkWidget *group = child (f->page, "readers_group");
  GPtrArray *stack = g_ptr_array_new ();
  GtkWidget *found = NULL;

  g_ptr_array_add (stack, group);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_CHECK_BUTTON (w) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (w), "reader-name"), name) == 0)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);

  g_assert_nonnull (found);
  return found;
}

/* --- no service ------------------------------------------------------------------------- */

static void
test_no_service_child (Fixture       *f,
                       gconstpointer  data)
{
  wait_state (f, MYNA_SESSION_NO_SERVICE, 10000);
  g_assert_cmpstr (title_of (f), ==, "The Card Reader Service Is Not Running");
  assert_description_has (f, "(pcscd)");
  g_assert_true (gtk_widget_get_visible (child (f->page, "command_box")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (f->page, "command_label"))), ==,
                   "sudo systemctl enable --now pcscd.socket");
  g_assert_true (gtk_widget_get_visible (child (f->page, "action_button")));
}

static void
test_no_service (void)
{
  g_autofree char *socket = work_file ("no-pcscd-here.comm");

  /* pcsc-lite reads the socket name once per process: the child is a fresh process. */
  g_setenv ("PCSCLITE_CSOCK_NAME", socket, TRUE);
  g_test_trap_subprocess ("/ui/reader-pcscd/no-service/subprocess", 30 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PCSCLITE_CSOCK_NAME");
  g_test_trap_assert_passed ();
}

/* --- a card comes and goes -------------------------------------------------------------- */

static void
test_insert_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocess) vcard = NULL;
  gint64 ms;

  wait_state (f, MYNA_SESSION_NO_CARD, 10000);
  g_assert_cmpstr (title_of (f), ==, "Place Your Card on the Reader");

  vcard = start_vcard ("card.ini", PORT0, "--absent");
  g_usleep (300 * 1000);      /* the bridge is up, the card still out */
  for (int round = 0; round < 2; round++)
    {
      g_subprocess_send_signal (vcard, SIGUSR1);       /* in */
      ms = wait_left_no_card (f, 5000);
      g_test_message ("insertion %d: page updated after %" G_GINT64_FORMAT " ms", round, ms);
      g_assert_cmpint (ms, <, 1500);
      ms = wait_state (f, MYNA_SESSION_READY, 20000);
      g_test_message ("insertion %d: card read in full after %" G_GINT64_FORMAT " ms", round, ms);
      g_assert_cmpstr (title_of (f), ==, "Your My Number Card Is Ready");
      assert_description_has (f, SLOT0);
      g_assert_true (gtk_widget_get_visible (child (f->page, "action_button")));
      if (round == 0)
        {
          SCARDCONTEXT context;
          SCARDHANDLE handle;
          DWORD protocol;

          /* Once read, the app lets go of the card: another program may take it for itself
           * (some e-Tax and browser middleware connect exclusively). */
          g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context), ==, SCARD_S_SUCCESS);
          g_assert_cmpint (SCardConnect (context, SLOT0, SCARD_SHARE_EXCLUSIVE,
                                         SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol),
                           ==, SCARD_S_SUCCESS);
          SCardDisconnect (handle, SCARD_LEAVE_CARD);
          SCardReleaseContext (context);
        }

      g_subprocess_send_signal (vcard, SIGUSR1);       /* out */
      ms = wait_state (f, MYNA_SESSION_NO_CARD, 5000);
      g_test_message ("removal %d: page updated after %" G_GINT64_FORMAT " ms", round, ms);
      /* "Inserting or removing the card updates the page within a second": pcscd polls vpcd
       * every 400 ms, and the page follows the monitor at once. */
      g_assert_cmpint (ms, <, 1500);
      g_assert_cmpstr (title_of (f), ==, "Place Your Card on the Reader");
      g_assert_null (myna_session_get_status (f->session));
    }

  stop_vcard (&vcard);
}

/* --- several readers -------------------------------------------------------------------- */

static void
test_several_readers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocess) vcard = start_vcard ("card.ini", PORT1, NULL);
  GtkWidget *check;

  /* The card is in the second slot: the session follows it there by itself. */
  wait_state (f, MYNA_SESSION_READY, 20000);
  g_assert_cmpstr (myna_session_get_reader (f->session), ==, SLOT1);
  assert_description_has (f, SLOT1);
  g_assert_true (gtk_widget_get_visible (child (f->page, "readers_group")));
  check = reader_check (f, SLOT1);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_ROLE_RADIO);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_CHECKED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "A card is present");
  check = reader_check (f, SLOT0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, SLOT0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No card");

  /* The user chooses the empty reader with the keyboard: the page follows that one. */
  gtk_widget_grab_focus (check);
  gtk_widget_activate (check);
  wait_state (f, MYNA_SESSION_NO_CARD, 5000);
  g_assert_cmpstr (myna_session_get_reader (f->session), ==, SLOT0);
  g_assert_cmpstr (title_of (f), ==, "Place Your Card on the Reader");
  assert_description_has (f, SLOT0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == reader_check (f, SLOT0));

  /* And back: the card there is read again. */
  check = reader_check (f, SLOT1);
  gtk_widget_activate (check);
  wait_state (f, MYNA_SESSION_READY, 20000);
  g_assert_cmpstr (myna_session_get_reader (f->session), ==, SLOT1);
  g_assert_cmpstr (title_of (f), ==, "Your My Number Card Is Ready");

  stop_vcard (&vcard);
  /* The chosen reader is kept when its card goes: no silent switch to another reader. */
  wait_state (f, MYNA_SESSION_NO_CARD, 5000);
  g_assert_cmpstr (myna_session_get_reader (f->session), ==, SLOT1);
}

/* --- not a My Number Card --------------------------------------------------------------- */

static void
test_not_mynumber (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocess) vcard = start_vcard ("foreign.ini", PORT0, NULL);
  GtkWidget *action = child (f->page, "action_button");

  wait_state (f, MYNA_SESSION_NOT_MYNUMBER, 20000);
  g_assert_cmpstr (title_of (f), ==, "This Is Not a My Number Card");
  assert_description_has (f, "My Number Card");
  g_assert_true (gtk_widget_get_visible (action));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (action)), ==, "_Read the Card Again");

  /* Reading again asks the card again, and gets the same answer. */
  gtk_widget_grab_focus (action);
  g_signal_emit_by_name (action, "clicked");
  g_assert_cmpint (myna_session_get_state (f->session), ==, MYNA_SESSION_READING);
  wait_state (f, MYNA_SESSION_NOT_MYNUMBER, 20000);
  g_assert_cmpstr (title_of (f), ==, "This Is Not a My Number Card");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), f->page));

  stop_vcard (&vcard);
  wait_state (f, MYNA_SESSION_NO_CARD, 5000);
}

/* --- a mute card ------------------------------------------------------------------------ */

static void
test_mute (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSubprocess) vcard = start_vcard ("card.ini", PORT0, "--mute");

  wait_state (f, MYNA_SESSION_CARD_MUTE, 20000);
  g_assert_cmpstr (title_of (f), ==, "The Card Does Not Answer");
  assert_description_has (f, "chip");
  g_assert_false (gtk_widget_get_visible (child (f->page, "action_button")));

  stop_vcard (&vcard);
  wait_state (f, MYNA_SESSION_NO_CARD, 5000);
}

/* --- another program holds the reader --------------------------------------------------- */

static void
test_busy (void)
{
  g_autoptr(GSubprocess) vcard = start_vcard ("card.ini", PORT0, NULL);
  Fixture fixture = { 0 }, *f = &fixture;
  GtkWidget *action;
  SCARDCONTEXT context;
  SCARDHANDLE handle;
  DWORD protocol;
  gint64 ms;

  /* Another program (this test, on a context of its own) has taken the card for itself
   * before the app starts. */
  wait_card_in_slot (SLOT0);
  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context), ==, SCARD_S_SUCCESS);
  g_assert_cmpint (SCardConnect (context, SLOT0, SCARD_SHARE_EXCLUSIVE,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol),
                   ==, SCARD_S_SUCCESS);

  fixture_setup (f, NULL);
  action = child (f->page, "action_button");
  wait_state (f, MYNA_SESSION_READER_BUSY, 20000);
  g_assert_cmpstr (myna_session_get_reader (f->session), ==, SLOT0);
  g_assert_cmpstr (title_of (f), ==, "Another Program Is Using the Card");
  assert_description_has (f, "Close other programs");
  g_assert_true (gtk_widget_get_visible (action));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (action)), ==, "_Read the Card Again");

  /* Trying again while it is still held meets the other program again. */
  gtk_widget_grab_focus (action);
  g_signal_emit_by_name (action, "clicked");
  wait_state (f, MYNA_SESSION_READER_BUSY, 20000);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), f->page));

  /* The other program lets go: the page reads the card by itself. */
  SCardDisconnect (handle, SCARD_LEAVE_CARD);
  ms = wait_state (f, MYNA_SESSION_READY, 20000);
  g_test_message ("busy reader released: ready after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpstr (title_of (f), ==, "Your My Number Card Is Ready");
  SCardReleaseContext (context);

  stop_vcard (&vcard);
  wait_state (f, MYNA_SESSION_NO_CARD, 5000);
  fixture_teardown (f, NULL);
}

/* --- pcscd stopped and restarted -------------------------------------------------------- */

static gboolean
manage_pcscd (void)
{
  return g_strcmp0 (g_getenv ("MYNASSIST_TEST_MANAGE_PCSCD"), "1") == 0 && getuid () == 0;
}

static void
stop_pcscd (void)
{
  g_autofree char *text = NULL;
  gint64 pid;

  g_assert_true (g_file_get_contents ("/run/pcscd/pcscd.pid", &text, NULL, NULL));
  pid = g_ascii_strtoll (text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill ((pid_t) pid, SIGTERM), ==, 0);
  for (int i = 0; i < 100 && kill ((pid_t) pid, 0) == 0; i++)
    g_usleep (100 * 1000);
  g_assert_cmpint (kill ((pid_t) pid, 0), !=, 0);
}

static void
start_pcscd (const char *config_dir)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv_default[] = { "pcscd", NULL };
  const char *argv_config[] = { "pcscd", "-c", config_dir, NULL };

  g_spawn_sync (NULL, (char **) (config_dir != NULL ? argv_config : argv_default), NULL,
                G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_pcscd_restart (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *empty = work_file ("no-readers");
  gint64 ms;

  if (!manage_pcscd ())
    {
      g_test_skip ("stopping pcscd needs MYNASSIST_TEST_MANAGE_PCSCD=1 and root");
      return;
    }

  wait_state (f, MYNA_SESSION_NO_CARD, 10000);

  stop_pcscd ();
  ms = wait_state (f, MYNA_SESSION_NO_SERVICE, 10000);
  g_test_message ("pcscd stopped: page updated after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpstr (title_of (f), ==, "The Card Reader Service Is Not Running");

  /* The service comes back without any reader: the CCID hint. */
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  start_pcscd (empty);
  ms = wait_state (f, MYNA_SESSION_NO_READER, 10000);
  g_test_message ("pcscd without readers: page updated after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpstr (title_of (f), ==, "No Card Reader Found");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (f->page, "hint_label"))), "libccid"));

  /* And with the readers again: waiting for the card, nothing for the user to do. */
  stop_pcscd ();
  wait_state (f, MYNA_SESSION_NO_SERVICE, 10000);
  start_pcscd (NULL);
  for (int i = 0; i < 50 && !pcscd_listed_vpcd (); i++)
    g_usleep (100 * 1000);
  wait_state (f, MYNA_SESSION_NO_CARD, 10000);
  g_assert_cmpstr (title_of (f), ==, "Place Your Card on the Reader");
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  g_test_add_func ("/ui/reader-pcscd/no-service", test_no_service);
  ADD ("/ui/reader-pcscd/no-service/subprocess", test_no_service_child);
  ADD ("/ui/reader-pcscd/insert-remove", test_insert_remove);
  ADD ("/ui/reader-pcscd/several-readers", test_several_readers);
  ADD ("/ui/reader-pcscd/not-mynumber", test_not_mynumber);
  ADD ("/ui/reader-pcscd/mute", test_mute);
  g_test_add_func ("/ui/reader-pcscd/busy", test_busy);
  ADD ("/ui/reader-pcscd/pcscd-restart", test_pcscd_restart);
#undef ADD

  return g_test_run ();
}
