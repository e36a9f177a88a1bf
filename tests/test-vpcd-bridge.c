/* test-vpcd-bridge.c — mynassist-vcard against a fake vpcd inside the test
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the vpcd side of the protocol (a listening TCP socket on 127.0.0.1), so the
 * bridge is tested without pcscd. The real pcscd integration tests live elsewhere.
 */

#define G_LOG_DOMAIN "test-vpcd-bridge"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#define IO_TIMEOUT_MS 10000

typedef struct
{
  char        *tmpdir;
  char        *state;
  char        *log;
  int          listener;
  int          port;
  int          conn;
  GSubprocess *vcard;
} Fixture;

static int
listen_on (int port)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons ((guint16) port);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 4), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  return fd;
}

static int
port_of (int fd)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;

  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  return ntohs (addr.sin_port);
}

static gboolean
wait_fd (int fd,
         int timeout_ms)
{
  struct pollfd p = { fd, POLLIN, 0 };
  int rv;

  do
    rv = poll (&p, 1, timeout_ms);
  while (rv < 0 && errno == EINTR);
  return rv > 0;
}

static int
accept_client (int listener)
{
  int fd;

  g_assert_true (wait_fd (listener, IO_TIMEOUT_MS));
  fd = accept (listener, NULL, NULL);
  g_assert_cmpint (fd, >=, 0);
  return fd;
}

static void
send_msg (int           fd,
          const guint8 *data,
          gsize         len)
{
  guint8 buf[512];

  g_assert_cmpuint (len + 2, <=, sizeof buf);
  buf[0] = (guint8) (len >> 8);
  buf[1] = (guint8) len;
  memcpy (buf + 2, data, len);
  g_assert_cmpint (send (fd, buf, len + 2, MSG_NOSIGNAL), ==, (ssize_t) (len + 2));
}

/* Reads exactly @len bytes; FALSE on EOF. */
static gboolean
recv_full (int     fd,
           guint8 *buf,
           gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n;

      g_assert_true (wait_fd (fd, IO_TIMEOUT_MS));
      n = recv (fd, buf + done, len - done, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static GByteArray *
recv_msg (int fd)
{
  guint8 header[2];
  GByteArray *out = g_byte_array_new ();
  gsize len;

  g_assert_true (recv_full (fd, header, 2));
  len = (gsize) header[0] << 8 | header[1];
  g_byte_array_set_size (out, (guint) len);
  g_assert_true (recv_full (fd, out->data, len));
  return out;
}

static GByteArray *
hex (const char *text)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p != '\0'; p++)
    {
      guint8 b;

      if (g_ascii_isspace (*p))
        continue;
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (out, &b, 1);
      p++;
    }
  return out;
}

static char *
to_hex (const guint8 *data,
        gsize         len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%s%02X", i ? " " : "", data[i]);
  return g_string_free (s, FALSE);
}

static void
control (int    fd,
         guint8 code)
{
  send_msg (fd, &code, 1);
}

#define XFER(fd, cmd, expected) \
  G_STMT_START { \
    g_autoptr(GByteArray) c_ = hex (cmd); \
    g_autoptr(GByteArray) r_ = NULL; \
    g_autoptr(GByteArray) e_ = hex (expected); \
    g_autofree char *rh_ = NULL; \
    g_autofree char *eh_ = NULL; \
    send_msg ((fd), c_->data, c_->len); \
    r_ = recv_msg (fd); \
    rh_ = to_hex (r_->data, r_->len); \
    eh_ = to_hex (e_->data, e_->len); \
    g_assert_cmpstr (rh_, ==, eh_); \
  } G_STMT_END

static GSubprocess *
spawn_vcard (Fixture    *fx,
             int         port,
             const char *extra)
{
  const char *exe = g_getenv ("MYNASSIST_VCARD");
  const char *pki = g_getenv ("MYNA_TEST_PKI_DIR");
  g_autofree char *profile = NULL;
  g_autofree char *port_s = g_strdup_printf ("%d", port);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_assert_nonnull (exe);
  g_assert_nonnull (pki);
  profile = g_build_filename (pki, "card.ini", NULL);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, exe,
                           "--profile", profile, "--port", port_s,
                           "--state", fx->state, "--log", fx->log,
                           extra, NULL);
  g_assert_no_error (error);
  return proc;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->tmpdir = g_dir_make_tmp ("vpcd-XXXXXX", NULL);
  fx->state = g_build_filename (fx->tmpdir, "state.ini", NULL);
  fx->log = g_build_filename (fx->tmpdir, "apdu.log", NULL);
  fx->listener = listen_on (0);
  fx->port = port_of (fx->listener);
  fx->conn = -1;
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->vcard != NULL)
    {
      g_subprocess_force_exit (fx->vcard);
      g_subprocess_wait (fx->vcard, NULL, NULL);
      g_clear_object (&fx->vcard);
    }
  if (fx->conn >= 0)
    close (fx->conn);
  close (fx->listener);
  g_unlink (fx->state);
  g_unlink (fx->log);
  g_rmdir (fx->tmpdir);
  g_free (fx->state);
  g_free (fx->log);
  g_free (fx->tmpdir);
}

static int
state_remaining (Fixture    *fx,
                 const char *group)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  int n;

  g_key_file_load_from_file (kf, fx->state, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  n = g_key_file_get_integer (kf, group, "remaining", &error);
  g_assert_no_error (error);
  return n;
}

static void
test_session (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GByteArray) atr = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  guint8 byte;

  fx->vcard = spawn_vcard (fx, fx->port, NULL);
  fx->conn = accept_client (fx->listener);

  /* What vpcd does when a client connects: power on, ask for the ATR. */
  control (fx->conn, 1);
  control (fx->conn, 4);
  atr = recv_msg (fx->conn);
  {
    g_autofree char *h = to_hex (atr->data, atr->len);

    g_assert_cmpstr (h, ==, "3B E0 00 FF 81 31 FE 45 14");
  }

  XFER (fx->conn, "00 A4 00 00", "6A 86");
  XFER (fx->conn, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "90 00");
  XFER (fx->conn, "00 A4 02 0C 02 00 06", "90 00");
  XFER (fx->conn, "00 B0 00 00 0F", "4A 50 4B 49 41 50 49 43 43 54 4F 4B 45 4E 32 90 00");
  XFER (fx->conn, "00 A4 02 0C 02 00 18", "90 00");
  XFER (fx->conn, "00 20 00 80 04 39 38 37 36", "63 C2");
  g_assert_cmpint (state_remaining (fx, "auth"), ==, 2);
  XFER (fx->conn, "00 20 00 80 04 31 32 33 34", "90 00");
  g_assert_cmpint (state_remaining (fx, "auth"), ==, 3);
  XFER (fx->conn, "00 A4 02 0C 02 00 0A", "90 00");
  {
    g_autoptr(GByteArray) c = hex ("00 B0 00 00 00");
    g_autoptr(GByteArray) r = NULL;

    send_msg (fx->conn, c->data, c->len);
    r = recv_msg (fx->conn);
    g_assert_cmpuint (r->len, ==, 258);
    g_assert_cmpuint (r->data[0], ==, 0x30);
  }

  /* Reset clears the security status; the sign PIN costs a try that the state keeps. */
  control (fx->conn, 2);
  XFER (fx->conn, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "90 00");
  XFER (fx->conn, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (fx->conn, "00 20 00 80 06 41 42 43 31 32 34", "63 C4");

  /* SIGUSR1: the card leaves the reader (connection closed), again: it comes back. */
  g_subprocess_send_signal (fx->vcard, SIGUSR1);
  g_assert_true (wait_fd (fx->conn, IO_TIMEOUT_MS));
  g_assert_cmpint (recv (fx->conn, &byte, 1, 0), ==, 0);
  close (fx->conn);
  fx->conn = -1;
  g_assert_false (wait_fd (fx->listener, 300));
  g_subprocess_send_signal (fx->vcard, SIGUSR1);
  fx->conn = accept_client (fx->listener);
  control (fx->conn, 1);
  XFER (fx->conn, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "90 00");
  XFER (fx->conn, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (fx->conn, "00 20 00 80", "63 C4");

  /* vpcd going away is survived: the bridge reconnects. */
  close (fx->conn);
  fx->conn = accept_client (fx->listener);
  control (fx->conn, 1);
  XFER (fx->conn, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "90 00");

  /* SIGTERM: a clean exit with the state saved. */
  g_subprocess_send_signal (fx->vcard, SIGTERM);
  g_assert_true (g_subprocess_wait_check (fx->vcard, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fx->vcard);
  g_assert_cmpint (state_remaining (fx, "sign"), ==, 4);
  g_assert_cmpint (state_remaining (fx, "auth"), ==, 3);

  /* The log: one line per APDU, PIN bytes masked. */
  g_file_get_contents (fx->log, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (log, "00 20 00 80 04 XX XX XX XX -> 63 C2"));
  g_assert_nonnull (strstr (log, "00 20 00 80 06 XX XX XX XX XX XX -> 63 C4"));
  g_assert_nonnull (strstr (log, "00 B0 00 00 00 -> [256] 90 00"));
  g_assert_null (strstr (log, "39 38 37 36"));
  g_assert_null (strstr (log, "31 32 33 34"));
  g_assert_null (strstr (log, "41 42 43 31 32"));
  {
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
    guint apdus = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], " -> ") != NULL)
        apdus++;
    g_assert_cmpuint (apdus, ==, 16);
  }
}

static void
test_reconnect_backoff (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) atr = NULL;
  int port = fx->port;

  /* Nobody listens yet: the bridge must keep trying until vpcd appears. */
  close (fx->listener);
  fx->vcard = spawn_vcard (fx, port, "--latency-ms=20");
  g_usleep (700 * 1000);
  fx->listener = listen_on (port);
  fx->conn = accept_client (fx->listener);
  control (fx->conn, 1);
  control (fx->conn, 4);
  atr = recv_msg (fx->conn);
  g_assert_cmpuint (atr->len, ==, 9);
  {
    gint64 start = g_get_monotonic_time ();

    XFER (fx->conn, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "90 00");
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 20 * 1000);
  }

  g_subprocess_send_signal (fx->vcard, SIGINT);
  g_assert_true (g_subprocess_wait_check (fx->vcard, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fx->vcard);
}

static void
test_absent_start (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* --absent: the card is out of the reader until SIGUSR1. */
  fx->vcard = spawn_vcard (fx, fx->port, "--absent");
  g_assert_false (wait_fd (fx->listener, 500));
  g_subprocess_send_signal (fx->vcard, SIGUSR1);
  fx->conn = accept_client (fx->listener);
  control (fx->conn, 1);
  XFER (fx->conn, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "90 00");

  g_subprocess_send_signal (fx->vcard, SIGTERM);
  g_assert_true (g_subprocess_wait_check (fx->vcard, NULL, &error));
  g_clear_object (&fx->vcard);
}

static void
test_bad_arguments (void)
{
  const char *exe = g_getenv ("MYNASSIST_VCARD");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p1 = NULL;
  g_autoptr(GSubprocess) p2 = NULL;

  p1 = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, exe, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (p1, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (p1), ==, 2);

  p2 = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, exe,
                         "--profile", "/nonexistent/card.ini", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (p2, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (p2), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vpcd-bridge/session", Fixture, NULL, fixture_setup, test_session,
              fixture_teardown);
  g_test_add ("/vpcd-bridge/reconnect-backoff", Fixture, NULL, fixture_setup,
              test_reconnect_backoff, fixture_teardown);
  g_test_add ("/vpcd-bridge/absent-start", Fixture, NULL, fixture_setup, test_absent_start,
              fixture_teardown);
  g_test_add_func ("/vpcd-bridge/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
