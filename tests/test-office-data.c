/* test-office-data.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validates the bundled office data (the CSV files in data/offices) on its own terms, then
 * checks that the compiled directory says the same thing as the CSV files:
 * every municipality has coordinates inside Japan, municipality codes have valid
 * JIS X 0402 check digits, every postal code maps to an existing municipality.
 */

#define G_LOG_DOMAIN "test-office-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include "myna-office-directory.h"

typedef struct
{
  char      **header;
  GPtrArray  *rows;
} Csv;

static Csv municipalities, branches, postal;

static void
csv_load (Csv        *csv,
          const char *name)
{
  g_autofree char *path = g_build_filename (OFFICE_DATA_DIR, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *line, *next;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  /* Lines split by hand: g_strsplit() on 140,000 lines is quadratic under ASan. */
  for (line = contents; line != NULL && *line != '\0'; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      if (line[0] == '\0')
        continue;
      if (csv->header == NULL)
        csv->header = g_strsplit (line, ",", -1);
      else
        {
          char **fields = g_strsplit (line, ",", -1);
          g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (csv->header));
          g_ptr_array_add (csv->rows, fields);
        }
    }
}

static guint
col (Csv        *csv,
     const char *name)
{
  for (guint i = 0; csv->header[i] != NULL; i++)
    if (g_str_equal (csv->header[i], name))
      return i;
  g_error ("no column %s", name);
}

/* JIS X 0402: weights 6,5,4,3,2 over the first five digits; the check digit is
 * 11 minus the sum modulo 11, keeping only the last digit (10 → 0, 11 → 1). */
static gboolean
check_digit_valid (const char *code)
{
  guint sum = 0;

  if (strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  for (guint i = 0; i < 5; i++)
    sum += (guint) (code[i] - '0') * (6 - i);
  return (11 - sum % 11) % 10 == (guint) (code[5] - '0');
}

static gboolean
in_japan (const char *lat,
          const char *lon)
{
  double la = g_ascii_strtod (lat, NULL), lo = g_ascii_strtod (lon, NULL);

  return lat[0] != '\0' && lon[0] != '\0' && la >= 20.0 && la <= 46.0 && lo >= 122.0 && lo <= 154.5;
}

static void
test_check_digit_function (void)
{
  /* Known codes: 131016 千代田区, 011002 札幌市, 473812 竹富町. */
  g_assert_true (check_digit_valid ("131016"));
  g_assert_true (check_digit_valid ("011002"));
  g_assert_true (check_digit_valid ("473812"));
  g_assert_false (check_digit_valid ("131017"));
  g_assert_false (check_digit_valid ("13101"));
  g_assert_false (check_digit_valid ("13101x"));
}

static void
test_municipalities (void)
{
  guint c_code = col (&municipalities, "lg_code"), c_lat = col (&municipalities, "lat");
  guint c_lon = col (&municipalities, "lon"), c_type = col (&municipalities, "type");
  guint c_parent = col (&municipalities, "parent_lg_code"), c_office = col (&municipalities, "office_name");
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  guint wards = 0;

  g_assert_cmpuint (municipalities.rows->len, ==, 1912);
  for (guint i = 0; i < municipalities.rows->len; i++)
    {
      char **row = g_ptr_array_index (municipalities.rows, i);

      if (!check_digit_valid (row[c_code]))
        g_error ("%s: bad check digit", row[c_code]);
      if (!in_japan (row[c_lat], row[c_lon]))
        g_error ("%s: %s,%s is not in Japan", row[c_code], row[c_lat], row[c_lon]);
      g_assert_cmpstr (row[c_office], !=, "");
      g_assert_false (g_hash_table_contains (codes, row[c_code]));
      g_hash_table_add (codes, row[c_code]);
    }

  for (guint i = 0; i < municipalities.rows->len; i++)
    {
      char **row = g_ptr_array_index (municipalities.rows, i);

      if (g_str_equal (row[c_type], "ward"))
        {
          wards++;
          g_assert_true (g_hash_table_contains (codes, row[c_parent]));
        }
    }
  /* 175 wards before 2024; Hamamatsu went from 7 to 3, so 171. */
  g_assert_cmpuint (wards, ==, 171);
}

static void
test_postal_codes (void)
{
  guint c_code = col (&municipalities, "lg_code"), c_type = col (&municipalities, "type");
  guint p_postal = col (&postal, "postal_code"), p_code = col (&postal, "lg_code");
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) with_postal = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < municipalities.rows->len; i++)
    {
      char **row = g_ptr_array_index (municipalities.rows, i);
      g_hash_table_insert (types, row[c_code], row[c_type]);
    }

  g_assert_cmpuint (postal.rows->len, >, 140000);
  for (guint i = 0; i < postal.rows->len; i++)
    {
      char **row = g_ptr_array_index (postal.rows, i);
      const char *type = g_hash_table_lookup (types, row[p_code]);

      g_assert_cmpuint (strlen (row[p_postal]), ==, 7);
      for (guint j = 0; j < 7; j++)
        g_assert_true (g_ascii_isdigit (row[p_postal][j]));
      if (type == NULL)
        g_error ("postal code %s maps to unknown municipality %s", row[p_postal], row[p_code]);
      /* Designated cities are served by their wards. */
      g_assert_cmpstr (type, !=, "designated_city");
      g_hash_table_add (with_postal, row[p_code]);
    }

  for (guint i = 0; i < municipalities.rows->len; i++)
    {
      char **row = g_ptr_array_index (municipalities.rows, i);
      if (!g_str_equal (row[c_type], "designated_city") && !g_hash_table_contains (with_postal, row[c_code]))
        g_error ("%s has no postal code", row[c_code]);
    }
}

static void
test_branches (void)
{
  guint c_code = col (&municipalities, "lg_code");
  guint b_code = col (&branches, "lg_code"), b_lat = col (&branches, "lat"), b_lon = col (&branches, "lon");
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < municipalities.rows->len; i++)
    g_hash_table_add (codes, ((char **) g_ptr_array_index (municipalities.rows, i))[c_code]);

  for (guint i = 0; i < branches.rows->len; i++)
    {
      char **row = g_ptr_array_index (branches.rows, i);

      g_assert_true (g_hash_table_contains (codes, row[b_code]));
      if (row[b_lat][0] != '\0' && !in_japan (row[b_lat], row[b_lon]))
        g_error ("branch %u: %s,%s is not in Japan", i, row[b_lat], row[b_lon]);
    }
}

/* Each municipality's full name (with prefecture, and county where there is
 * one) finds exactly that municipality, and its reading finds it among others. */
static void
test_every_name_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaOfficeDirectory) directory = myna_office_directory_get_default (&error);
  guint c_code = col (&municipalities, "lg_code"), c_type = col (&municipalities, "type");
  guint c_full = col (&municipalities, "name_full"), c_kana = col (&municipalities, "name_kana");
  guint c_city = col (&municipalities, "city"), c_ward = col (&municipalities, "ward");

  g_assert_no_error (error);
  for (guint i = 0; i < municipalities.rows->len; i++)
    {
      char **row = g_ptr_array_index (municipalities.rows, i);
      g_autoptr(GPtrArray) by_name = NULL;
      g_autoptr(GPtrArray) by_kana = NULL;
      gboolean found = FALSE;

      if (g_str_equal (row[c_type], "designated_city"))
        continue;
      by_name = myna_office_directory_lookup_address (directory, row[c_full], &error);
      g_assert_no_error (error);
      if (myna_office_list_n_municipalities (by_name) != 1
          || !g_str_equal (((MynaOffice *) g_ptr_array_index (by_name, 0))->municipality_code, row[c_code]))
        g_error ("%s (%s) does not find exactly itself", row[c_full], row[c_code]);

      by_kana = myna_office_directory_lookup_address (directory, row[c_kana], &error);
      g_assert_no_error (error);
      for (guint j = 0; j < by_kana->len && !found; j++)
        found = g_str_equal (((MynaOffice *) g_ptr_array_index (by_kana, j))->municipality_code, row[c_code]);
      if (!found)
        g_error ("the reading %s does not find %s", row[c_kana], row[c_code]);

      /* Without prefecture and county: 府中市 finds both, but always this one. */
      {
        g_autofree char *short_name = g_strconcat (row[c_city], row[c_ward], NULL);
        g_autoptr(GPtrArray) by_short = myna_office_directory_lookup_address (directory, short_name, &error);

        g_assert_no_error (error);
        found = FALSE;
        for (guint j = 0; j < by_short->len && !found; j++)
          found = g_str_equal (((MynaOffice *) g_ptr_array_index (by_short, j))->municipality_code, row[c_code]);
        if (!found)
          g_error ("%s does not find %s", short_name, row[c_code]);
      }
    }
}

/* The compiled directory gives back each municipality as the CSV has it. */
static void
test_compiled_matches_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaOfficeDirectory) directory = myna_office_directory_get_default (&error);
  guint c_code = col (&municipalities, "lg_code"), c_type = col (&municipalities, "type");
  guint c_office = col (&municipalities, "office_name"), c_full = col (&municipalities, "name_full");
  guint c_lat = col (&municipalities, "lat"), c_lon = col (&municipalities, "lon");
  guint p_postal = col (&postal, "postal_code"), p_code = col (&postal, "lg_code");

  g_assert_no_error (error);
  g_assert_cmpuint (myna_office_directory_get_n_municipalities (directory), ==, municipalities.rows->len);
  g_assert_cmpuint (myna_office_directory_get_n_branches (directory), ==, branches.rows->len);

  for (guint i = 0; i < municipalities.rows->len; i++)
    {
      char **row = g_ptr_array_index (municipalities.rows, i);
      g_autoptr(GPtrArray) offices = NULL;
      const MynaOffice *o;

      if (g_str_equal (row[c_type], "designated_city"))
        continue;
      offices = myna_office_directory_lookup_code (directory, row[c_code], &error);
      g_assert_no_error (error);
      o = g_ptr_array_index (offices, 0);
      g_assert_cmpstr (o->municipality_code, ==, row[c_code]);
      g_assert_cmpstr (o->municipality, ==, row[c_full]);
      g_assert_cmpstr (o->office, ==, row[c_office]);
      g_assert_cmpfloat (fabs (o->lat - g_ascii_strtod (row[c_lat], NULL)), <, 1e-6);
      g_assert_cmpfloat (fabs (o->lon - g_ascii_strtod (row[c_lon], NULL)), <, 1e-6);
    }

  /* Postal rows are found again (a code may give several municipalities). Every
   * row under `-m slow`, a spread sample otherwise: a full pass takes a minute
   * under AddressSanitizer, and the CSV side is validated in full above. */
  for (guint i = 0; i < postal.rows->len; i += g_test_slow () ? 1 : 7)
    {
      char **row = g_ptr_array_index (postal.rows, i);
      g_autoptr(GPtrArray) offices = myna_office_directory_lookup_postal (directory, row[p_postal], &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (guint j = 0; j < offices->len && !found; j++)
        found = g_str_equal (((MynaOffice *) g_ptr_array_index (offices, j))->municipality_code, row[p_code]);
      if (!found)
        g_error ("postal code %s: %s missing from the compiled data", row[p_postal], row[p_code]);
    }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  csv_load (&municipalities, "municipalities.csv");
  csv_load (&branches, "branch_offices.csv");
  csv_load (&postal, "postal_municipality.csv");

  g_test_add_func ("/office-data/check-digit-function", test_check_digit_function);
  g_test_add_func ("/office-data/municipalities", test_municipalities);
  g_test_add_func ("/office-data/postal-codes", test_postal_codes);
  g_test_add_func ("/office-data/branches", test_branches);
  g_test_add_func ("/office-data/compiled-matches-csv", test_compiled_matches_csv);
  g_test_add_func ("/office-data/every-name-found", test_every_name_found);

  ret = g_test_run ();

  g_ptr_array_unref (municipalities.rows);
  g_ptr_array_unref (branches.rows);
  g_ptr_array_unref (postal.rows);
  g_strfreev (municipalities.header);
  g_strfreev (branches.header);
  g_strfreev (postal.header);
  return ret;
}
