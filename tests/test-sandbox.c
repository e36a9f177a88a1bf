/* test-sandbox.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sandbox detection and the pcscd hint. Each test writes its own /.flatpak-info stand-in and
 * points MYNASSIST_FLATPAK_INFO at it, so the result never depends on the machine.
 */

#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "myna-sandbox.h"

typedef struct
{
  char *dir;
  char *info_path;
} Fixture;

/* A file shaped like the one Flatpak 1.14 writes; only [Context] matters to us. */
static void
write_info (Fixture    *fixture,
            const char *sockets_line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  contents = g_strdup_printf ("[Application]\n"
                              "name=" APP_ID "\n"
                              "runtime=runtime/org.gnome.Platform/x86_64/51\n"
                              "\n"
                              "[Instance]\n"
                              "instance-id=1234567890\n"
                              "flatpak-version=1.14.10\n"
                              "\n"
                              "[Context]\n"
                              "shared=ipc;\n"
                              "%s\n"
                              "devices=dri;\n",
                              sockets_line);
  g_file_set_contents (fixture->info_path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-sandbox-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->info_path = g_build_filename (fixture->dir, "flatpak-info", NULL);
  g_setenv ("MYNASSIST_FLATPAK_INFO", fixture->info_path, TRUE);
  g_unsetenv ("MYNASSIST_SANDBOX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_remove (fixture->info_path);
  g_rmdir (fixture->dir);
  g_unsetenv ("MYNASSIST_FLATPAK_INFO");
  g_unsetenv ("MYNASSIST_SANDBOX");
  g_free (fixture->info_path);
  g_free (fixture->dir);
}

static void
test_detect_by_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_false (myna_sandbox_is_flatpak ());

  write_info (fixture, "sockets=wayland;fallback-x11;pcsc;");
  g_assert_true (myna_sandbox_is_flatpak ());
}

static void
test_detect_forced (Fixture       *fixture,
                    gconstpointer  data)
{
  /* The override wins in both directions. */
  g_setenv ("MYNASSIST_SANDBOX", "flatpak", TRUE);
  g_assert_true (myna_sandbox_is_flatpak ());

  write_info (fixture, "sockets=pcsc;");
  g_setenv ("MYNASSIST_SANDBOX", "none", TRUE);
  g_assert_false (myna_sandbox_is_flatpak ());
  g_assert_false (myna_sandbox_has_pcsc_socket ());

  /* An unknown value falls back to looking at the file. */
  g_setenv ("MYNASSIST_SANDBOX", "snap", TRUE);
  g_assert_true (myna_sandbox_is_flatpak ());
}

static void
test_pcsc_socket (Fixture       *fixture,
                  gconstpointer  data)
{
  write_info (fixture, "sockets=wayland;fallback-x11;pcsc;");
  g_assert_true (myna_sandbox_has_pcsc_socket ());

  write_info (fixture, "sockets=wayland;fallback-x11;");
  g_assert_false (myna_sandbox_has_pcsc_socket ());

  /* Not a substring match: "pcsc-other" is not "pcsc". */
  write_info (fixture, "sockets=wayland;pcsc-other;");
  g_assert_false (myna_sandbox_has_pcsc_socket ());

  /* A user override (flatpak override --nosocket=pcsc) shows up negated. */
  write_info (fixture, "sockets=wayland;pcsc;!pcsc;");
  g_assert_false (myna_sandbox_has_pcsc_socket ());

  /* No sockets line at all. */
  write_info (fixture, "filesystems=xdg-download;");
  g_assert_false (myna_sandbox_has_pcsc_socket ());
}

static void
test_pcsc_socket_unreadable (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Forced into Flatpak mode, but the info file is missing or not a key file. */
  g_setenv ("MYNASSIST_SANDBOX", "flatpak", TRUE);
  g_assert_false (myna_sandbox_has_pcsc_socket ());

  g_file_set_contents (fixture->info_path, "not a key file\n\x01\x02", -1, NULL);
  g_assert_false (myna_sandbox_has_pcsc_socket ());
}

static void
test_hint_host (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *hint = NULL;

  g_setenv ("MYNASSIST_SANDBOX", "none", TRUE);
  hint = myna_sandbox_pcscd_hint ();

  g_assert_nonnull (strstr (hint, "sudo systemctl enable --now pcscd.socket"));
  g_assert_nonnull (strstr (hint, "pcscd"));
  g_assert_null (strstr (hint, "flatpak"));
  g_assert_null (strchr (hint, '\n'));
}

static void
test_hint_flatpak_without_socket (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *hint = NULL;

  write_info (fixture, "sockets=wayland;fallback-x11;");
  hint = myna_sandbox_pcscd_hint ();

  g_assert_nonnull (strstr (hint, "flatpak override --user --socket=pcsc " APP_ID));
  /* Installing pcscd would not help here; the hint must not send the user that way. */
  g_assert_null (strstr (hint, "systemctl"));
  g_assert_null (strchr (hint, '\n'));
}

static void
test_hint_flatpak_with_socket (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *hint = NULL;

  write_info (fixture, "sockets=wayland;fallback-x11;pcsc;");
  hint = myna_sandbox_pcscd_hint ();

  g_assert_nonnull (strstr (hint, "sudo systemctl enable --now pcscd.socket"));
  g_assert_nonnull (strstr (hint, "Flatpak"));
  g_assert_null (strstr (hint, "flatpak override"));
  g_assert_null (strchr (hint, '\n'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sandbox/detect/file", test_detect_by_file);
  ADD ("/sandbox/detect/forced", test_detect_forced);
  ADD ("/sandbox/pcsc-socket/parse", test_pcsc_socket);
  ADD ("/sandbox/pcsc-socket/unreadable", test_pcsc_socket_unreadable);
  ADD ("/sandbox/hint/host", test_hint_host);
  ADD ("/sandbox/hint/flatpak-without-socket", test_hint_flatpak_without_socket);
  ADD ("/sandbox/hint/flatpak-with-socket", test_hint_flatpak_with_socket);

#undef ADD

  return g_test_run ();
}
