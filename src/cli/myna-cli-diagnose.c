/* myna-cli-diagnose.c — mynassist-cli diagnose
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mynassist-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "myna-card-status.h"
#include "myna-diagnostics.h"
#include "myna-error.h"
#include "myna-reader-monitor.h"

#include "myna-cli.h"
#include "myna-cli-card.h"

/* The PC/SC part: is pcscd there, which readers, is there a card at all. Returns whether it
 * makes sense to open a card. */
static gboolean
collect_readers (MynaDiagnostics *diagnostics,
                 const char      *reader_name)
{
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GError) error = NULL;
  guint with_card = 0;

  readers = myna_pcsc_list_readers (&error);
  if (readers == NULL)
    {
      gboolean no_service = g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE);

      myna_diagnostics_set_pcscd (diagnostics, !no_service, error->message);
      myna_diagnostics_add_step (diagnostics,
                                 no_service ? MYNA_DIAGNOSTICS_SERVICE : MYNA_DIAGNOSTICS_READERS,
                                 MYNA_DIAGNOSTICS_STEP_FAILED, error->message);
      myna_diagnostics_add_error (diagnostics, NULL, error->message);
      return FALSE;
    }

  myna_diagnostics_set_pcscd (diagnostics, TRUE, NULL);
  myna_diagnostics_add_step (diagnostics, MYNA_DIAGNOSTICS_SERVICE, MYNA_DIAGNOSTICS_STEP_OK, NULL);

  for (guint i = 0; i < readers->len; i++)
    {
      MynaReaderInfo *info = g_ptr_array_index (readers, i);

      myna_diagnostics_add_reader (diagnostics, info);
      if ((reader_name == NULL || g_strcmp0 (reader_name, info->name) == 0) &&
          (info->state == MYNA_READER_CARD_PRESENT || info->state == MYNA_READER_IN_USE))
        with_card++;
    }

  if (readers->len == 0)
    {
      myna_diagnostics_add_step (diagnostics, MYNA_DIAGNOSTICS_READERS, MYNA_DIAGNOSTICS_STEP_FAILED,
                                 _("no card reader is connected"));
      return FALSE;
    }
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reader",
                                                           "%u readers", readers->len),
                                              readers->len);
    myna_diagnostics_add_step (diagnostics, MYNA_DIAGNOSTICS_READERS, MYNA_DIAGNOSTICS_STEP_OK, count);
  }

  if (with_card == 0)
    {
      myna_diagnostics_add_step (diagnostics, MYNA_DIAGNOSTICS_CARD, MYNA_DIAGNOSTICS_STEP_FAILED,
                                 _("no reader holds a card"));
      return FALSE;
    }
  return TRUE;
}

int
myna_cli_diagnose (int    argc,
                   char **argv)
{
  gboolean json = FALSE, include_personal = FALSE;
  char *reader = NULL;
  GOptionEntry entries[] = {
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Use this reader"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "include-personal-data", 0, 0, G_OPTION_ARG_NONE, &include_personal,
      N_("Include certificate subjects and serial numbers (hidden by default)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(MynaDiagnostics) diagnostics = NULL;
  g_autoptr(MynaTransport) transport = NULL;
  g_autoptr(MynaCardStatus) status = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  gboolean open = TRUE;

  g_option_context_set_summary (context, _("Print a report for support: versions, readers, what "
                                           "the card said, recent errors. No PIN is asked for and no "
                                           "try is used. Personal data is hidden unless you add "
                                           "--include-personal-data."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      myna_cli_error ("%s", error ? error->message : _("Too many arguments."));
      fputs (help, stderr);
      g_free (reader);
      return MYNA_EXIT_USAGE;
    }

  diagnostics = myna_diagnostics_new ();

  if (myna_cli_card_is_virtual ())
    {
      myna_diagnostics_set_card_source (diagnostics, myna_cli_card_is_demo () ? _("demo card")
                                                                              : _("virtual card"));
      myna_diagnostics_add_step (diagnostics, MYNA_DIAGNOSTICS_SERVICE, MYNA_DIAGNOSTICS_STEP_SKIPPED,
                                 _("not used with a virtual card"));
    }
  else
    open = collect_readers (diagnostics, reader);

  if (open)
    {
      transport = myna_cli_open_card (reader, &error);
      if (transport != NULL)
        {
          if (myna_cli_card_is_virtual ())
            {
              MynaReaderInfo info = { 0 };

              info.name = (char *) myna_transport_get_name (transport);
              info.state = MYNA_READER_CARD_PRESENT;
              info.atr = myna_cli_virtual_atr ();
              myna_diagnostics_add_reader (diagnostics, &info);
              /* Its name is ours, not a device's: the report says what it is in words. */
              myna_diagnostics_set_reader_label (diagnostics, info.name,
                                                 myna_cli_card_is_demo () ? _("Demo card reader")
                                                                          : _("Virtual card reader"));
              g_clear_pointer (&info.atr, g_bytes_unref);
            }
          status = myna_card_read_status (transport, now, &error);
          myna_cli_save_virtual_state ();
        }
      myna_diagnostics_collect_status (diagnostics, status, error);
    }
  g_free (reader);

  report = json ? myna_diagnostics_to_json (diagnostics, include_personal, now)
                : myna_diagnostics_to_text (diagnostics, include_personal, now);
  fputs (report, stdout);

  /* The report itself is the result: it is printed whatever state the card is in. */
  return MYNA_EXIT_OK;
}
