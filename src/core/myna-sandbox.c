/* myna-sandbox.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-sandbox.h"

#define FLATPAK_INFO_PATH "/.flatpak-info"

static const char *
get_flatpak_info_path (void)
{
  const char *path = g_getenv ("MYNASSIST_FLATPAK_INFO");

  return (path != NULL && *path != '\0') ? path : FLATPAK_INFO_PATH;
}

/**
 * myna_sandbox_is_flatpak:
 *
 * Flatpak puts /.flatpak-info into every sandbox, so its presence is the documented way to
 * tell. The environment variable MYNASSIST_SANDBOX (`flatpak` or `none`) overrides the check,
 * so that tests can exercise both answers on any machine.
 *
 * Returns: %TRUE if the process runs inside a Flatpak sandbox
 */
gboolean
myna_sandbox_is_flatpak (void)
{
  const char *forced = g_getenv ("MYNASSIST_SANDBOX");

  if (g_strcmp0 (forced, "flatpak") == 0)
    return TRUE;
  if (g_strcmp0 (forced, "none") == 0)
    return FALSE;
  if (forced != NULL && *forced != '\0')
    g_debug ("Ignoring MYNASSIST_SANDBOX=%s (expected flatpak or none)", forced);

  return g_file_test (get_flatpak_info_path (), G_FILE_TEST_EXISTS);
}

/**
 * myna_sandbox_has_pcsc_socket:
 *
 * Reads the `sockets` list of the `[Context]` group of /.flatpak-info, which holds the
 * permissions the sandbox was started with, after the user's overrides. An entry `!pcsc`
 * (a negated permission) withdraws an earlier `pcsc`.
 *
 * Returns: %TRUE if the process runs in a Flatpak sandbox that was given the pcsc socket;
 *   %FALSE otherwise, including outside Flatpak, where the question does not arise
 */
gboolean
myna_sandbox_has_pcsc_socket (void)
{
  g_autoptr(GKeyFile) info = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sockets = NULL;
  gboolean granted = FALSE;

  if (!myna_sandbox_is_flatpak ())
    return FALSE;

  info = g_key_file_new ();
  if (!g_key_file_load_from_file (info, get_flatpak_info_path (), G_KEY_FILE_NONE, &error))
    {
      /* Without the file we cannot know; the hint for a missing permission is then the one
       * that helps most, since it also tells how to grant it. */
      g_debug ("Cannot read %s: %s", get_flatpak_info_path (), error->message);
      return FALSE;
    }

  sockets = g_key_file_get_string_list (info, "Context", "sockets", NULL, NULL);
  for (guint i = 0; sockets != NULL && sockets[i] != NULL; i++)
    {
      const char *entry = g_strstrip (sockets[i]);

      if (g_strcmp0 (entry, "pcsc") == 0)
        granted = TRUE;
      else if (g_strcmp0 (entry, "!pcsc") == 0)
        granted = FALSE;
    }

  return granted;
}

/**
 * myna_sandbox_pcscd_hint:
 *
 * One translated paragraph for the user when pcscd cannot be reached, fitted to where the app
 * runs: on the host pcscd must be installed and started; in a Flatpak sandbox without the pcsc
 * socket the permission is missing; in one with the socket the host's pcscd is not running,
 * or its protocol does not match the client library bundled in the Flatpak.
 *
 * Returns: (transfer full): the hint, free with g_free()
 */
char *
myna_sandbox_pcscd_hint (void)
{
  g_autofree char *command = NULL;

  if (!myna_sandbox_is_flatpak ())
    /* Translators: Shown when the smart card service cannot be reached and the app is
     * installed from the distribution. Keep the package names and the command as they are. */
    return g_strdup (_("The smart card service (pcscd) cannot be reached. Install the package "
                       "“pcscd” (on Fedora “pcsc-lite”) and a driver for your card reader, "
                       "usually “libccid” (on Fedora “pcsc-lite-ccid”). Then start the service "
                       "with the command “sudo systemctl enable --now pcscd.socket” and try "
                       "again."));

  if (!myna_sandbox_has_pcsc_socket ())
    {
      command = g_strdup_printf ("flatpak override --user --socket=pcsc %s", APP_ID);
      /* Translators: Shown in the Flatpak version when it was not given access to the smart
       * card service. %s is a command line, keep it as it is. */
      return g_strdup_printf (_("Mynassist runs in a Flatpak sandbox that is not allowed to "
                                "use the smart card service (pcscd). Allow it with the command "
                                "“%s”, or in the app’s permissions in your software centre, "
                                "then restart Mynassist."),
                              command);
    }

  /* Translators: Shown in the Flatpak version when it may use the smart card service but the
   * service on the computer did not answer. Keep the package names and the command. */
  return g_strdup (_("Mynassist runs in a Flatpak sandbox and may use the smart card service "
                     "(pcscd), but the service on this computer did not answer. Make sure "
                     "that “pcscd” is installed and running on the computer itself, for "
                     "example with the command “sudo systemctl enable --now pcscd.socket”, "
                     "then restart Mynassist. If it is already running, it may be too old "
                     "to talk to Mynassist: update the system, or use the Mynassist package "
                     "of your distribution instead."));
}
