/* bench-office.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Office directory timings (issue #4 budget: loading under 20 ms, a lookup well
 * under 1 ms). Run with `meson test -C BUILD --benchmark --suite office -v`.
 * Prints one line per measurement and exits 1 if a budget is exceeded.
 */

#define G_LOG_DOMAIN "bench-office"

#include "config.h"

#include <stdio.h>

#include "myna-office-directory.h"

#define RESOURCE "/io/github/mynassist/Mynassist/offices/offices.bin"
#define LOAD_BUDGET_US 20000.0
#define LOOKUP_BUDGET_US 1000.0

typedef GPtrArray *(*LookupFunc) (MynaOfficeDirectory *self, gconstpointer arg);

static int failures;

static void
report (const char *what,
        double      us,
        double      budget_us)
{
  gboolean ok = us < budget_us;

  printf ("%-44s %10.1f µs  (budget %.0f µs) %s\n", what, us, budget_us, ok ? "ok" : "OVER BUDGET");
  if (!ok)
    failures++;
}

static GPtrArray *
postal_cb (MynaOfficeDirectory *self,
           gconstpointer        arg)
{
  return myna_office_directory_lookup_postal (self, arg, NULL);
}

static GPtrArray *
address_cb (MynaOfficeDirectory *self,
            gconstpointer        arg)
{
  return myna_office_directory_lookup_address (self, arg, NULL);
}

static GPtrArray *
near_cb (MynaOfficeDirectory *self,
         gconstpointer        arg)
{
  const double *p = arg;
  return myna_office_directory_lookup_near (self, p[0], p[1], 10, NULL);
}

/* Mean time of one lookup over enough repetitions to take ~0.2 s. */
static double
time_lookup (MynaOfficeDirectory *directory,
             LookupFunc           func,
             gconstpointer        arg)
{
  guint n = 0;
  gint64 start = g_get_monotonic_time (), now;

  do
    {
      GPtrArray *result = func (directory, arg);

      g_assert (result != NULL);
      g_ptr_array_unref (result);
      n++;
      now = g_get_monotonic_time ();
    }
  while (now - start < 200000);

  return (double) (now - start) / n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaOfficeDirectory) directory = NULL;
  double best = G_MAXDOUBLE, first;
  gint64 t0;
  static const double tokyo[] = { 35.6812, 139.7671 };
  static const double ogasawara[] = { 27.0944, 142.1919 };
  static const struct
  {
    const char   *what;
    LookupFunc    func;
    gconstpointer arg;
  } lookups[] = {
    { "postal 100-0001", postal_cb, "100-0001" },
    { "postal 〒４９８－００００ (2 municipalities)", postal_cb, "〒４９８－００００" },
    { "address 北海道札幌市中央区北一条西2丁目", address_cb, "北海道札幌市中央区北一条西2丁目" },
    { "address 大阪市梅田1丁目 (ward from town)", address_cb, "大阪市梅田1丁目" },
    { "address 府中 (3 candidates)", address_cb, "府中" },
    { "address 横浜市 (18 wards)", address_cb, "横浜市" },
    { "address 鎌ヶ谷", address_cb, "鎌ヶ谷" },
    { "near Tokyo station", near_cb, tokyo },
    { "near 小笠原村", near_cb, ogasawara },
  };

  /* First load: includes page faults on the resource, as at app start-up. */
  t0 = g_get_monotonic_time ();
  directory = myna_office_directory_new_from_resource (RESOURCE, &error);
  first = (double) (g_get_monotonic_time () - t0);
  if (directory == NULL)
    {
      fprintf (stderr, "bench-office: %s\n", error->message);
      return 1;
    }
  report ("load (first)", first, LOAD_BUDGET_US);

  for (guint i = 0; i < 20; i++)
    {
      MynaOfficeDirectory *d;

      t0 = g_get_monotonic_time ();
      d = myna_office_directory_new_from_resource (RESOURCE, NULL);
      best = MIN (best, (double) (g_get_monotonic_time () - t0));
      g_object_unref (d);
    }
  report ("load (best of 20)", best, LOAD_BUDGET_US);

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    report (lookups[i].what, time_lookup (directory, lookups[i].func, lookups[i].arg), LOOKUP_BUDGET_US);

  return failures > 0 ? 1 : 0;
}
