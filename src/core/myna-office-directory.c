/* myna-office-directory.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offline lookup of municipal offices. The data is compiled at build time
 * (tools/myna-office-compile.c, format in myna-office-format.h) and read in
 * place: loading checks the structure once, so no lookup can read out of bounds
 * even if the file is damaged, and no CSV is parsed at start-up.
 *
 * A PIN can be reset only at the municipality of the holder's resident
 * registration, so every lookup answers with municipalities first and never
 * quietly swaps in a neighbour's office: when a query fits several
 * municipalities, all of them are returned, best first, each with its main
 * office before its branches.
 */

#define G_LOG_DOMAIN "myna-office"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "myna-office-directory.h"
#include "myna-office-format.h"
#include "myna-text-normalize.h"

#define OFFICE_RESOURCE_PATH "/io/github/mynassist/Mynassist/offices/offices.bin"
#define EARTH_RADIUS_KM 6371.0088
#define DEFAULT_NEAR_LIMIT 10

/* Japan, generously: Okinotorishima to Benten-jima, Yonaguni to Minamitorishima. */
#define JAPAN_LAT_MIN 20.0
#define JAPAN_LAT_MAX 46.0
#define JAPAN_LON_MIN 122.0
#define JAPAN_LON_MAX 154.5

/* Provided by the GResource compiled from data/offices/myna-office.gresource.xml. */
GResource *myna_office_get_resource (void);

struct _MynaOfficeDirectory
{
  GObject                 parent_instance;

  GBytes                 *bytes;
  const MynaOfficeHeader *header;
  const MynaOfficePref   *prefs;
  guint                   n_prefs;
  const MynaOfficeMuni   *munis;
  guint                   n_munis;
  const MynaOfficeBranch *branches;
  guint                   n_branches;
  const MynaOfficeKey    *keys;
  guint                   n_keys;
  const MynaOfficePostal *postal;
  guint                   n_postal;
  const guint32          *near;
  guint                   n_near;
  const MynaOfficeTown   *towns;
  guint                   n_towns;
  const char             *strings;
  guint32                 strings_len;
};

G_DEFINE_FINAL_TYPE (MynaOfficeDirectory, myna_office_directory, G_TYPE_OBJECT)

G_DEFINE_QUARK (myna-office-error-quark, myna_office_error)

/* One municipality that fits a query, with the point distances are measured from. */
typedef struct
{
  guint32  muni;
  guint    rank;                 /* MynaOfficeKeyKind or better/worse; lower is better */
  gsize    key_len;
  gsize    town_len;
  gboolean has_ref;
  double   ref_lat;
  double   ref_lon;
} Candidate;

/* ---- MynaOffice ---------------------------------------------------------------- */

/**
 * myna_office_free:
 * @office: (nullable): an office
 *
 * Frees @office and its strings.
 */
void
myna_office_free (MynaOffice *office)
{
  if (office == NULL)
    return;
  g_free (office->municipality_code);
  g_free (office->municipality);
  g_free (office->municipality_kana);
  g_free (office->office);
  g_free (office->address);
  g_free (office->approx_locality);
  g_free (office->postal_code);
  g_free (office->phone);
  g_free (office->url);
  g_free (office->branch_kind);
  g_free (office);
}

/**
 * myna_office_copy:
 * @office: an office
 *
 * Returns: (transfer full): a deep copy of @office
 */
MynaOffice *
myna_office_copy (const MynaOffice *office)
{
  MynaOffice *copy;

  g_return_val_if_fail (office != NULL, NULL);

  copy = g_memdup2 (office, sizeof *office);
  copy->municipality_code = g_strdup (office->municipality_code);
  copy->municipality = g_strdup (office->municipality);
  copy->municipality_kana = g_strdup (office->municipality_kana);
  copy->office = g_strdup (office->office);
  copy->address = g_strdup (office->address);
  copy->approx_locality = g_strdup (office->approx_locality);
  copy->postal_code = g_strdup (office->postal_code);
  copy->phone = g_strdup (office->phone);
  copy->url = g_strdup (office->url);
  copy->branch_kind = g_strdup (office->branch_kind);
  return copy;
}

/**
 * myna_office_list_n_municipalities:
 * @offices: (element-type MynaOffice): a lookup result
 *
 * Returns: how many different municipalities @offices names; more than one means
 *   the user must pick the one where they are registered
 */
guint
myna_office_list_n_municipalities (GPtrArray *offices)
{
  guint n = 0;

  g_return_val_if_fail (offices != NULL, 0);

  for (guint i = 0; i < offices->len; i++)
    {
      const MynaOffice *o = g_ptr_array_index (offices, i);
      n = MAX (n, o->candidate + 1);
    }
  return n;
}

/* ---- loading ------------------------------------------------------------------- */

static gboolean
damaged (GError    **error,
         const char *why)
{
  /* The detail is for bug reports; the sentence before it is for the user. */
  g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA,
               _("The office directory data is damaged (%s). Reinstall Mynassist."), why);
  return FALSE;
}

static gboolean
section_ok (const MynaOfficeHeader *header,
            gsize                   size,
            guint                   id,
            gsize                   record_size)
{
  const MynaOfficeSection *s = &header->sections[id];

  return s->offset % 4 == 0
         && s->offset >= sizeof *header
         && (guint64) s->offset + (guint64) s->count * record_size <= size;
}

#define STR_OK(off) ((off) < self->strings_len)
#define IDX_OK(idx, n) ((idx) < (n))

static gboolean
validate (MynaOfficeDirectory *self,
          GError             **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  const MynaOfficeHeader *h = (const MynaOfficeHeader *) data;
  static const gsize record_sizes[MYNA_OFFICE_N_SECTIONS] = {
    sizeof (MynaOfficePref), sizeof (MynaOfficeMuni), sizeof (MynaOfficeBranch),
    sizeof (MynaOfficeKey), sizeof (MynaOfficePostal), sizeof (guint32),
    sizeof (MynaOfficeTown), 1,
  };

  if (data == NULL || size < sizeof *h)
    return damaged (error, "too short");
  if (memcmp (h->magic, MYNA_OFFICE_MAGIC, sizeof h->magic) != 0)
    return damaged (error, "bad magic");
  if (h->byte_order != MYNA_OFFICE_BYTE_ORDER)
    return damaged (error, "wrong byte order");
  if (h->version != MYNA_OFFICE_VERSION)
    return damaged (error, "unknown version");
  if (h->file_size != size)
    return damaged (error, "wrong size");
  for (guint i = 0; i < MYNA_OFFICE_N_SECTIONS; i++)
    if (!section_ok (h, size, i, record_sizes[i]))
      return damaged (error, "section out of bounds");

  self->header = h;
#define SECTION(field, n_field, id, type) \
  self->field = (const type *) (data + h->sections[id].offset); \
  self->n_field = h->sections[id].count
  SECTION (prefs, n_prefs, MYNA_OFFICE_SECTION_PREFS, MynaOfficePref);
  SECTION (munis, n_munis, MYNA_OFFICE_SECTION_MUNIS, MynaOfficeMuni);
  SECTION (branches, n_branches, MYNA_OFFICE_SECTION_BRANCHES, MynaOfficeBranch);
  SECTION (keys, n_keys, MYNA_OFFICE_SECTION_KEYS, MynaOfficeKey);
  SECTION (postal, n_postal, MYNA_OFFICE_SECTION_POSTAL, MynaOfficePostal);
  SECTION (near, n_near, MYNA_OFFICE_SECTION_NEAR, guint32);
  SECTION (towns, n_towns, MYNA_OFFICE_SECTION_TOWNS, MynaOfficeTown);
#undef SECTION
  self->strings = (const char *) (data + h->sections[MYNA_OFFICE_SECTION_STRINGS].offset);
  self->strings_len = h->sections[MYNA_OFFICE_SECTION_STRINGS].count;

  if (self->strings_len == 0 || self->strings[0] != '\0' || self->strings[self->strings_len - 1] != '\0')
    return damaged (error, "bad string table");
  if (self->n_munis == 0 || self->n_prefs == 0)
    return damaged (error, "empty");

  for (guint i = 0; i < self->n_prefs; i++)
    if (!STR_OK (self->prefs[i].name) || !STR_OK (self->prefs[i].key))
      return damaged (error, "prefecture");

  for (guint i = 0; i < self->n_munis; i++)
    {
      const MynaOfficeMuni *m = &self->munis[i];

      if (m->code > 999999 || m->type > MYNA_OFFICE_MUNI_WARD || !IDX_OK (m->pref, self->n_prefs)
          || (m->parent != MYNA_OFFICE_NONE && !IDX_OK (m->parent, self->n_munis))
          || !STR_OK (m->county) || !STR_OK (m->city) || !STR_OK (m->ward)
          || !STR_OK (m->name_full) || !STR_OK (m->name_kana) || !STR_OK (m->office_name)
          || !STR_OK (m->office_address) || !STR_OK (m->approx_locality) || !STR_OK (m->url)
          || m->office_postal > 9999999
          || (guint64) m->first_branch + m->n_branches > self->n_branches
          || (guint64) m->first_town + m->n_towns > self->n_towns)
        return damaged (error, "municipality");
      if (i > 0 && self->munis[i - 1].code >= m->code)
        return damaged (error, "municipalities not sorted");
    }

  for (guint i = 0; i < self->n_branches; i++)
    {
      const MynaOfficeBranch *b = &self->branches[i];

      if (!IDX_OK (b->muni, self->n_munis) || !STR_OK (b->name) || !STR_OK (b->keyword)
          || !STR_OK (b->address) || b->postal > 9999999)
        return damaged (error, "branch");
    }

  for (guint i = 0; i < self->n_keys; i++)
    {
      const MynaOfficeKey *k = &self->keys[i];

      if (!STR_OK (k->key) || !IDX_OK (k->muni, self->n_munis) || k->kind > MYNA_OFFICE_KEY_WARD_ONLY)
        return damaged (error, "name key");
      if (i > 0 && strcmp (self->strings + self->keys[i - 1].key, self->strings + k->key) > 0)
        return damaged (error, "name keys not sorted");
    }

  for (guint i = 0; i < self->n_postal; i++)
    {
      const MynaOfficePostal *p = &self->postal[i];

      if (!IDX_OK (p->muni, self->n_munis) || p->postal > 9999999)
        return damaged (error, "postal code");
      if (i > 0 && self->postal[i - 1].postal > p->postal)
        return damaged (error, "postal codes not sorted");
    }

  for (guint i = 0; i < self->n_near; i++)
    if (!IDX_OK (self->near[i], self->n_postal)
        || self->postal[self->near[i]].lat == MYNA_OFFICE_NO_COORD
        || (i > 0 && self->postal[self->near[i - 1]].lat > self->postal[self->near[i]].lat))
      return damaged (error, "location index");

  for (guint i = 0; i < self->n_towns; i++)
    if (!IDX_OK (self->towns[i].muni, self->n_munis) || !STR_OK (self->towns[i].key))
      return damaged (error, "town");

  return TRUE;
}

#undef STR_OK
#undef IDX_OK

static void
myna_office_directory_finalize (GObject *object)
{
  MynaOfficeDirectory *self = MYNA_OFFICE_DIRECTORY (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (myna_office_directory_parent_class)->finalize (object);
}

static void
myna_office_directory_class_init (MynaOfficeDirectoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myna_office_directory_finalize;
}

static void
myna_office_directory_init (MynaOfficeDirectory *self)
{
}

/**
 * myna_office_directory_new_from_bytes:
 * @bytes: compiled office data
 * @error: return location for a %MYNA_OFFICE_ERROR_DATA error
 *
 * Loads compiled office data, checking its structure first.
 *
 * Returns: (transfer full) (nullable): the directory, or %NULL if @bytes is damaged
 */
MynaOfficeDirectory *
myna_office_directory_new_from_bytes (GBytes  *bytes,
                                      GError **error)
{
  g_autoptr(MynaOfficeDirectory) self = NULL;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MYNA_TYPE_OFFICE_DIRECTORY, NULL);
  data = g_bytes_get_data (bytes, &size);
  /* The records are read in place, so they must be aligned; copy if not. */
  if (data != NULL && ((guintptr) data % 8) != 0)
    self->bytes = g_bytes_new (data, size);
  else
    self->bytes = g_bytes_ref (bytes);

  if (!validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * myna_office_directory_new_from_file:
 * @path: a compiled office data file
 * @error: return location for a %MYNA_OFFICE_ERROR_DATA error
 *
 * Maps the file and loads it like myna_office_directory_new_from_bytes().
 *
 * Returns: (transfer full) (nullable): the directory
 */
MynaOfficeDirectory *
myna_office_directory_new_from_file (const char  *path,
                                     GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA,
                   _("The office directory data cannot be read: %s"), local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  return myna_office_directory_new_from_bytes (bytes, error);
}

/**
 * myna_office_directory_new_from_resource:
 * @path: a resource path
 * @error: return location for a %MYNA_OFFICE_ERROR_DATA error
 *
 * Returns: (transfer full) (nullable): the directory
 */
MynaOfficeDirectory *
myna_office_directory_new_from_resource (const char  *path,
                                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resource_lookup_data (myna_office_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA,
                   _("The office directory data is missing: %s"), local_error->message);
      return NULL;
    }
  return myna_office_directory_new_from_bytes (bytes, error);
}

/**
 * myna_office_directory_get_default:
 * @error: return location for a %MYNA_OFFICE_ERROR_DATA error
 *
 * Returns the directory built into the program, loaded on first use and shared.
 * Thread-safe.
 *
 * Returns: (transfer full) (nullable): the directory
 */
MynaOfficeDirectory *
myna_office_directory_get_default (GError **error)
{
  static GMutex lock;
  static MynaOfficeDirectory *instance;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (instance == NULL)
    {
      instance = myna_office_directory_new_from_resource (OFFICE_RESOURCE_PATH, error);
      if (instance == NULL)
        return NULL;
    }
  return g_object_ref (instance);
}

guint
myna_office_directory_get_n_municipalities (MynaOfficeDirectory *self)
{
  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), 0);
  return self->n_munis;
}

guint
myna_office_directory_get_n_branches (MynaOfficeDirectory *self)
{
  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), 0);
  return self->n_branches;
}

/**
 * myna_office_directory_get_n_postal_codes:
 * @self: a directory
 *
 * Returns: the number of (postal code, municipality) pairs
 */
guint
myna_office_directory_get_n_postal_codes (MynaOfficeDirectory *self)
{
  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), 0);
  return self->n_postal;
}

/**
 * myna_office_directory_get_data_date:
 * @self: a directory
 *
 * Returns: the date of the Japan Post data as YYYYMMDD
 */
guint32
myna_office_directory_get_data_date (MynaOfficeDirectory *self)
{
  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), 0);
  return self->header->postal_data_date;
}

/* ---- helpers ------------------------------------------------------------------- */

static const char *
str (MynaOfficeDirectory *self,
     guint32              offset)
{
  return self->strings + offset;
}

static char *
dup_or_null (MynaOfficeDirectory *self,
             guint32              offset)
{
  return offset != 0 ? g_strdup (self->strings + offset) : NULL;
}

static double
coord (gint32 micro)
{
  return micro == MYNA_OFFICE_NO_COORD ? NAN : micro / 1e6;
}

static double
haversine_km (double lat1,
              double lon1,
              double lat2,
              double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (a)));
}

/* Flat-earth distance for ranking nearby points: a few multiplications instead of
 * trigonometry, accurate to well under 1 % over the tens of kilometres that matter. */
static double
approx_km (double lat1,
           double lon1,
           double cos_lat1,
           double lat2,
           double lon2)
{
  double dy = (lat2 - lat1) * 111.195;
  double dx = (lon2 - lon1) * 111.195 * cos_lat1;

  return sqrt (dx * dx + dy * dy);
}

static char *
format_postal (guint32 code)
{
  return code != 0 ? g_strdup_printf ("%07u", code) : NULL;
}

static MynaOffice *
main_office (MynaOfficeDirectory *self,
             const Candidate     *c,
             guint                candidate)
{
  const MynaOfficeMuni *m = &self->munis[c->muni];
  MynaOffice *o = g_new0 (MynaOffice, 1);

  o->municipality_code = g_strdup_printf ("%06u", m->code);
  o->municipality = g_strdup (str (self, m->name_full));
  o->municipality_kana = g_strdup (str (self, m->name_kana));
  o->office = g_strdup (str (self, m->office_name));
  o->address = dup_or_null (self, m->office_address);
  o->approx_locality = o->address == NULL ? dup_or_null (self, m->approx_locality) : NULL;
  o->postal_code = format_postal (m->office_postal);
  o->lat = coord (m->lat);
  o->lon = coord (m->lon);
  o->distance_km = c->has_ref ? haversine_km (c->ref_lat, c->ref_lon, o->lat, o->lon) : NAN;
  o->url = dup_or_null (self, m->url);
  o->candidate = candidate;
  return o;
}

static MynaOffice *
branch_office (MynaOfficeDirectory    *self,
               const MynaOfficeBranch *b,
               const Candidate        *c,
               guint                   candidate)
{
  const MynaOfficeMuni *m = &self->munis[b->muni];
  MynaOffice *o = g_new0 (MynaOffice, 1);

  o->municipality_code = g_strdup_printf ("%06u", m->code);
  o->municipality = g_strdup (str (self, m->name_full));
  o->municipality_kana = g_strdup (str (self, m->name_kana));
  o->office = g_strdup (str (self, b->name));
  o->address = dup_or_null (self, b->address);
  o->postal_code = format_postal (b->postal);
  o->lat = coord (b->lat);
  o->lon = coord (b->lon);
  o->distance_km = c->has_ref && !isnan (o->lat)
                   ? haversine_km (c->ref_lat, c->ref_lon, o->lat, o->lon) : NAN;
  o->url = dup_or_null (self, m->url);
  o->branch_kind = dup_or_null (self, b->keyword);
  o->is_branch = TRUE;
  o->candidate = candidate;
  return o;
}

static int
distance_cmp (gconstpointer a,
              gconstpointer b)
{
  const MynaOffice *x = *(MynaOffice * const *) a;
  const MynaOffice *y = *(MynaOffice * const *) b;

  /* Unknown distances go last; equal ones keep a stable order by name. */
  if (isnan (x->distance_km) != isnan (y->distance_km))
    return isnan (x->distance_km) ? 1 : -1;
  if (!isnan (x->distance_km) && x->distance_km != y->distance_km)
    return x->distance_km < y->distance_km ? -1 : 1;
  return strcmp (x->office, y->office);
}

/* Appends the main office of the candidate, then its branches nearest first. */
static void
append_municipality (MynaOfficeDirectory *self,
                     GPtrArray           *result,
                     const Candidate     *c,
                     guint                candidate)
{
  const MynaOfficeMuni *m = &self->munis[c->muni];
  g_autoptr(GPtrArray) branches = g_ptr_array_new ();

  g_ptr_array_add (result, main_office (self, c, candidate));
  for (guint i = 0; i < m->n_branches; i++)
    g_ptr_array_add (branches, branch_office (self, &self->branches[m->first_branch + i], c, candidate));
  if (c->has_ref)
    g_ptr_array_sort (branches, distance_cmp);
  for (guint i = 0; i < branches->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (branches, i));
}

static GPtrArray *
new_result (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) myna_office_free);
}

static GPtrArray *
result_from_candidates (MynaOfficeDirectory *self,
                        GArray              *candidates)
{
  GPtrArray *result = new_result ();

  for (guint i = 0; i < candidates->len; i++)
    append_municipality (self, result, &g_array_index (candidates, Candidate, i), i);
  return result;
}

/* Adds the wards of a designated city, or the municipality itself. */
static void
add_candidate (MynaOfficeDirectory *self,
               GArray              *candidates,
               const Candidate     *c)
{
  if (self->munis[c->muni].type == MYNA_OFFICE_MUNI_DESIGNATED_CITY)
    {
      for (guint i = 0; i < self->n_munis; i++)
        if (self->munis[i].parent == c->muni)
          {
            Candidate w = *c;
            w.muni = i;
            add_candidate (self, candidates, &w);
          }
      return;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *old = &g_array_index (candidates, Candidate, i);
      if (old->muni == c->muni)
        {
          if (c->rank < old->rank)
            *old = *c;
          return;
        }
    }
  g_array_append_val (candidates, *c);
}

static int
candidate_cmp (gconstpointer a,
               gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->muni < y->muni ? -1 : x->muni > y->muni;
}

/* ---- postal codes -------------------------------------------------------------- */

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x30FC || c == 0xFF70 || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/**
 * myna_office_parse_postal_code:
 * @text: a postal code as a person types it: "1000001", "100-0001",
 *   "〒１００−０００１", with spaces
 * @code: (out): the code as a number
 * @error: return location for a %MYNA_OFFICE_ERROR_INVALID error
 *
 * Returns: %TRUE if @text is a well-formed 7-digit postal code
 */
gboolean
myna_office_parse_postal_code (const char  *text,
                               guint32     *code,
                               GError     **error)
{
  g_autofree char *nfkc = NULL;
  char digits[8];
  guint n = 0, n_digits = 0, hyphen_at = G_MAXUINT;
  gboolean other = FALSE;

  g_return_val_if_fail (code != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                           _("The postal code is not valid text."));
      return FALSE;
    }

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (myna_text_is_space_char (c))
        continue;
      if (c == 0x3012 && n == 0)        /* 〒 in front */
        continue;
      n++;
      if (c >= '0' && c <= '9')
        {
          if (n_digits < 7)
            digits[n_digits] = (char) c;
          n_digits++;
        }
      else if (is_hyphen (c) && hyphen_at == G_MAXUINT)
        hyphen_at = n_digits;
      else
        other = TRUE;
    }

  if (n == 0)
    {
      g_set_error_literal (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                           _("Type a postal code of 7 digits, such as 100-0001."));
      return FALSE;
    }
  if (other)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                   _("A postal code has only digits, but “%s” has other characters."), text);
      return FALSE;
    }
  if (n_digits != 7)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A postal code has 7 digits, but “%s” has %u.",
                                "A postal code has 7 digits, but “%s” has %u.", n_digits),
                   text, n_digits);
      return FALSE;
    }
  if (hyphen_at != G_MAXUINT && hyphen_at != 3)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                   _("Write the postal code as 3 digits, a hyphen and 4 digits, not “%s”."), text);
      return FALSE;
    }

  digits[7] = '\0';
  *code = (guint32) g_ascii_strtoull (digits, NULL, 10);
  return TRUE;
}

static gsize
postal_lower_bound (MynaOfficeDirectory *self,
                    guint32              code)
{
  gsize lo = 0, hi = self->n_postal;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (self->postal[mid].postal < code)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * myna_office_directory_lookup_postal:
 * @self: a directory
 * @postal_code: a postal code, see myna_office_parse_postal_code()
 * @error: return location for a %MYNA_OFFICE_ERROR_INVALID or
 *   %MYNA_OFFICE_ERROR_NOT_FOUND error
 *
 * Finds the municipality (or, for the few codes shared by several, every
 * municipality) of a postal code. Distances are measured from the centroid of the
 * code's towns when it is known.
 *
 * Returns: (transfer container) (element-type MynaOffice) (nullable): the offices
 */
GPtrArray *
myna_office_directory_lookup_postal (MynaOfficeDirectory *self,
                                     const char          *postal_code,
                                     GError             **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint32 code;

  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), NULL);

  if (!myna_office_parse_postal_code (postal_code, &code, error))
    return NULL;

  for (gsize i = postal_lower_bound (self, code); i < self->n_postal && self->postal[i].postal == code; i++)
    {
      const MynaOfficePostal *p = &self->postal[i];
      Candidate c = { 0 };

      c.muni = p->muni;
      c.has_ref = p->lat != MYNA_OFFICE_NO_COORD;
      c.ref_lat = coord (p->lat);
      c.ref_lon = coord (p->lon);
      add_candidate (self, candidates, &c);
    }

  if (candidates->len == 0)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND,
                   _("No municipality has the postal code %03u-%04u. Check the code on a letter sent to your address."),
                   code / 10000, code % 10000);
      return NULL;
    }

  return result_from_candidates (self, candidates);
}

/* ---- municipality codes -------------------------------------------------------- */

/**
 * myna_office_directory_lookup_code:
 * @self: a directory
 * @municipality_code: a 6-digit 全国地方公共団体コード, or its first 5 digits
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type MynaOffice) (nullable): the offices
 *   of that municipality (of every ward, for a designated city)
 */
GPtrArray *
myna_office_directory_lookup_code (MynaOfficeDirectory *self,
                                   const char          *municipality_code,
                                   GError             **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint64 value;
  gsize len;

  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), NULL);

  len = municipality_code != NULL ? strlen (municipality_code) : 0;
  if ((len != 5 && len != 6)
      || !g_ascii_string_to_unsigned (municipality_code, 10, 0, 999999, &value, NULL))
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                   _("“%s” is not a municipality code of 6 digits."),
                   municipality_code != NULL ? municipality_code : "");
      return NULL;
    }

  for (guint i = 0; i < self->n_munis; i++)
    if ((len == 6 && self->munis[i].code == value) || (len == 5 && self->munis[i].code / 10 == value))
      {
        Candidate c = { 0 };
        c.muni = i;
        add_candidate (self, candidates, &c);
      }

  if (candidates->len == 0)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND,
                   _("No municipality has the code %s."), municipality_code);
      return NULL;
    }
  return result_from_candidates (self, candidates);
}

/* ---- addresses ----------------------------------------------------------------- */

/* strcmp of a NUL-terminated key against the first len bytes of q. */
static int
prefix_cmp (const char *key,
            const char *q,
            gsize       len)
{
  int r = strncmp (key, q, len);

  if (r != 0)
    return r;
  return key[len] == '\0' ? 0 : 1;
}

static gsize
key_lower_bound (MynaOfficeDirectory *self,
                 const char          *q,
                 gsize                len)
{
  gsize lo = 0, hi = self->n_keys;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (prefix_cmp (str (self, self->keys[mid].key), q, len) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Collects the municipalities whose key equals q[0:len]. */
static void
collect_keys (MynaOfficeDirectory *self,
              const char          *q,
              gsize                len,
              gsize                key_len,
              guint32              pref,
              GArray              *out)
{
  for (gsize i = key_lower_bound (self, q, len);
       i < self->n_keys && prefix_cmp (str (self, self->keys[i].key), q, len) == 0;
       i++)
    {
      Candidate c = { 0 };

      if (pref != MYNA_OFFICE_NONE && self->munis[self->keys[i].muni].pref != pref)
        continue;
      c.muni = self->keys[i].muni;
      c.rank = self->keys[i].kind;
      c.key_len = key_len;
      g_array_append_val (out, c);
    }
}

/* Finds the longest town name of the municipality that starts rest, and takes
 * the mean position of its entries as the user's town. */
static void
match_town (MynaOfficeDirectory *self,
            Candidate           *c,
            const char          *rest)
{
  const MynaOfficeMuni *m = &self->munis[c->muni];
  const MynaOfficeTown *towns = self->towns + m->first_town;
  g_autofree char *r = myna_text_fold_town (rest);
  gsize best = 0;

  c->town_len = 0;
  if (r[0] == '\0')
    return;

  for (const char *p = g_utf8_next_char (r);; p = g_utf8_next_char (p))
    {
      gsize len = p - r;
      gsize lo = 0, hi = m->n_towns;

      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;
          if (prefix_cmp (str (self, towns[mid].key), r, len) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < m->n_towns && prefix_cmp (str (self, towns[lo].key), r, len) == 0)
        {
          double sum_lat = 0, sum_lon = 0;
          guint n = 0;

          best = len;
          for (gsize i = lo; i < m->n_towns && prefix_cmp (str (self, towns[i].key), r, len) == 0; i++)
            if (towns[i].lat != MYNA_OFFICE_NO_COORD)
              {
                sum_lat += coord (towns[i].lat);
                sum_lon += coord (towns[i].lon);
                n++;
              }
          c->has_ref = n > 0;
          c->ref_lat = n ? sum_lat / n : 0;
          c->ref_lon = n ? sum_lon / n : 0;
        }
      if (*p == '\0')
        break;
    }
  c->town_len = best;
}

/* Skips a leading postal code ("〒100-0001"), which people paste with addresses. */
static const char *
skip_postal_prefix (const char *q)
{
  const char *p = q;
  guint digits = 0;

  if (g_str_has_prefix (p, "〒"))
    p += strlen ("〒");
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != '-')
        break;
    }
  return digits == 7 ? p : q;
}

/**
 * myna_office_directory_lookup_address:
 * @self: a directory
 * @address: an address or a municipality name, with or without the prefecture:
 *   "東京都千代田区千代田1-1", "鎌ヶ谷市", "府中市", "札幌市中央区"
 * @error: return location for a %MYNA_OFFICE_ERROR_INVALID or
 *   %MYNA_OFFICE_ERROR_NOT_FOUND error
 *
 * Finds the municipality an address belongs to. Text is NFKC-normalised and
 * variant spellings are folded (ヶ/ケ/が, hiragana/katakana readings). A designated
 * city resolves to the ward that holds the town, if the address names one. A name
 * shared by several municipalities (府中市) gives all of them, best first.
 *
 * Returns: (transfer container) (element-type MynaOffice) (nullable): the offices
 */
GPtrArray *
myna_office_directory_lookup_address (MynaOfficeDirectory *self,
                                      const char          *address,
                                      GError             **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree char *folded = NULL;
  const char *q;
  guint32 pref = MYNA_OFFICE_NONE;
  gsize best_len = 0, best_town = 0;

  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), NULL);

  folded = myna_text_fold (address);
  q = skip_postal_prefix (folded);
  if (q[0] == '\0')
    {
      g_set_error_literal (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                           _("Type an address or the name of a city, town or village."));
      return NULL;
    }

  for (guint i = 0; i < self->n_prefs; i++)
    if (g_str_has_prefix (q, str (self, self->prefs[i].key)))
      {
        pref = i;
        q += strlen (str (self, self->prefs[i].key));
        break;
      }
  if (q[0] == '\0')
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND,
                   _("“%s” names only a prefecture. Add the city, town or village."), address);
      return NULL;
    }

  /* Every key that is a prefix of the address; the longest wins. */
  for (const char *p = g_utf8_next_char (q);; p = g_utf8_next_char (p))
    {
      gsize len = p - q;
      guint before = found->len;

      collect_keys (self, q, len, len, pref, found);
      if (found->len > before)
        best_len = len;
      if (*p == '\0')
        break;
    }

  /* "鎌ヶ谷", "伊達": the name without 市/区/町/村. */
  if (found->len == 0)
    {
      static const char *suffixes[] = { "市", "区", "町", "村" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *with = g_strconcat (q, suffixes[i], NULL);
          collect_keys (self, with, strlen (with), strlen (q), pref, found);
        }
      best_len = strlen (q);
    }

  for (guint i = 0; i < found->len; i++)
    {
      Candidate *c = &g_array_index (found, Candidate, i);
      if (c->key_len == best_len)
        add_candidate (self, candidates, c);
    }

  if (candidates->len == 0)
    {
      if (pref != MYNA_OFFICE_NONE)
        g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND,
                     _("No municipality of %s matches “%s”. Check the spelling of the city, town or village."),
                     str (self, self->prefs[pref].name), address);
      else
        g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND,
                     _("No municipality matches “%s”. Check the spelling, or search by postal code."),
                     address);
      return NULL;
    }

  /* The rest of the address picks the town, and so the ward of a designated
   * city or the one of several same-named municipalities that has that town. */
  if (q[best_len] != '\0')
    {
      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = &g_array_index (candidates, Candidate, i);
          match_town (self, c, q + best_len);
          best_town = MAX (best_town, c->town_len);
        }
      /* An old or mistyped ward ("浜松市北区細江町", written before the 2024
       * reorganisation): skip it and let the town decide. */
      if (best_town == 0)
        {
          const char *rest = q + best_len;
          const char *ku = strstr (rest, "区");

          if (ku != NULL && g_utf8_strlen (rest, ku - rest) <= 4 && ku[strlen ("区")] != '\0')
            for (guint i = 0; i < candidates->len; i++)
              {
                Candidate *c = &g_array_index (candidates, Candidate, i);
                match_town (self, c, ku + strlen ("区"));
                best_town = MAX (best_town, c->town_len);
              }
        }
      if (best_town > 0)
        for (guint i = candidates->len; i-- > 0;)
          if (g_array_index (candidates, Candidate, i).town_len < best_town)
            g_array_remove_index (candidates, i);
    }

  g_array_sort (candidates, candidate_cmp);
  return result_from_candidates (self, candidates);
}

/* ---- coordinates --------------------------------------------------------------- */

/**
 * myna_office_parse_coordinates:
 * @text: "LAT,LON" in decimal degrees
 * @lat: (out): latitude
 * @lon: (out): longitude
 * @error: return location for a %MYNA_OFFICE_ERROR_INVALID error
 *
 * Returns: %TRUE if @text is a well-formed pair of coordinates in range
 */
gboolean
myna_office_parse_coordinates (const char  *text,
                               double      *lat,
                               double      *lon,
                               GError     **error)
{
  g_autofree char *nfkc = NULL;
  g_auto(GStrv) parts = NULL;
  double v[2];

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc != NULL)
    parts = g_strsplit (nfkc, ",", -1);

  if (parts == NULL || g_strv_length (parts) != 2)
    goto malformed;
  for (guint i = 0; i < 2; i++)
    {
      char *end;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        goto malformed;
      v[i] = g_ascii_strtod (parts[i], &end);
      if (*end != '\0' || !isfinite (v[i]))
        goto malformed;
    }
  if (v[0] < -90 || v[0] > 90 || v[1] < -180 || v[1] > 180)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                   _("Latitude must be between -90 and 90 and longitude between -180 and 180, but “%s” is out of range."),
                   text);
      return FALSE;
    }
  *lat = v[0];
  *lon = v[1];
  return TRUE;

malformed:
  g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
               _("Give the location as latitude,longitude in degrees, such as 35.6812,139.7671, not “%s”."),
               text != NULL ? text : "");
  return FALSE;
}

static gsize
near_lower_bound (MynaOfficeDirectory *self,
                  gint32               lat)
{
  gsize lo = 0, hi = self->n_near;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (self->postal[self->near[mid]].lat < lat)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The municipality of the town centroid nearest to the point: the best guess,
 * without boundaries, of the municipality the point lies in. */
static guint32
nearest_town_muni (MynaOfficeDirectory *self,
                   double               lat,
                   double               lon)
{
  guint32 best = MYNA_OFFICE_NONE;
  double cos_lat = cos (lat * G_PI / 180.0);

  /* Widen a latitude band until the nearest hit is closer than the band's edge. */
  for (double band = 0.05; band < 64; band *= 2)
    {
      double best_km = G_MAXDOUBLE;
      gsize i = near_lower_bound (self, (gint32) ((lat - band) * 1e6));

      for (; i < self->n_near && coord (self->postal[self->near[i]].lat) <= lat + band; i++)
        {
          const MynaOfficePostal *p = &self->postal[self->near[i]];
          double km = approx_km (lat, lon, cos_lat, coord (p->lat), coord (p->lon));

          if (km < best_km)
            {
              best_km = km;
              best = p->muni;
            }
        }
      if (best != MYNA_OFFICE_NONE && best_km <= band * 111.0)
        break;
    }
  return best;
}

typedef struct
{
  guint32 muni;
  double  km;
} MuniDistance;

static int
muni_distance_cmp (gconstpointer a,
                   gconstpointer b)
{
  const MuniDistance *x = a, *y = b;

  if (x->km != y->km)
    return x->km < y->km ? -1 : 1;
  return x->muni < y->muni ? -1 : x->muni > y->muni;
}

/**
 * myna_office_directory_lookup_near:
 * @self: a directory
 * @lat: latitude in degrees
 * @lon: longitude in degrees
 * @limit: the most offices to return, 0 for a default of 10
 * @error: return location for a %MYNA_OFFICE_ERROR_INVALID or
 *   %MYNA_OFFICE_ERROR_NOT_FOUND error
 *
 * Finds the offices nearest to a point, grouped by municipality: first the
 * municipality the point most likely lies in, then the others by the distance of
 * their nearest office. Each municipality's main office comes before its
 * branches, so a neighbour's office is never presented as the user's own.
 *
 * Returns: (transfer container) (element-type MynaOffice) (nullable): the offices
 */
GPtrArray *
myna_office_directory_lookup_near (MynaOfficeDirectory *self,
                                   double               lat,
                                   double               lon,
                                   guint                limit,
                                   GError             **error)
{
  g_autoptr(GArray) dist = NULL;
  g_autofree double *muni_km = NULL;
  GPtrArray *result;
  guint32 home;
  double cos_lat;
  Candidate c = { 0 };

  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), NULL);

  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
    {
      g_set_error_literal (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID,
                           _("Latitude must be between -90 and 90 and longitude between -180 and 180."));
      return NULL;
    }
  if (lat < JAPAN_LAT_MIN || lat > JAPAN_LAT_MAX || lon < JAPAN_LON_MIN || lon > JAPAN_LON_MAX)
    {
      g_set_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND,
                   _("The location %.4f,%.4f is outside Japan."), lat, lon);
      return NULL;
    }
  if (limit == 0)
    limit = DEFAULT_NEAR_LIMIT;

  /* Distance of each municipality's nearest office (main or branch), for ranking;
   * the distances shown are computed exactly (haversine) afterwards. */
  cos_lat = cos (lat * G_PI / 180.0);
  muni_km = g_new (double, self->n_munis);
  for (guint i = 0; i < self->n_munis; i++)
    muni_km[i] = approx_km (lat, lon, cos_lat, coord (self->munis[i].lat), coord (self->munis[i].lon));
  for (guint i = 0; i < self->n_branches; i++)
    if (self->branches[i].lat != MYNA_OFFICE_NO_COORD)
      {
        const MynaOfficeBranch *b = &self->branches[i];
        double km = approx_km (lat, lon, cos_lat, coord (b->lat), coord (b->lon));
        muni_km[b->muni] = MIN (muni_km[b->muni], km);
      }

  home = nearest_town_muni (self, lat, lon);
  /* Every municipality gives at least one office, so the nearest `limit` of them
   * are enough: keep them sorted by insertion instead of sorting all 1,900. */
  dist = g_array_sized_new (FALSE, FALSE, sizeof (MuniDistance), MIN (limit, self->n_munis) + 1);
  for (guint i = 0; i < self->n_munis; i++)
    {
      /* A designated city's hall does not serve residents; its wards do. */
      MuniDistance d = { i, i == home ? -1.0 : muni_km[i] };
      guint at = dist->len;

      if (self->munis[i].type == MYNA_OFFICE_MUNI_DESIGNATED_CITY)
        continue;
      while (at > 0 && muni_distance_cmp (&d, &g_array_index (dist, MuniDistance, at - 1)) < 0)
        at--;
      if (at >= limit)
        continue;
      g_array_insert_val (dist, at, d);
      if (dist->len > limit)
        g_array_set_size (dist, limit);
    }

  result = new_result ();
  c.has_ref = TRUE;
  c.ref_lat = lat;
  c.ref_lon = lon;
  for (guint i = 0; i < dist->len && result->len < limit; i++)
    {
      c.muni = g_array_index (dist, MuniDistance, i).muni;
      append_municipality (self, result, &c, i);
    }
  if (result->len > limit)
    g_ptr_array_set_size (result, limit);

  return result;
}

/**
 * myna_office_directory_lookup_text:
 * @self: a directory
 * @text: what the user typed in a search field: a postal code or an address
 * @error: return location for an error
 *
 * Looks up @text as a postal code if it is made of digits (and a hyphen, 〒,
 * spaces), as an address otherwise.
 *
 * Returns: (transfer container) (element-type MynaOffice) (nullable): the offices
 */
GPtrArray *
myna_office_directory_lookup_text (MynaOfficeDirectory *self,
                                   const char          *text,
                                   GError             **error)
{
  g_autofree char *folded = NULL;
  gboolean digits = FALSE, other = FALSE;

  g_return_val_if_fail (MYNA_IS_OFFICE_DIRECTORY (self), NULL);

  folded = myna_text_fold (text);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        digits = TRUE;
      else if (!is_hyphen (c) && c != 0x3012)
        other = TRUE;
    }

  if (digits && !other)
    return myna_office_directory_lookup_postal (self, text, error);
  return myna_office_directory_lookup_address (self, text, error);
}
