/* myna-office-compile.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build-time compiler of the office directory: reads the CSV files of
 * data/offices/ and writes the compact form described in
 * src/core/myna-office-format.h and docs/office-data.md, so that the app never
 * parses CSV at start-up. It refuses data that would give a wrong answer later
 * (unknown codes, bad check digits, coordinates outside Japan).
 *
 * Usage: myna-office-compile DATE MUNICIPALITIES BRANCHES POSTAL TOWNS OUTPUT
 */

#define G_LOG_DOMAIN "myna-office-compile"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "myna-office-format.h"
#include "myna-text-normalize.h"

typedef struct
{
  char     **header;
  GPtrArray *rows;               /* of char ** */
  const char *path;
} Csv;

typedef struct
{
  GString    *strings;
  GHashTable *string_index;      /* string → offset + 1 */
  GArray     *prefs;
  GArray     *munis;
  GArray     *branches;
  GArray     *keys;
  GArray     *postal;
  GArray     *towns;
  GHashTable *code_to_muni;      /* code → index + 1 */
  GPtrArray  *key_text;          /* for sorting keys: the folded strings */
} Builder;

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) static void
die (const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("myna-office-compile: %s\n", msg);
  exit (1);
}

static void
csv_load (Csv        *csv,
          const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *line, *next;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    die ("%s", error->message);
  if (!g_utf8_validate (contents, -1, NULL))
    die ("%s: not UTF-8", path);
  if (strchr (contents, '"') != NULL)
    die ("%s: quoted fields are not supported; the data has none", path);

  csv->path = path;
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  /* Lines split by hand: g_strsplit() on 120,000 lines is slow under sanitizers. */
  for (line = contents; line != NULL && *line != '\0'; line = next)
    {
      char **fields;

      n++;
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      if (line[0] == '\0')
        continue;
      fields = g_strsplit (line, ",", -1);
      if (csv->header == NULL)
        csv->header = fields;
      else if (g_strv_length (fields) != g_strv_length (csv->header))
        die ("%s:%u: %u fields, expected %u", path, n,
             g_strv_length (fields), g_strv_length (csv->header));
      else
        g_ptr_array_add (csv->rows, fields);
    }
  if (csv->header == NULL)
    die ("%s: empty", path);
}

static guint
csv_column (Csv        *csv,
            const char *name)
{
  for (guint i = 0; csv->header[i] != NULL; i++)
    if (g_str_equal (csv->header[i], name))
      return i;
  die ("%s: no column %s", csv->path, name);
}

static guint32
intern (Builder    *b,
        const char *str)
{
  gpointer found;
  guint32 offset;

  if (str == NULL || str[0] == '\0')
    return 0;
  found = g_hash_table_lookup (b->string_index, str);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  offset = b->strings->len;
  g_string_append_len (b->strings, str, strlen (str) + 1);
  g_hash_table_insert (b->string_index, g_strdup (str), GUINT_TO_POINTER (offset + 1));
  return offset;
}

static guint32
parse_uint (const char *str,
            guint       digits,
            const char *what)
{
  guint64 value;

  if (strlen (str) != digits)
    die ("%s “%s” does not have %u digits", what, str, digits);
  if (!g_ascii_string_to_unsigned (str, 10, 0, G_MAXUINT32, &value, NULL))
    die ("%s “%s” is not a number", what, str);
  return (guint32) value;
}

/* Returns MYNA_OFFICE_NO_COORD for an empty field. */
static gint32
parse_coord (const char *str,
             double      min,
             double      max,
             const char *what)
{
  double value;
  char *end;

  if (str[0] == '\0')
    return MYNA_OFFICE_NO_COORD;
  value = g_ascii_strtod (str, &end);
  if (*end != '\0' || !(value >= min && value <= max))
    die ("%s “%s” is not within %g…%g (Japan)", what, str, min, max);
  return (gint32) lround (value * 1e6);
}

/* JIS X 0402: the sixth digit of a 全国地方公共団体コード is a check digit. */
static gboolean
check_digit_ok (guint32 code)
{
  guint d[6];
  guint sum;

  for (int i = 5; i >= 0; i--)
    {
      d[i] = code % 10;
      code /= 10;
    }
  sum = d[0] * 6 + d[1] * 5 + d[2] * 4 + d[3] * 3 + d[4] * 2;
  return (11 - sum % 11) % 10 == d[5];
}

static guint32
muni_index (Builder    *b,
            const char *code_str,
            const char *where)
{
  guint32 code = parse_uint (code_str, 6, "municipality code");
  gpointer found = g_hash_table_lookup (b->code_to_muni, GUINT_TO_POINTER (code));

  if (found == NULL)
    die ("%s: unknown municipality code %s", where, code_str);
  return GPOINTER_TO_UINT (found) - 1;
}

static guint32
type_from_string (const char *type)
{
  static const char *names[] = {
    "city", "town", "village", "special_ward", "designated_city", "ward",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (type, names[i]))
      return i;
  die ("unknown municipality type %s", type);
}

static void
add_key (Builder    *b,
         const char *text,
         guint32     muni,
         guint32     kind)
{
  g_autofree char *folded = myna_text_fold (text);
  MynaOfficeKey key;

  if (folded[0] == '\0')
    return;
  key.key = intern (b, folded);
  key.muni = muni;
  key.kind = kind;
  g_array_append_val (b->keys, key);
}

static void
load_municipalities (Builder    *b,
                     const char *path)
{
  Csv csv = { 0 };
  guint c_code, c_pref, c_county, c_city, c_ward, c_full, c_kana, c_type, c_parent;
  guint c_office, c_opostal, c_oaddr, c_approx, c_lat, c_lon, c_url;
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();

  csv_load (&csv, path);
  c_code = csv_column (&csv, "lg_code");
  c_pref = csv_column (&csv, "pref");
  c_county = csv_column (&csv, "county");
  c_city = csv_column (&csv, "city");
  c_ward = csv_column (&csv, "ward");
  c_full = csv_column (&csv, "name_full");
  c_kana = csv_column (&csv, "name_kana");
  c_type = csv_column (&csv, "type");
  c_parent = csv_column (&csv, "parent_lg_code");
  c_office = csv_column (&csv, "office_name");
  c_opostal = csv_column (&csv, "office_postal_code");
  c_oaddr = csv_column (&csv, "office_address");
  c_approx = csv_column (&csv, "approx_locality");
  c_lat = csv_column (&csv, "lat");
  c_lon = csv_column (&csv, "lon");
  c_url = csv_column (&csv, "url");

  for (guint i = 0; i < csv.rows->len; i++)
    {
      char **row = g_ptr_array_index (csv.rows, i);
      MynaOfficeMuni m = { 0 };
      guint32 pref = MYNA_OFFICE_NONE;

      m.code = parse_uint (row[c_code], 6, "lg_code");
      if (!check_digit_ok (m.code))
        die ("%s: lg_code %s has a wrong check digit", path, row[c_code]);
      if (i > 0 && g_array_index (b->munis, MynaOfficeMuni, i - 1).code >= m.code)
        die ("%s: rows are not sorted by lg_code at %s", path, row[c_code]);
      if (g_hash_table_contains (b->code_to_muni, GUINT_TO_POINTER (m.code)))
        die ("%s: duplicate lg_code %s", path, row[c_code]);

      for (guint p = 0; p < b->prefs->len; p++)
        {
          MynaOfficePref *pr = &g_array_index (b->prefs, MynaOfficePref, p);
          if (g_str_equal (b->strings->str + pr->name, row[c_pref]))
            pref = p;
        }
      if (pref == MYNA_OFFICE_NONE)
        {
          g_autofree char *key = myna_text_fold (row[c_pref]);
          MynaOfficePref pr = { intern (b, row[c_pref]), intern (b, key) };
          g_array_append_val (b->prefs, pr);
          pref = b->prefs->len - 1;
        }

      m.type = type_from_string (row[c_type]);
      m.pref = pref;
      m.parent = MYNA_OFFICE_NONE;
      m.county = intern (b, row[c_county]);
      m.city = intern (b, row[c_city]);
      m.ward = intern (b, row[c_ward]);
      m.name_full = intern (b, row[c_full]);
      m.name_kana = intern (b, row[c_kana]);
      m.office_name = intern (b, row[c_office]);
      m.office_postal = row[c_opostal][0] ? parse_uint (row[c_opostal], 7, "office_postal_code") : 0;
      m.office_address = intern (b, row[c_oaddr]);
      m.approx_locality = intern (b, row[c_approx]);
      m.url = intern (b, row[c_url]);
      m.lat = parse_coord (row[c_lat], 20.0, 46.0, "lat");
      m.lon = parse_coord (row[c_lon], 122.0, 154.5, "lon");
      if (m.lat == MYNA_OFFICE_NO_COORD || m.lon == MYNA_OFFICE_NO_COORD)
        die ("%s: %s has no coordinates", path, row[c_code]);
      if (row[c_city][0] == '\0' || row[c_office][0] == '\0')
        die ("%s: %s has no name or office name", path, row[c_code]);
      if ((m.type == MYNA_OFFICE_MUNI_WARD) != (row[c_parent][0] != '\0'))
        die ("%s: %s: only wards have a parent", path, row[c_code]);

      g_array_append_val (b->munis, m);
      g_hash_table_insert (b->code_to_muni, GUINT_TO_POINTER (m.code), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (parents, g_strdup (row[c_parent]));
    }

  for (guint i = 0; i < b->munis->len; i++)
    {
      MynaOfficeMuni *m = &g_array_index (b->munis, MynaOfficeMuni, i);
      const char *parent = g_ptr_array_index (parents, i);
      const char *city = b->strings->str + m->city;
      g_autofree char *kana = NULL;

      if (parent[0] != '\0')
        {
          m->parent = muni_index (b, parent, path);
          if (g_array_index (b->munis, MynaOfficeMuni, m->parent).type != MYNA_OFFICE_MUNI_DESIGNATED_CITY)
            die ("%s: the parent of %06u is not a designated city", path, m->code);
        }
      g_free ((char *) parent);

      /* Copy the strings first: add_key() may grow the string table. */
      kana = g_strdup (b->strings->str + m->name_kana);
      switch (m->type)
        {
        case MYNA_OFFICE_MUNI_DESIGNATED_CITY:
          add_key (b, city, i, MYNA_OFFICE_KEY_PARENT_CITY);
          break;

        case MYNA_OFFICE_MUNI_WARD:
          {
            g_autofree char *c = g_strdup (city);
            g_autofree char *w = g_strdup (b->strings->str + m->ward);
            g_autofree char *cw = g_strconcat (c, w, NULL);
            add_key (b, cw, i, MYNA_OFFICE_KEY_FULL);
            add_key (b, w, i, MYNA_OFFICE_KEY_WARD_ONLY);
          }
          break;

        default:
          {
            g_autofree char *c = g_strdup (city);
            g_autofree char *cc = g_strconcat (b->strings->str + m->county, c, NULL);
            add_key (b, c, i, MYNA_OFFICE_KEY_FULL);
            if (m->county != 0)
              add_key (b, cc, i, MYNA_OFFICE_KEY_FULL);
          }
          break;
        }
      add_key (b, kana, i, MYNA_OFFICE_KEY_KANA);
    }

  g_ptr_array_unref (csv.rows);
  g_strfreev (csv.header);
}

static void
load_branches (Builder    *b,
               const char *path)
{
  Csv csv = { 0 };
  guint c_code, c_name, c_kw, c_postal, c_addr, c_lat, c_lon;

  csv_load (&csv, path);
  c_code = csv_column (&csv, "lg_code");
  c_name = csv_column (&csv, "office_name");
  c_kw = csv_column (&csv, "keyword");
  c_postal = csv_column (&csv, "postal_code");
  c_addr = csv_column (&csv, "address");
  c_lat = csv_column (&csv, "lat");
  c_lon = csv_column (&csv, "lon");

  for (guint i = 0; i < csv.rows->len; i++)
    {
      char **row = g_ptr_array_index (csv.rows, i);
      MynaOfficeBranch br = { 0 };

      br.muni = muni_index (b, row[c_code], path);
      br.name = intern (b, row[c_name]);
      br.keyword = intern (b, row[c_kw]);
      br.postal = row[c_postal][0] ? parse_uint (row[c_postal], 7, "postal_code") : 0;
      br.address = intern (b, row[c_addr]);
      br.lat = parse_coord (row[c_lat], 20.0, 46.0, "lat");
      br.lon = parse_coord (row[c_lon], 122.0, 154.5, "lon");
      if ((br.lat == MYNA_OFFICE_NO_COORD) != (br.lon == MYNA_OFFICE_NO_COORD))
        die ("%s:%u: only one coordinate", path, i + 2);
      g_array_append_val (b->branches, br);
    }

  g_ptr_array_unref (csv.rows);
  g_strfreev (csv.header);
}

typedef struct
{
  double sum_lat;
  double sum_lon;
  guint  n;
} Centroid;

static guint64
postal_key (guint32 postal,
            guint32 muni)
{
  return ((guint64) postal << 32) | muni;
}

static void
load_postal (Builder    *b,
             const char *towns_path,
             const char *postal_path)
{
  Csv towns = { 0 };
  Csv postal = { 0 };
  g_autoptr(GHashTable) centroids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer k, v;
  guint c_postal, c_code, c_town, c_lat, c_lon;

  csv_load (&towns, towns_path);
  c_postal = csv_column (&towns, "postal_code");
  c_code = csv_column (&towns, "lg_code");
  c_town = csv_column (&towns, "town");
  c_lat = csv_column (&towns, "lat");
  c_lon = csv_column (&towns, "lon");

  for (guint i = 0; i < towns.rows->len; i++)
    {
      char **row = g_ptr_array_index (towns.rows, i);
      guint32 code = parse_uint (row[c_postal], 7, "postal_code");
      guint32 muni = muni_index (b, row[c_code], towns_path);
      gint32 lat = parse_coord (row[c_lat], 20.0, 46.0, "lat");
      gint32 lon = parse_coord (row[c_lon], 122.0, 154.5, "lon");
      guint64 pk = postal_key (code, muni);
      Centroid *c = g_hash_table_lookup (centroids, &pk);
      g_autofree char *key = NULL;

      if (c == NULL)
        {
          c = g_new0 (Centroid, 1);
          g_hash_table_insert (centroids, g_memdup2 (&pk, sizeof pk), c);
        }
      if (lat != MYNA_OFFICE_NO_COORD && lon != MYNA_OFFICE_NO_COORD)
        {
          c->sum_lat += lat;
          c->sum_lon += lon;
          c->n++;
        }

      /* "以下に掲載がない場合" (the rest of the municipality) names no town. */
      if (g_str_equal (row[c_town], "以下に掲載がない場合"))
        continue;
      key = myna_text_fold_town (row[c_town]);
      if (key[0] != '\0')
        {
          MynaOfficeTown t = { muni, intern (b, key), code, lat, lon };
          g_array_append_val (b->towns, t);
        }
    }

  csv_load (&postal, postal_path);
  c_postal = csv_column (&postal, "postal_code");
  c_code = csv_column (&postal, "lg_code");
  for (guint i = 0; i < postal.rows->len; i++)
    {
      char **row = g_ptr_array_index (postal.rows, i);
      guint32 code = parse_uint (row[c_postal], 7, "postal_code");
      guint32 muni = muni_index (b, row[c_code], postal_path);
      guint64 pk = postal_key (code, muni);

      if (g_array_index (b->munis, MynaOfficeMuni, muni).type == MYNA_OFFICE_MUNI_DESIGNATED_CITY)
        die ("%s: %s maps to a designated city, not a ward", postal_path, row[c_postal]);
      if (!g_hash_table_contains (centroids, &pk))
        g_hash_table_insert (centroids, g_memdup2 (&pk, sizeof pk), g_new0 (Centroid, 1));
    }

  g_hash_table_iter_init (&iter, centroids);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      guint64 pk = *(guint64 *) k;
      Centroid *c = v;
      MynaOfficePostal p;

      p.postal = pk >> 32;
      p.muni = pk & 0xFFFFFFFF;
      p.lat = c->n ? (gint32) lround (c->sum_lat / c->n) : MYNA_OFFICE_NO_COORD;
      p.lon = c->n ? (gint32) lround (c->sum_lon / c->n) : MYNA_OFFICE_NO_COORD;
      g_array_append_val (b->postal, p);
    }

  g_ptr_array_unref (towns.rows);
  g_strfreev (towns.header);
  g_ptr_array_unref (postal.rows);
  g_strfreev (postal.header);
}

static Builder *sort_builder;

static int
key_cmp (gconstpointer a,
         gconstpointer b)
{
  const MynaOfficeKey *x = a, *y = b;
  int r = strcmp (sort_builder->strings->str + x->key, sort_builder->strings->str + y->key);

  if (r != 0)
    return r;
  if (x->muni != y->muni)
    return x->muni < y->muni ? -1 : 1;
  return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static int
postal_cmp (gconstpointer a,
            gconstpointer b)
{
  const MynaOfficePostal *x = a, *y = b;

  if (x->postal != y->postal)
    return x->postal < y->postal ? -1 : 1;
  return x->muni < y->muni ? -1 : x->muni > y->muni;
}

static int
town_cmp (gconstpointer a,
          gconstpointer b)
{
  const MynaOfficeTown *x = a, *y = b;
  int r;

  if (x->muni != y->muni)
    return x->muni < y->muni ? -1 : 1;
  r = strcmp (sort_builder->strings->str + x->key, sort_builder->strings->str + y->key);
  if (r != 0)
    return r;
  return x->postal < y->postal ? -1 : x->postal > y->postal;
}

static int
near_cmp (gconstpointer a,
          gconstpointer b)
{
  const MynaOfficePostal *p = (const MynaOfficePostal *) sort_builder->postal->data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (p[x].lat != p[y].lat)
    return p[x].lat < p[y].lat ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void
append_section (GByteArray        *out,
                MynaOfficeSection *section,
                gconstpointer      data,
                guint              count,
                gsize              record_size)
{
  static const guint8 zeros[8] = { 0 };

  /* 8-byte alignment keeps every record naturally aligned. */
  if (out->len % 8 != 0)
    g_byte_array_append (out, zeros, 8 - out->len % 8);
  section->offset = out->len;
  section->count = count;
  if (count > 0)
    g_byte_array_append (out, data, count * record_size);
}

int
main (int    argc,
      char **argv)
{
  Builder b = { 0 };
  MynaOfficeHeader header = { 0 };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *has_postal = NULL;
  guint32 n_dedup;

  if (argc != 7)
    die ("usage: myna-office-compile YYYYMMDD MUNICIPALITIES BRANCHES POSTAL TOWNS OUTPUT");

  b.strings = g_string_new_len ("", 1);
  b.string_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.prefs = g_array_new (FALSE, FALSE, sizeof (MynaOfficePref));
  b.munis = g_array_new (FALSE, FALSE, sizeof (MynaOfficeMuni));
  b.branches = g_array_new (FALSE, FALSE, sizeof (MynaOfficeBranch));
  b.keys = g_array_new (FALSE, FALSE, sizeof (MynaOfficeKey));
  b.postal = g_array_new (FALSE, FALSE, sizeof (MynaOfficePostal));
  b.towns = g_array_new (FALSE, FALSE, sizeof (MynaOfficeTown));
  b.code_to_muni = g_hash_table_new (NULL, NULL);
  sort_builder = &b;

  load_municipalities (&b, argv[2]);
  load_branches (&b, argv[3]);
  load_postal (&b, argv[5], argv[4]);

  /* Group branches by municipality, keeping the data's order within each. */
  {
    g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (MynaOfficeBranch));

    for (guint i = 0; i < b.munis->len; i++)
      {
        MynaOfficeMuni *m = &g_array_index (b.munis, MynaOfficeMuni, i);

        m->first_branch = sorted->len;
        for (guint j = 0; j < b.branches->len; j++)
          if (g_array_index (b.branches, MynaOfficeBranch, j).muni == i)
            g_array_append_val (sorted, g_array_index (b.branches, MynaOfficeBranch, j));
        m->n_branches = sorted->len - m->first_branch;
      }
    g_array_set_size (b.branches, 0);
    g_array_append_vals (b.branches, sorted->data, sorted->len);
  }

  g_array_sort (b.keys, key_cmp);
  g_array_sort (b.postal, postal_cmp);
  g_array_sort (b.towns, town_cmp);

  /* The same 町域 can appear twice with one postal code; keep one. */
  n_dedup = 0;
  for (guint i = 0; i < b.towns->len; i++)
    {
      MynaOfficeTown *t = &g_array_index (b.towns, MynaOfficeTown, i);

      if (n_dedup > 0 && town_cmp (t, &g_array_index (b.towns, MynaOfficeTown, n_dedup - 1)) == 0)
        continue;
      g_array_index (b.towns, MynaOfficeTown, n_dedup++) = *t;
    }
  g_array_set_size (b.towns, n_dedup);

  for (guint i = 0; i < b.towns->len; i++)
    {
      MynaOfficeTown *t = &g_array_index (b.towns, MynaOfficeTown, i);
      MynaOfficeMuni *m = &g_array_index (b.munis, MynaOfficeMuni, t->muni);

      if (m->n_towns == 0)
        m->first_town = i;
      m->n_towns++;
    }

  for (guint i = 0; i < b.postal->len; i++)
    if (g_array_index (b.postal, MynaOfficePostal, i).lat != MYNA_OFFICE_NO_COORD)
      g_array_append_val (near, i);
  g_array_sort (near, near_cmp);

  has_postal = g_new0 (gboolean, b.munis->len);
  for (guint j = 0; j < b.postal->len; j++)
    has_postal[g_array_index (b.postal, MynaOfficePostal, j).muni] = TRUE;
  for (guint i = 0; i < b.munis->len; i++)
    {
      MynaOfficeMuni *m = &g_array_index (b.munis, MynaOfficeMuni, i);

      if (m->type != MYNA_OFFICE_MUNI_DESIGNATED_CITY && !has_postal[i])
        die ("%06u has no postal code", m->code);
    }

  memcpy (header.magic, MYNA_OFFICE_MAGIC, sizeof header.magic);
  header.version = MYNA_OFFICE_VERSION;
  header.byte_order = MYNA_OFFICE_BYTE_ORDER;
  header.postal_data_date = parse_uint (argv[1], 8, "date");
  g_byte_array_append (out, (const guint8 *) &header, sizeof header);

#define SECTION(id, array, type) \
  append_section (out, &header.sections[id], (array)->data, (array)->len, sizeof (type))
  SECTION (MYNA_OFFICE_SECTION_PREFS, b.prefs, MynaOfficePref);
  SECTION (MYNA_OFFICE_SECTION_MUNIS, b.munis, MynaOfficeMuni);
  SECTION (MYNA_OFFICE_SECTION_BRANCHES, b.branches, MynaOfficeBranch);
  SECTION (MYNA_OFFICE_SECTION_KEYS, b.keys, MynaOfficeKey);
  SECTION (MYNA_OFFICE_SECTION_POSTAL, b.postal, MynaOfficePostal);
  SECTION (MYNA_OFFICE_SECTION_NEAR, near, guint32);
  SECTION (MYNA_OFFICE_SECTION_TOWNS, b.towns, MynaOfficeTown);
#undef SECTION
  append_section (out, &header.sections[MYNA_OFFICE_SECTION_STRINGS],
                  b.strings->str, b.strings->len, 1);

  header.file_size = out->len;
  memcpy (out->data, &header, sizeof header);

  if (!g_file_set_contents (argv[6], (const char *) out->data, out->len, &error))
    die ("%s", error->message);

  g_print ("%u prefectures, %u municipalities, %u branches, %u keys, %u postal entries, "
           "%u towns, %u bytes of strings, %u bytes in all\n",
           b.prefs->len, b.munis->len, b.branches->len, b.keys->len, b.postal->len,
           b.towns->len, (guint) b.strings->len, out->len);
  return 0;
}
