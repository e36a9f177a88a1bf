/* myna-cli-office.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mynassist-cli office --postal CODE | --address TEXT | --near LAT,LON [--limit N] [--json]
 *
 * Exit codes (DESIGN.md): 0 found, 1 nothing found or no data, 2 malformed input.
 */

#define G_LOG_DOMAIN "myna-cli-office"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "myna-json.h"
#include "myna-office-directory.h"

#include "myna-cli.h"


static void
append_json_number (GString *out,
                    double   value,
                    int      decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

static void
print_json (GPtrArray *offices)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < offices->len; i++)
    {
      const MynaOffice *o = g_ptr_array_index (offices, i);

      g_string_append (out, i == 0 ? "\n  {" : ",\n  {");
      g_string_append (out, "\"municipality_code\": ");
      myna_json_append_string (out, o->municipality_code);
      g_string_append (out, ", \"municipality\": ");
      myna_json_append_string (out, o->municipality);
      g_string_append (out, ", \"office\": ");
      myna_json_append_string (out, o->office);
      g_string_append (out, ", \"address\": ");
      myna_json_append_string (out, o->address);
      g_string_append (out, ", \"postal_code\": ");
      myna_json_append_string (out, o->postal_code);
      g_string_append (out, ", \"lat\": ");
      append_json_number (out, o->lat, 6);
      g_string_append (out, ", \"lon\": ");
      append_json_number (out, o->lon, 6);
      g_string_append (out, ", \"distance_km\": ");
      append_json_number (out, o->distance_km, 3);
      g_string_append (out, ", \"phone\": ");
      myna_json_append_string (out, o->phone);
      g_string_append (out, ", \"url\": ");
      myna_json_append_string (out, o->url);
      /* Not in DESIGN.md's list, added: scripts must be able to tell branches apart. */
      g_string_append_printf (out, ", \"branch\": %s}", o->is_branch ? "true" : "false");
    }
  g_string_append (out, offices->len > 0 ? "\n]\n" : "]\n");
  fputs (out->str, stdout);
}

static void
print_text (GPtrArray  *offices,
            gboolean    near)
{
  guint n = myna_office_list_n_municipalities (offices);
  const char *current = NULL;

  g_print ("%s\n", _("A PIN can be reset only at an office of the municipality where you are "
                     "registered as a resident."));
  if (near)
    g_print ("%s\n", _("Offices near the location, by municipality. The first is the municipality "
                       "the location most likely lies in, which is not necessarily yours."));
  else if (n > 1)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u municipality matches. Choose the one where you are registered:\n",
                          "%u municipalities match. Choose the one where you are registered:\n", n),
             n);

  for (guint i = 0; i < offices->len; i++)
    {
      const MynaOffice *o = g_ptr_array_index (offices, i);

      if (current == NULL || !g_str_equal (current, o->municipality_code))
        {
          g_print ("\n%s (%s)\n", o->municipality, o->municipality_code);
          if (o->url != NULL)
            /* Translators: the municipality's website */
            g_print ("  %s %s\n", _("Website:"), o->url);
          current = o->municipality_code;
        }

      if (o->is_branch)
        {
          g_print ("  %s\n", o->office);
          g_print ("    ");
          /* Translators: %s is the kind of branch, such as 支所 or 出張所 */
          g_print (_("Branch office (%s): it may not handle My Number Card procedures. Check the website first."),
                   o->branch_kind != NULL ? o->branch_kind : "");
          g_print ("\n");
        }
      else
        g_print ("  %s — %s\n", o->office, _("main office"));

      if (o->address != NULL)
        {
          if (o->postal_code != NULL)
            g_print ("    〒%.3s-%s %s\n", o->postal_code, o->postal_code + 3, o->address);
          else
            g_print ("    %s\n", o->address);
        }
      else if (o->approx_locality != NULL)
        {
          g_print ("    ");
          /* Translators: %s is a place name; the office's exact address is not in the data */
          g_print (_("Near %s (exact address unknown)"), o->approx_locality);
          g_print ("\n");
        }

      if (!isnan (o->distance_km))
        {
          g_print ("    ");
          /* Translators: distance in kilometres, such as "1.2 km away" */
          g_print (_("%.1f km away"), o->distance_km);
          g_print ("\n");
        }
    }
  g_print ("\n%s\n", _("Opening hours differ by office: check the municipality's website before you go."));
}

int
myna_cli_office (int    argc,
                 char **argv)
{
  g_autofree char *postal = NULL;
  g_autofree char *address = NULL;
  g_autofree char *near = NULL;
  gboolean json = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "postal", 0, 0, G_OPTION_ARG_STRING, &postal, N_("Postal code of the registered address"), N_("CODE") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Registered address or municipality name"), N_("TEXT") },
    { "near", 0, 0, G_OPTION_ARG_STRING, &near, N_("Offices near a location"), N_("LAT,LON") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Print at most N offices"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaOfficeDirectory) directory = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  guint n_queries;

  context = g_option_context_new (_("— find the offices of your municipality"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      myna_cli_error ("%s", error->message);
      return MYNA_EXIT_USAGE;
    }
  if (argc > 1)
    {
      myna_cli_error (_("Unexpected argument “%s”. Quote an address that contains spaces."), argv[1]);
      return MYNA_EXIT_USAGE;
    }
  n_queries = (postal != NULL) + (address != NULL) + (near != NULL);
  if (n_queries != 1)
    {
      myna_cli_error (_("Give exactly one of --postal, --address or --near."));
      return MYNA_EXIT_USAGE;
    }
  if (limit < 0)
    {
      myna_cli_error (_("--limit must be a positive number."));
      return MYNA_EXIT_USAGE;
    }

  directory = myna_office_directory_get_default (&error);
  if (directory == NULL)
    {
      myna_cli_error ("%s", error->message);
      return MYNA_EXIT_FAILED;
    }

  if (postal != NULL)
    offices = myna_office_directory_lookup_postal (directory, postal, &error);
  else if (address != NULL)
    offices = myna_office_directory_lookup_address (directory, address, &error);
  else
    {
      double lat, lon;

      if (myna_office_parse_coordinates (near, &lat, &lon, &error))
        offices = myna_office_directory_lookup_near (directory, lat, lon, (guint) limit, &error);
    }

  if (offices == NULL)
    {
      myna_cli_error ("%s", error->message);
      return g_error_matches (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID)
             ? MYNA_EXIT_USAGE : MYNA_EXIT_FAILED;
    }

  if (limit > 0 && offices->len > (guint) limit)
    g_ptr_array_set_size (offices, limit);

  if (json)
    print_json (offices);
  else
    print_text (offices, near != NULL);

  return MYNA_EXIT_OK;
}
