/* test-office.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MynaOfficeDirectory over the real compiled data. Expected answers are taken
 * from the CSV files in data/offices (Japan Post and ABR rows quoted in the comments) and
 * from official facts (Yokohama has 18 wards, Osaka 24), not from this code.
 */

#define G_LOG_DOMAIN "test-office"

#include "config.h"

#include <math.h>
#include <string.h>

#include "myna-office-directory.h"

static MynaOfficeDirectory *directory;

/* The distinct municipality codes of a result, in order, joined by spaces. */
static char *
codes_of (GPtrArray *offices)
{
  GString *s = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; i < offices->len; i++)
    {
      const MynaOffice *o = g_ptr_array_index (offices, i);

      if (last == NULL || !g_str_equal (last, o->municipality_code))
        {
          if (s->len > 0)
            g_string_append_c (s, ' ');
          g_string_append (s, o->municipality_code);
        }
      last = o->municipality_code;
    }
  return g_string_free (s, FALSE);
}

/* Every municipality's main office comes first, then only its branches; the
 * candidate numbers count up with each municipality. */
static void
assert_well_grouped (GPtrArray *offices)
{
  const char *current = NULL;
  guint candidate = 0;

  g_assert_cmpuint (offices->len, >, 0);
  for (guint i = 0; i < offices->len; i++)
    {
      const MynaOffice *o = g_ptr_array_index (offices, i);

      g_assert_nonnull (o->municipality_code);
      g_assert_cmpuint (strlen (o->municipality_code), ==, 6);
      g_assert_nonnull (o->office);
      if (current == NULL || !g_str_equal (current, o->municipality_code))
        {
          g_assert_false (o->is_branch);
          if (current != NULL)
            candidate++;
          current = o->municipality_code;
        }
      else
        g_assert_true (o->is_branch);
      g_assert_cmpuint (o->candidate, ==, candidate);
    }
  g_assert_cmpuint (myna_office_list_n_municipalities (offices), ==, candidate + 1);
}

static void
assert_postal (const char *postal,
               const char *expected_codes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_postal (directory, postal, &error);
  g_autofree char *codes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (offices);
  assert_well_grouped (offices);
  codes = codes_of (offices);
  g_assert_cmpstr (codes, ==, expected_codes);
}

static void
assert_address (const char *address,
                const char *expected_codes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_address (directory, address, &error);
  g_autofree char *codes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (offices);
  assert_well_grouped (offices);
  codes = codes_of (offices);
  g_assert_cmpstr (codes, ==, expected_codes);
}

static void
assert_postal_error (const char *postal,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_postal (directory, postal, &error);

  g_assert_null (offices);
  g_assert_error (error, MYNA_OFFICE_ERROR, code);
  g_assert_null (strchr (error->message, '\n'));
}

static void
assert_address_error (const char *address,
                      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_address (directory, address, &error);

  g_assert_null (offices);
  g_assert_error (error, MYNA_OFFICE_ERROR, code);
}

static void
test_new_destroy (void)
{
  g_autoptr(GError) error = NULL;
  MynaOfficeDirectory *d = myna_office_directory_new_from_resource (
      "/io/github/mynassist/Mynassist/offices/offices.bin", &error);

  g_assert_no_error (error);
  g_assert_true (MYNA_IS_OFFICE_DIRECTORY (d));
  /* SOURCES.md: 1,741 municipalities + 171 wards; 826 branch offices. */
  g_assert_cmpuint (myna_office_directory_get_n_municipalities (d), ==, 1912);
  g_assert_cmpuint (myna_office_directory_get_n_branches (d), ==, 826);
  g_assert_cmpuint (myna_office_directory_get_data_date (d), ==, 20260529);
  g_assert_finalize_object (d);
}

static void
test_postal_forms (void)
{
  /* postal_municipality.csv: 1000001,131016 (東京都千代田区). */
  static const char *forms[] = {
    "1000001", "100-0001", "〒100-0001", "〒 100-0001", " 100 0001 ",
    "１０００００１", "１００－０００１", "〒１００ー０００１", "100−0001", "100‐0001",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) offices = myna_office_directory_lookup_postal (directory, forms[i], &error);
      const MynaOffice *o;

      g_test_message ("%s", forms[i]);
      g_assert_no_error (error);
      o = g_ptr_array_index (offices, 0);
      g_assert_cmpstr (o->municipality_code, ==, "131016");
      g_assert_cmpstr (o->municipality, ==, "東京都千代田区");
      g_assert_cmpstr (o->office, ==, "千代田区役所");
      g_assert_false (o->is_branch);
      /* The 千代田 town centroid (35.68405,139.75215) is about 1.1 km from the office. */
      g_assert_cmpfloat (o->distance_km, >, 0.5);
      g_assert_cmpfloat (o->distance_km, <, 2.0);
    }
}

static void
test_postal_all_over_japan (void)
{
  assert_postal ("0600001", "011011");   /* 札幌市中央区 (SOURCES.md spot check) */
  assert_postal ("530-0001", "271276");  /* 大阪市北区 */
  assert_postal ("9000001", "472018");   /* 那覇市 */
  assert_postal ("907-1801", "473821");  /* 与那国町 */
  assert_postal ("100-2101", "134210");  /* 小笠原村 父島 */
  assert_postal ("100-2211", "134210");  /* 小笠原村 母島 */
  assert_postal ("907-1101", "473812");  /* 竹富町 竹富 */
  assert_postal ("430-0801", "221384");  /* 浜松市中央区 神立町 (2024 ward) */
  assert_postal ("431-1301", "221392");  /* 浜松市浜名区 細江町小野 (2024 ward) */
  assert_postal ("102-8688", "131016");  /* a business (大口) code */
}

static void
test_postal_several_municipalities (void)
{
  /* postal_towns.csv: 4980000 is both 弥富市 (232351) and 桑名郡木曽岬町 (243035). */
  assert_postal ("498-0000", "232351 243035");
}

static void
test_postal_errors (void)
{
  assert_postal_error ("", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("   ", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("100-000", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("10000011", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("100-000a", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("1000-001", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("100--0001", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("千代田区", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error ("\xff\xfe", MYNA_OFFICE_ERROR_INVALID);
  assert_postal_error (NULL, MYNA_OFFICE_ERROR_INVALID);
  /* Well formed but unused by Japan Post. */
  assert_postal_error ("0000000", MYNA_OFFICE_ERROR_NOT_FOUND);
}

static void
test_address_designated_cities (void)
{
  assert_address ("札幌市中央区", "011011");
  assert_address ("北海道札幌市中央区北一条西2丁目", "011011");
  assert_address ("札幌市中央区北1条西2丁目", "011011");
  assert_address ("横浜市中区", "141046");
  assert_address ("大阪市北区", "271276");
  /* The ward comes from the town: 梅田 is in 大阪市北区 only (postal_towns.csv 5300001). */
  assert_address ("大阪府大阪市梅田1丁目", "271276");
  /* 2024 reorganisation of Hamamatsu. */
  assert_address ("静岡県浜松市中央区", "221384");
  assert_address ("浜松市浜名区", "221392");
  assert_address ("浜松市天竜区", "221406");
  assert_address ("浜松市浜名区細江町小野", "221392");
  /* Addresses written before 2024 name wards that no longer exist (北区, 浜北区);
   * the town decides: 細江町 and 中瀬 are in 浜名区 now (postal_towns.csv). */
  assert_address ("静岡県浜松市北区細江町気賀", "221392");
  assert_address ("浜松市浜北区中瀬", "221392");
  /* 北区 is a municipality in Tokyo and a ward in nine cities; 梅田 is only in Osaka's. */
  assert_address ("北区梅田", "271276");
}

static void
test_address_town_numbers (void)
{
  g_autoptr(GError) error = NULL;
  /* postal_towns.csv: 札幌市中央区 北一条西 has a town centroid; written with
   * digits or kanji, the town is found and distances are measured from it. */
  g_autoptr(GPtrArray) digits = myna_office_directory_lookup_address (directory, "札幌市中央区北1条西2丁目", &error);
  g_autoptr(GPtrArray) kanji = myna_office_directory_lookup_address (directory, "札幌市中央区北一条西二丁目", &error);
  const MynaOffice *a, *b;

  g_assert_no_error (error);
  a = g_ptr_array_index (digits, 0);
  b = g_ptr_array_index (kanji, 0);
  g_assert_false (isnan (a->distance_km));
  g_assert_cmpfloat (a->distance_km, <, 3.0);
  g_assert_cmpfloat (a->distance_km, ==, b->distance_km);
}

static void
test_address_town_variant (void)
{
  g_autoptr(GError) error = NULL;
  /* Japan Post writes 霞が関 (postal_towns.csv 1000013, 35.67377,139.74999); people
   * write 霞ヶ関. From there 千代田区役所 (35.694003,139.753634) is about 2.3 km. */
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_address (directory, "千代田区霞ヶ関1丁目", &error);
  const MynaOffice *o;

  g_assert_no_error (error);
  o = g_ptr_array_index (offices, 0);
  g_assert_cmpstr (o->municipality_code, ==, "131016");
  g_assert_cmpfloat (o->distance_km, >, 2.0);
  g_assert_cmpfloat (o->distance_km, <, 2.6);
}

static void
test_address_city_without_ward (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) yokohama = myna_office_directory_lookup_address (directory, "横浜市", &error);
  g_autoptr(GPtrArray) osaka = myna_office_directory_lookup_address (directory, "大阪市", &error);

  /* Never a silent guess: every ward, never the city hall. */
  g_assert_no_error (error);
  assert_well_grouped (yokohama);
  g_assert_cmpuint (myna_office_list_n_municipalities (yokohama), ==, 18);
  assert_well_grouped (osaka);
  g_assert_cmpuint (myna_office_list_n_municipalities (osaka), ==, 24);
  for (guint i = 0; i < osaka->len; i++)
    {
      const MynaOffice *o = g_ptr_array_index (osaka, i);
      g_assert_true (g_str_has_prefix (o->municipality, "大阪府大阪市"));
      g_assert_cmpstr (o->municipality, !=, "大阪府大阪市");
    }
}

static void
test_address_variants (void)
{
  /* 122246 千葉県鎌ケ谷市 */
  assert_address ("鎌ケ谷市", "122246");
  assert_address ("鎌ヶ谷市", "122246");
  assert_address ("鎌ヶ谷", "122246");
  assert_address ("鎌が谷市", "122246");
  assert_address ("千葉県鎌ヶ谷市新鎌ヶ谷2-6-1", "122246");
  assert_address ("かまがやし", "122246");
  /* 082082 茨城県龍ケ崎市, often written 竜ヶ崎. */
  assert_address ("龍ケ崎市", "082082");
  assert_address ("竜ヶ崎市", "082082");
  assert_address ("竜ケ崎", "082082");
  /* 082309 かすみがうら市 (霞ヶ浦 is the lake). */
  assert_address ("かすみがうら市", "082309");
  assert_address ("カスミガウラシ", "082309");
  /* municipalities.csv writes 六ヶ所村 and 青ヶ島村 with ヶ, 関ケ原町 with ケ. */
  assert_address ("六ケ所村", "024112");
  assert_address ("青森県上北郡六ヶ所村", "024112");
  assert_address ("青ケ島村", "134023");
  assert_address ("関ヶ原町", "213624");
  assert_address ("関が原", "213624");
  /* Old kanji and の/ノ: 檜原村 (桧原), 上ノ国町 (上の国). */
  assert_address ("桧原村", "133078");
  assert_address ("上の国町", "013625");
  /* Full-width and spaces. */
  assert_address ("　東京都　千代田区　千代田１－１", "131016");
  /* The registered address as the card's 券面事項入力補助AP gives it (full-width,
   * data/demo/demo.ini): the municipality is found even if the town is unknown. */
  assert_address ("東京都千代田区見本町４－５－６", "131016");
  /* A leading postal code is ignored. */
  assert_address ("〒100-0001 東京都千代田区千代田1-1", "131016");
}

static void
test_address_county (void)
{
  /* 013030 北海道石狩郡当別町; 473812 沖縄県八重山郡竹富町. */
  assert_address ("北海道石狩郡当別町", "013030");
  assert_address ("石狩郡当別町", "013030");
  assert_address ("当別町", "013030");
  assert_address ("沖縄県八重山郡竹富町字竹富", "473812");
  assert_address ("竹富町", "473812");
  assert_address ("東京都小笠原村父島", "134210");
  assert_address ("八丈", "134015");
  assert_address ("鹿児島県鹿児島郡十島村", "463043");
  assert_address ("屋久島町", "465054");
}

static void
test_address_ambiguous (void)
{
  /* 府中市: 132063 東京都 and 342084 広島県. */
  assert_address ("府中市", "132063 342084");
  assert_address ("東京都府中市", "132063");
  assert_address ("広島県府中市", "342084");
  assert_address ("ふちゅうし", "132063 342084");
  /* 伊達市: 012335 北海道 and 072133 福島県. */
  assert_address ("伊達市", "012335 072133");
  assert_address ("福島県伊達市", "072133");
  /* Without 市, 府中 is also 広島県安芸郡府中町 (343021). */
  assert_address ("府中", "132063 342084 343021");
}

static void
test_address_ward_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_address (directory, "中央区", &error);
  g_autofree char *codes = NULL;

  g_assert_no_error (error);
  assert_well_grouped (offices);
  codes = codes_of (offices);
  /* 東京都中央区 is a municipality named 中央区; the others are wards of cities
   * (札幌, さいたま, 千葉, 相模原, 新潟, 浜松, 大阪, 神戸, 福岡, 熊本). */
  g_assert_cmpuint (myna_office_list_n_municipalities (offices), ==, 11);
  g_assert_true (g_str_has_prefix (codes, "131024 "));

  /* The town decides: 銀座 is in 東京都中央区. */
  assert_address ("中央区銀座4丁目", "131024");
}

static void
test_address_errors (void)
{
  assert_address_error ("", MYNA_OFFICE_ERROR_INVALID);
  assert_address_error ("  ", MYNA_OFFICE_ERROR_INVALID);
  assert_address_error (NULL, MYNA_OFFICE_ERROR_INVALID);
  assert_address_error ("\xc3\x28", MYNA_OFFICE_ERROR_INVALID);
  assert_address_error ("東京都", MYNA_OFFICE_ERROR_NOT_FOUND);
  assert_address_error ("存在しない市", MYNA_OFFICE_ERROR_NOT_FOUND);
  assert_address_error ("北海道府中市", MYNA_OFFICE_ERROR_NOT_FOUND);
  assert_address_error ("Springfield", MYNA_OFFICE_ERROR_NOT_FOUND);
}

static void
test_branches_by_distance (void)
{
  g_autoptr(GError) error = NULL;
  /* postal_towns.csv: 0411611 is 函館市川汲町, where branch_offices.csv puts the
   * 南茅部支所 (41.890948,140.950775). */
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_postal (directory, "041-1611", &error);
  const MynaOffice *main_office, *first_branch;

  g_assert_no_error (error);
  assert_well_grouped (offices);
  g_assert_cmpuint (offices->len, >=, 2);
  main_office = g_ptr_array_index (offices, 0);
  first_branch = g_ptr_array_index (offices, 1);
  g_assert_cmpstr (main_office->municipality_code, ==, "012025");
  g_assert_false (main_office->is_branch);
  g_assert_true (first_branch->is_branch);
  g_assert_cmpstr (first_branch->office, ==, "函館市役所南茅部支所");
  g_assert_cmpstr (first_branch->branch_kind, ==, "支所");
  g_assert_cmpfloat (first_branch->distance_km, <, 0.1);
  g_assert_cmpfloat (main_office->distance_km, >, 20.0);
  for (guint i = 2; i < offices->len; i++)
    {
      const MynaOffice *a = g_ptr_array_index (offices, i - 1);
      const MynaOffice *b = g_ptr_array_index (offices, i);
      if (!isnan (b->distance_km))
        g_assert_cmpfloat (a->distance_km, <=, b->distance_km);
    }
}

static void
test_near (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  const MynaOffice *o;

  /* At 千代田区役所 (municipalities.csv 35.694003,139.753634). */
  offices = myna_office_directory_lookup_near (directory, 35.694003, 139.753634, 5, &error);
  g_assert_no_error (error);
  assert_well_grouped (offices);
  g_assert_cmpuint (offices->len, <=, 5);
  o = g_ptr_array_index (offices, 0);
  g_assert_cmpstr (o->municipality_code, ==, "131016");
  g_assert_cmpfloat (o->distance_km, <, 0.01);
  g_clear_pointer (&offices, g_ptr_array_unref);

  /* At 小笠原村役場 (27.094380,142.191904), 1,000 km from anything else. */
  offices = myna_office_directory_lookup_near (directory, 27.094380, 142.191904, 3, &error);
  g_assert_no_error (error);
  o = g_ptr_array_index (offices, 0);
  g_assert_cmpstr (o->municipality_code, ==, "134210");
  g_clear_pointer (&offices, g_ptr_array_unref);

  /* Near 浜名区役所's town (細江町小野, 34.82096,137.65126): the ward, not the city hall. */
  offices = myna_office_directory_lookup_near (directory, 34.82096, 137.65126, 0, &error);
  g_assert_no_error (error);
  assert_well_grouped (offices);
  g_assert_cmpuint (offices->len, <=, 10);
  o = g_ptr_array_index (offices, 0);
  g_assert_cmpstr (o->municipality_code, ==, "221392");
  for (guint i = 0; i < offices->len; i++)
    g_assert_cmpstr (((MynaOffice *) g_ptr_array_index (offices, i))->municipality_code, !=, "221309");
}

static void
test_near_errors (void)
{
  g_autoptr(GError) error = NULL;
  double lat = 0, lon = 0;

  g_assert_null (myna_office_directory_lookup_near (directory, 91, 0, 0, &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (myna_office_directory_lookup_near (directory, NAN, 0, 0, &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID);
  g_clear_error (&error);
  /* Null Island and Paris are well formed but not in Japan. */
  g_assert_null (myna_office_directory_lookup_near (directory, 0, 0, 0, &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (myna_office_directory_lookup_near (directory, 48.8566, 2.3522, 0, &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (myna_office_parse_coordinates ("35.6812,139.7671", &lat, &lon, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (lat, 35.6812, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 139.7671, 1e-9);
  g_assert_true (myna_office_parse_coordinates (" 35.6812 , 139.7671 ", &lat, &lon, &error));
  g_assert_true (myna_office_parse_coordinates ("３５.６８１２，１３９.７６７１", &lat, &lon, &error));
  g_assert_no_error (error);

  {
    static const char *bad[] = { "", "35.6", "35.6,", ",139", "a,b", "35.6,139.7,1",
                                 "35.6;139.7", "nan,139", "inf,1", "35.6,200", "-91,0" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_test_message ("%s", bad[i]);
        g_assert_false (myna_office_parse_coordinates (bad[i], &lat, &lon, &error));
        g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
}

static void
test_lookup_text_and_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = myna_office_directory_lookup_text (directory, "〒１００－０００１", &error);
  g_autoptr(GPtrArray) b = myna_office_directory_lookup_text (directory, "鎌ヶ谷市", &error);
  g_autoptr(GPtrArray) c = myna_office_directory_lookup_code (directory, "134210", &error);
  g_autoptr(GPtrArray) d = NULL;
  g_autofree char *ca = codes_of (a);
  g_autofree char *cb = codes_of (b);
  g_autofree char *cc = codes_of (c);

  g_assert_no_error (error);
  g_assert_cmpstr (ca, ==, "131016");
  g_assert_cmpstr (cb, ==, "122246");
  g_assert_cmpstr (cc, ==, "134210");

  d = myna_office_directory_lookup_text (directory, "100-00", &error);
  g_assert_null (d);
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (myna_office_directory_lookup_code (directory, "12345x", &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (myna_office_directory_lookup_code (directory, "999999", &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_NOT_FOUND);
}

static void
test_office_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = myna_office_directory_lookup_code (directory, "131016", &error);
  g_autoptr(GPtrArray) ogasawara = myna_office_directory_lookup_code (directory, "134210", &error);
  const MynaOffice *o = g_ptr_array_index (offices, 0);
  g_autoptr(MynaOffice) copy = myna_office_copy (o);

  g_assert_no_error (error);
  /* municipalities.csv row 131016. */
  g_assert_cmpstr (o->postal_code, ==, "1028688");
  g_assert_true (g_str_has_prefix (o->address, "東京都千代田区九段南"));
  g_assert_true (g_str_has_prefix (o->url, "https://"));
  g_assert_cmpfloat_with_epsilon (o->lat, 35.694003, 1e-6);
  g_assert_cmpfloat_with_epsilon (o->lon, 139.753634, 1e-6);
  g_assert_true (isnan (o->distance_km));
  g_assert_null (o->phone);
  g_assert_cmpstr (copy->office, ==, o->office);
  g_assert_true (copy->office != o->office);

  /* 小笠原村役場 has no Japan Post address; the data gives the locality 父島. */
  o = g_ptr_array_index (ogasawara, 0);
  g_assert_null (o->address);
  g_assert_cmpstr (o->approx_locality, ==, "父島");
}

/* Random input never crashes and always gives either offices or an error. */
static void
test_random_input (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  static const char *pieces[] = {
    "東京都", "府中", "市", "区", "町", "村", "郡", "ヶ", "が", "〒", "-", "－", "ー", "1", "１", "0",
    " ", "　", "(", ")", "大字", "字", "北", "一", "十", "\xff", "\xe3\x81", "a", ",", ".", "札幌市",
  };

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) offices = NULL;
      double lat, lon;
      guint n = g_rand_int_range (rand, 0, 12);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      offices = myna_office_directory_lookup_text (directory, text->str, &error);
      g_assert_true ((offices != NULL) != (error != NULL));
      if (offices != NULL)
        assert_well_grouped (offices);
      else
        g_assert_true (error->domain == MYNA_OFFICE_ERROR);
      g_clear_error (&error);
      if (!myna_office_parse_coordinates (text->str, &lat, &lon, &error))
        g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_INVALID);
    }
}

static void
test_damaged_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = g_resources_lookup_data ("/io/github/mynassist/Mynassist/offices/offices.bin",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size;
  const guint8 *data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  /* The default directory registered the resource; it is there. */
  g_assert_nonnull (good);
  data = g_bytes_get_data (good, &size);

  /* Missing file and resource. */
  g_assert_null (myna_office_directory_new_from_file ("/nonexistent/offices.bin", &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA);
  g_clear_error (&error);
  g_assert_null (myna_office_directory_new_from_resource ("/io/github/mynassist/Mynassist/offices/none.bin", &error));
  g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA);
  g_clear_error (&error);

  /* Empty, garbage, truncated. */
  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(GBytes) text = g_bytes_new_static ("lg_code,pref\n", 13);
    g_autoptr(GBytes) half = g_bytes_new (data, size / 2);

    g_assert_null (myna_office_directory_new_from_bytes (empty, &error));
    g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA);
    g_clear_error (&error);
    g_assert_null (myna_office_directory_new_from_bytes (text, &error));
    g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA);
    g_clear_error (&error);
    g_assert_null (myna_office_directory_new_from_bytes (half, &error));
    g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA);
    g_clear_error (&error);
  }

  /* Random damage in the header and tables: either refused with a DATA error
   * or, if the damaged bytes happen to be harmless, lookups still never crash. */
  for (guint round = 0; round < 200; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MynaOfficeDirectory) d = NULL;
      gsize at = round < 100 ? (gsize) g_rand_int_range (rand, 0, 128)
                             : (gsize) g_rand_int_range (rand, 0, (gint32) MIN (size, G_MAXINT32));

      copy[at] ^= (guint8) g_rand_int_range (rand, 1, 256);
      bytes = g_bytes_new_take (g_steal_pointer (&copy), size);
      d = myna_office_directory_new_from_bytes (bytes, &error);
      if (d == NULL)
        {
          g_assert_error (error, MYNA_OFFICE_ERROR, MYNA_OFFICE_ERROR_DATA);
          g_clear_error (&error);
          continue;
        }
      {
        static const char *queries[] = { "1000001", "4980000", "札幌市中央区北一条西", "府中", "横浜市" };
        for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
          {
            GPtrArray *r = myna_office_directory_lookup_text (d, queries[q], NULL);
            g_clear_pointer (&r, g_ptr_array_unref);
          }
        {
          GPtrArray *r = myna_office_directory_lookup_near (d, 35.69, 139.75, 0, NULL);
          g_clear_pointer (&r, g_ptr_array_unref);
        }
      }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  directory = myna_office_directory_get_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/office/new-destroy", test_new_destroy);
  g_test_add_func ("/office/postal/forms", test_postal_forms);
  g_test_add_func ("/office/postal/all-over-japan", test_postal_all_over_japan);
  g_test_add_func ("/office/postal/several-municipalities", test_postal_several_municipalities);
  g_test_add_func ("/office/postal/errors", test_postal_errors);
  g_test_add_func ("/office/address/designated-cities", test_address_designated_cities);
  g_test_add_func ("/office/address/town-numbers", test_address_town_numbers);
  g_test_add_func ("/office/address/town-variant", test_address_town_variant);
  g_test_add_func ("/office/address/city-without-ward", test_address_city_without_ward);
  g_test_add_func ("/office/address/variants", test_address_variants);
  g_test_add_func ("/office/address/county", test_address_county);
  g_test_add_func ("/office/address/ambiguous", test_address_ambiguous);
  g_test_add_func ("/office/address/ward-names", test_address_ward_names);
  g_test_add_func ("/office/address/errors", test_address_errors);
  g_test_add_func ("/office/branches-by-distance", test_branches_by_distance);
  g_test_add_func ("/office/near", test_near);
  g_test_add_func ("/office/near/errors", test_near_errors);
  g_test_add_func ("/office/lookup-text-and-code", test_lookup_text_and_code);
  g_test_add_func ("/office/fields", test_office_fields);
  g_test_add_func ("/office/damaged-data", test_damaged_data);
  g_test_add_func ("/office/random-input", test_random_input);

  ret = g_test_run ();
  g_clear_object (&directory);
  return ret;
}
