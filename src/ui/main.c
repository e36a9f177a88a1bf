/* main.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mynassist"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "myna-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MynaApplication) app = NULL;

  const char *localedir = g_getenv ("MYNASSIST_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* MYNASSIST_LOCALEDIR: translations from the build tree (build/po), for screenshots and
   * tests without installing. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = myna_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
