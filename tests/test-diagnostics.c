/* test-diagnostics.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnostics report (myna-diagnostics.c) over the test card of tests/pki: it never
 * contains the card's name, address, birth date, certificate serial or CN unless the caller
 * asks for personal data, even where an error message quotes them; it does contain them when
 * asked. Also mynassist-cli diagnose on the same card. In Japanese (the built po/ catalogue)
 * the text report has no English word left outside the values quoted from a device, the card
 * or a certificate, and the demo card's reader is called by its Japanese name.
 */

#define G_LOG_DOMAIN "test-diagnostics"

#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <PCSC/pcsclite.h>

#include "myna-card-status.h"
#include "myna-diagnostics.h"
#include "myna-error.h"
#include "myna-jpki.h"
#include "virtual-card/myna-virtual-transport.h"

typedef struct
{
  MynaVirtualCard      *card;
  MynaTransport        *transport;
  MynaCardStatus       *status;
  MynaCardInfo         *info;
  MynaCertificate      *sign;
  MynaJpkiPersonalData *personal;
  GDateTime            *now;
  char                 *cn;      /* the auth certificate's CN value */
} Fixture;

static MynaPin *
pin (MynaPinKind  kind,
     const char  *text)
{
  g_autoptr(GError) error = NULL;
  MynaPin *p = myna_pin_new (kind, text, &error);

  g_assert_no_error (error);
  return p;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  g_autoptr(MynaPin) info_pin = pin (MYNA_PIN_CARD_INFO, "1234");
  g_autoptr(MynaPin) sign_pin = pin (MYNA_PIN_SIGN, "ABC123");
  g_autoptr(GBytes) sign_der = NULL;
  GError *error = NULL;
  const char *subject, *cn;

  f->now = g_date_time_new_now_utc ();
  f->card = myna_virtual_card_new_from_profile (profile, &error);
  g_assert_no_error (error);
  f->transport = MYNA_TRANSPORT (myna_virtual_transport_new (f->card));
  f->status = myna_card_read_status (f->transport, f->now, &error);
  g_assert_no_error (error);
  g_assert_true (f->status->certs[MYNA_CERT_AUTH].present);

  /* What the app may read with PINs: the card information and the signing certificate. */
  g_assert_true (myna_transport_begin_transaction (f->transport, &error));
  g_assert_true (myna_jpki_verify (f->transport, info_pin, FALSE, NULL, &error));
  f->info = myna_jpki_read_card_info (f->transport, &error);
  g_assert_no_error (error);
  g_assert_true (myna_jpki_detect (f->transport, NULL, &error));
  g_assert_true (myna_jpki_verify (f->transport, sign_pin, FALSE, NULL, &error));
  sign_der = myna_jpki_read_certificate (f->transport, MYNA_CERT_SIGN, &error);
  g_assert_no_error (error);
  myna_transport_end_transaction (f->transport, TRUE);
  f->sign = myna_certificate_new_from_der (sign_der, &error);
  g_assert_no_error (error);
  f->personal = myna_certificate_get_personal_data (f->sign);
  g_assert_nonnull (f->personal);

  subject = f->status->certs[MYNA_CERT_AUTH].subject;
  cn = strstr (subject, "CN=");
  g_assert_nonnull (cn);
  f->cn = g_strndup (cn + 3, strcspn (cn + 3, ",/"));
  g_assert_cmpuint (strlen (f->cn), >=, 8);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->cn);
  myna_jpki_personal_data_free (f->personal);
  g_clear_object (&f->sign);
  myna_card_info_free (f->info);
  myna_card_status_unref (f->status);
  g_clear_object (&f->transport);
  g_clear_object (&f->card);
  g_date_time_unref (f->now);
}

/* A report the way the app builds it, with personal data slipping into free text. */
static MynaDiagnostics *
build_report (Fixture *f)
{
  MynaDiagnostics *d = myna_diagnostics_new ();
  MynaReaderInfo reader = { 0 };
  g_autofree char *leaky = NULL;

  myna_diagnostics_set_ui_versions (d, "4.8.3", "1.2.2");
  myna_diagnostics_set_pcscd (d, TRUE, NULL);
  reader.name = (char *) "ACME Reader [CCID] (55512345678) 00 00";
  reader.state = MYNA_READER_CARD_PRESENT;
  reader.atr = myna_virtual_card_get_atr (f->card);
  myna_diagnostics_add_reader (d, &reader);
  g_bytes_unref (reader.atr);
  myna_diagnostics_add_step (d, MYNA_DIAGNOSTICS_SERVICE, MYNA_DIAGNOSTICS_STEP_OK, NULL);
  myna_diagnostics_collect_status (d, f->status, NULL);
  myna_diagnostics_add_card_info (d, f->info);
  myna_diagnostics_add_personal_data (d, f->personal);
  myna_diagnostics_add_sensitive (d, myna_certificate_get_serial (f->sign));

  leaky = g_strdup_printf ("Lookup for %s at %s failed (certificate %s, serial %s, born %s)",
                           f->info->name, f->info->address, f->cn,
                           f->status->certs[MYNA_CERT_AUTH].serial, f->info->birth_date);
  myna_diagnostics_add_error (d, f->now, leaky);
  myna_diagnostics_add_step (d, MYNA_DIAGNOSTICS_CARD, MYNA_DIAGNOSTICS_STEP_FAILED, f->personal->address);
  return d;
}

static void
assert_no_personal_data (Fixture    *f,
                         const char *report)
{
  g_auto(GStrv) name_parts = g_regex_split_simple ("[ 　]+", f->info->name, 0, 0);
  const char *forbidden[] = {
    f->info->name, f->info->address, f->info->birth_date,
    f->personal->name, f->personal->address,
    f->cn, f->status->certs[MYNA_CERT_AUTH].subject, f->status->certs[MYNA_CERT_AUTH].serial,
    myna_certificate_get_serial (f->sign), "55512345678",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (forbidden[i] == NULL)
        continue;
      if (strstr (report, forbidden[i]) != NULL)
        g_error ("personal value “%s” found in:\n%s", forbidden[i], report);
    }
  for (guint i = 0; name_parts[i] != NULL; i++)
    g_assert_null (strstr (report, name_parts[i]));
}

/* The JSON stays valid after redaction, checked by an independent parser when there is one. */
static void
assert_valid_json (const char *json)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status = 0;
  int fd;

  if (python == NULL)
    {
      g_test_message ("python3 not found; JSON syntax not checked");
      return;
    }
  fd = g_file_open_tmp ("test-diagnostics-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { python, "-c", "import json, sys; json.load(open(sys.argv[1]))", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_unlink (path);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("invalid JSON:\n%s", json);
}

static void
test_redacted_by_default (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MynaDiagnostics) d = build_report (f);
  g_autofree char *text = myna_diagnostics_to_text (d, FALSE, f->now);
  g_autofree char *json = myna_diagnostics_to_json (d, FALSE, f->now);

  assert_no_personal_data (f, text);
  assert_no_personal_data (f, json);
  assert_valid_json (json);

  /* Still useful: the facts a supporter needs are there. */
  for (guint i = 0; i < 2; i++)
    {
      const char *report = i ? json : text;

      g_assert_nonnull (strstr (report, "3BE000FF8131FE4514"));
      g_assert_nonnull (strstr (report, "OpenSSL"));
      g_assert_nonnull (strstr (report, "4.8.3"));
      g_assert_nonnull (strstr (report, MYNA_DIAGNOSTICS_REDACTED));
      g_assert_nonnull (strstr (report, "ACME Reader"));
      g_assert_nonnull (strstr (report, "valid"));
    }
  g_assert_nonnull (strstr (text, "User authentication PIN: 3 / 3"));
  g_assert_nonnull (strstr (text, "Signing password: 5 / 5"));
  g_assert_nonnull (strstr (json, "\"personal_data_included\": false"));
  g_assert_nonnull (strstr (json, "\"auth\": { \"remaining\": 3, \"max\": 3, \"blocked\": false }"));
}

static void
test_included_when_asked (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MynaDiagnostics) d = build_report (f);
  g_autofree char *text = myna_diagnostics_to_text (d, TRUE, f->now);
  g_autofree char *json = myna_diagnostics_to_json (d, TRUE, f->now);

  for (guint i = 0; i < 2; i++)
    {
      const char *report = i ? json : text;

      g_assert_nonnull (strstr (report, f->cn));
      g_assert_nonnull (strstr (report, f->status->certs[MYNA_CERT_AUTH].serial));
      g_assert_nonnull (strstr (report, f->info->name));
      g_assert_nonnull (strstr (report, f->info->address));
      g_assert_nonnull (strstr (report, "55512345678"));
      g_assert_null (strstr (report, MYNA_DIAGNOSTICS_REDACTED));
    }
  g_assert_nonnull (strstr (json, "\"personal_data_included\": true"));
  assert_valid_json (json);
}

/* Without a card: the failure is a step and an error, and nothing else is invented. */
static void
test_no_card (void)
{
  g_autoptr(MynaDiagnostics) d = myna_diagnostics_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = g_error_new_literal (MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE,
                                                "pcscd is not running");
  g_autofree char *text = NULL, *json = NULL;

  myna_diagnostics_set_pcscd (d, FALSE, error->message);
  myna_diagnostics_collect_status (d, NULL, error);
  text = myna_diagnostics_to_text (d, FALSE, now);
  json = myna_diagnostics_to_json (d, FALSE, now);

  g_assert_nonnull (strstr (text, "[failed] Reach the smart card service (pcscd): pcscd is not running"));
  g_assert_null (strstr (text, "PIN tries left"));
  g_assert_nonnull (strstr (json, "{ \"step\": \"service\", \"result\": \"failed\""));
  g_assert_nonnull (strstr (json, "\"pcscd_reachable\": false"));
  g_assert_null (strstr (json, "\"gtk\": \"")); /* no UI versions in a CLI report */
  assert_valid_json (json);
}

static void
test_new_destroy (void)
{
  MynaDiagnostics *d = myna_diagnostics_new ();

  myna_diagnostics_add_sensitive (d, "Personal Value");
  myna_diagnostics_add_error (d, NULL, "x");
  g_assert_finalize_object (d);
}

/* mynassist-cli diagnose on the test card. */
static char *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("MYNASSIST_CLI"));
  g_ptr_array_add (args, (char *) "--virtual-card");
  g_ptr_array_add (args, profile);
  g_ptr_array_add (args, (char *) "diagnose");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *text = NULL, *json = NULL, *with = NULL;

  if (g_getenv ("MYNASSIST_CLI") == NULL)
    {
      g_test_skip ("MYNASSIST_CLI is not set");
      return;
    }

  text = run_cli (NULL);
  json = run_cli ("--json", NULL);
  with = run_cli ("--json", "--include-personal-data", NULL);

  assert_no_personal_data (f, text);
  assert_no_personal_data (f, json);
  g_assert_nonnull (strstr (text, "Card source: virtual card"));
  g_assert_nonnull (strstr (json, "\"card_source\": \"virtual card\""));
  g_assert_nonnull (strstr (json, "\"atr\": \"3BE000FF8131FE4514\""));
  assert_valid_json (json);
  assert_valid_json (with);
  g_assert_nonnull (strstr (with, f->cn));
  g_assert_nonnull (strstr (with, f->status->certs[MYNA_CERT_AUTH].serial));
}

/* The report states the counters as they are now and how far the chain check went. */
static void
test_current_facts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MynaDiagnostics) d = myna_diagnostics_new ();
  MynaPinTries locked = { TRUE, 0, 5, TRUE };
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  myna_diagnostics_collect_status (d, f->status, NULL);
  myna_diagnostics_set_tries (d, MYNA_PIN_SIGN, &locked);
  text = myna_diagnostics_to_text (d, FALSE, f->now);
  json = myna_diagnostics_to_json (d, FALSE, f->now);

  g_assert_null (strstr (text, "5 / 5"));
  g_assert_nonnull (strstr (json, "\"remaining\": 0, \"max\": 5, \"blocked\": true"));
  /* The test card's root is not a bundled J-LIS root: the report must not claim one. */
  g_assert_cmpint (f->status->certs[MYNA_CERT_AUTH].trust, ==, MYNA_TRUST_CARD);
  g_assert_nonnull (strstr (text, "only against the CA certificate on the card"));
  g_assert_null (strstr (text, "J-LIS root shipped"));
}

/* Japanese */

/* The catalogues meson built (build/po), as the app finds them through MYNASSIST_LOCALEDIR. */
static char *
built_locale_dir (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (dir, "ja", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: build the po/ target first", mo);
  return g_steal_pointer (&dir);
}

/* What a Japanese desktop has; C.UTF-8 still honours LANGUAGE where ja_JP is not generated. */
static const char *
japanese_locale (void)
{
  const char *name = setlocale (LC_ALL, "ja_JP.UTF-8") ? "ja_JP.UTF-8" : "C.UTF-8";

  setlocale (LC_ALL, "C.UTF-8");
  return name;
}

/* Only in a test subprocess: the rest of the tests expect English. */
static void
use_japanese (void)
{
  g_autofree char *dir = built_locale_dir ();
  const char *locale = japanese_locale ();

  g_setenv ("LANGUAGE", "ja", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, locale));
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/* Words that are names, not English: programs, libraries, the card's application, acronyms
 * given in parentheses after the Japanese word. */
static const char *allowed_latin[] = {
  "GLib", "GTK", "libadwaita", "OpenSSL", "pcsc-lite", "pcscd", "Flatpak", "JPKI", "ATR",
  "PC/SC",
};

/* Every Latin word of @text outside 「…」 must be a name from allowed_latin; hex, numbers and
 * ISO 8601 times are fine. The English status tokens are also named, so that a failure says
 * which one came back. */
static void
assert_japanese_text (const char *text)
{
  const char *english[] = {
    "[ok]", "[failed]", "[skipped]", "[redacted]", ": valid", "expired", "issuer unknown",
    "auth_ca", "sign_ca", ", ATR", "A card is present", "No card", "In use", "Mynassist demo card",
    "demo card", "virtual card", "Virtual card", "“", "”",
  };
  g_autoptr(GRegex) quoted = g_regex_new ("「[^」]*」", 0, 0, NULL);
  g_autoptr(GRegex) run = g_regex_new ("[A-Za-z0-9._/:+-]+", 0, 0, NULL);
  g_autoptr(GRegex) plain = g_regex_new ("^([0-9.:_/+-]*|[0-9A-F]*[0-9][0-9A-F]*|"
                                         "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)$",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *outside = NULL;

  g_assert_nonnull (strstr (text, "マイナアシスト診断レポート"));  /* the catalogue is in use */
  outside = g_regex_replace_literal (quoted, text, -1, 0, "", 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    if (strstr (outside, english[i]) != NULL)
      g_error ("English “%s” in the Japanese report:\n%s", english[i], text);

  g_regex_match (run, outside, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *word = g_match_info_fetch (match, 0);
      g_autofree char *trimmed = g_strdup (word);
      gboolean ok = g_regex_match (plain, word, 0, NULL);

      /* "GLib:" and "(pcscd)" end in punctuation that belongs to the sentence. */
      g_strchomp (g_strdelimit (trimmed, ":", ' '));
      for (guint i = 0; !ok && i < G_N_ELEMENTS (allowed_latin); i++)
        ok = g_str_equal (trimmed, allowed_latin[i]);
      if (!ok)
        g_error ("untranslated “%s” in the Japanese report:\n%s", word, text);
    }
}

/* The report in Japanese, with every state it can show: readers of each kind, a reader of ours,
 * each step result, a failed chain, locked and unknown counters, an error from PC/SC. */
static void
test_japanese (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MynaDiagnostics) d = NULL;
  g_autoptr(GError) removed = NULL;
  g_autoptr(GBytes) atr = NULL;
  g_autofree char *text = NULL, *with = NULL;
  MynaPinTries locked = { TRUE, 0, 5, TRUE };
  MynaPinTries unknown = { FALSE, 0, 0, FALSE };
  const MynaReaderState states[] = {
    MYNA_READER_CARD_PRESENT, MYNA_READER_EMPTY, MYNA_READER_CARD_MUTE, MYNA_READER_IN_USE,
  };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  use_japanese ();
  atr = myna_virtual_card_get_atr (f->card);
  d = myna_diagnostics_new ();
  myna_diagnostics_set_pcscd (d, TRUE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *name = g_strdup_printf ("ACME Reader [CCID] (5551234567%u) 00 %02u", i, i);
      MynaReaderInfo reader = { name, states[i], states[i] == MYNA_READER_EMPTY ? NULL : atr, 0 };

      myna_diagnostics_add_reader (d, &reader);
    }
  {
    MynaReaderInfo demo = { (char *) "Mynassist demo card reader", MYNA_READER_CARD_PRESENT, atr, 0 };

    myna_diagnostics_add_reader (d, &demo);
    myna_diagnostics_set_reader_label (d, demo.name, _("Demo card reader"));
    myna_diagnostics_set_reader_label (d, f->status->reader, _("Demo card reader"));
  }
  myna_diagnostics_add_step (d, MYNA_DIAGNOSTICS_SERVICE, MYNA_DIAGNOSTICS_STEP_SKIPPED, NULL);
  myna_diagnostics_add_step (d, MYNA_DIAGNOSTICS_READERS, MYNA_DIAGNOSTICS_STEP_OK, NULL);
  /* The CA certificate of the card, as if its issuer were not known: the chain step fails. */
  f->status->certs[MYNA_CERT_AUTH].chain = MYNA_CHAIN_UNKNOWN_CA;
  f->status->certs[MYNA_CERT_SIGN_CA].chain = MYNA_CHAIN_EXPIRED;
  myna_diagnostics_collect_status (d, f->status, NULL);
  myna_diagnostics_set_tries (d, MYNA_PIN_SIGN, &locked);
  myna_diagnostics_set_tries (d, MYNA_PIN_CARD_INFO, &unknown);
  myna_diagnostics_add_card_info (d, f->info);
  myna_diagnostics_add_personal_data (d, f->personal);
  myna_error_from_scard (SCARD_W_REMOVED_CARD, &removed);
  g_assert_nonnull (removed);
  myna_diagnostics_add_error (d, f->now, removed->message);

  text = myna_diagnostics_to_text (d, FALSE, f->now);
  assert_japanese_text (text);
  assert_no_personal_data (f, text);
  g_assert_nonnull (strstr (text, "[正常]"));
  g_assert_nonnull (strstr (text, "[失敗]"));
  g_assert_nonnull (strstr (text, "[省略]"));
  g_assert_nonnull (strstr (text, "[非表示]"));
  g_assert_null (strstr (text, MYNA_DIAGNOSTICS_REDACTED));
  /* Our reader by its name in words; a device's name quoted as it is, its serial hidden. */
  g_assert_nonnull (strstr (text, "  デモ用カードリーダー: カードあり、リセット応答(ATR) 3BE000FF8131FE4514\n"));
  g_assert_nonnull (strstr (text, "リーダー上のカードの検出: デモ用カードリーダー\n"));
  g_assert_nonnull (strstr (text, "「ACME Reader [CCID] ([非表示]) 00 01」: カードなし\n"));
  g_assert_nonnull (strstr (text, "利用者証明用電子証明書: 発行者が不明\n"));
  g_assert_nonnull (strstr (text, "署名用パスワード: ロックされています\n"));
  g_assert_nonnull (strstr (text, "利用者証明用電子証明書、利用者証明用電子証明書の発行者"));
  /* The PIN titles come from one place and read the same as in the app. */
  g_assert_nonnull (strstr (text, myna_pin_kind_get_title (MYNA_PIN_AUTH)));
  g_assert_cmpstr (myna_pin_kind_get_title (MYNA_PIN_CARD_INFO), ==, "券面事項入力補助用暗証番号");

  /* With personal data the subject is quoted like the other values from the card. */
  with = myna_diagnostics_to_text (d, TRUE, f->now);
  assert_japanese_text (with);
  g_assert_nonnull (strstr (with, f->cn));
}

/* mynassist-cli diagnose in Japanese, on the test card and on the demo card. */
static char *
run_cli_japanese (const char *card_option,
                  const char *profile)
{
  g_autofree char *dir = built_locale_dir ();
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("MYNASSIST_CLI"), card_option, profile, "diagnose", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (profile == NULL)
    argv[2] = "diagnose", argv[3] = NULL;
  env = g_environ_setenv (env, "LANGUAGE", "ja", TRUE);
  env = g_environ_setenv (env, "LC_ALL", japanese_locale (), TRUE);
  env = g_environ_setenv (env, "MYNASSIST_LOCALEDIR", dir, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_cli_japanese (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  g_autofree char *text = NULL, *demo = NULL;

  if (g_getenv ("MYNASSIST_CLI") == NULL)
    {
      g_test_skip ("MYNASSIST_CLI is not set");
      return;
    }

  text = run_cli_japanese ("--virtual-card", profile);
  assert_japanese_text (text);
  assert_no_personal_data (f, text);
  g_assert_nonnull (strstr (text, "カードの読み取り元: 仮想カード\n"));
  g_assert_nonnull (strstr (text, "  仮想カードリーダー: カードあり"));

  demo = run_cli_japanese ("--demo", NULL);
  assert_japanese_text (demo);
  g_assert_nonnull (strstr (demo, "カードの読み取り元: デモ用カード\n"));
  g_assert_nonnull (strstr (demo, "  デモ用カードリーダー: カードあり"));
  g_assert_nonnull (strstr (demo, "[正常] リーダー上のカードの検出: デモ用カードリーダー\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostics/new-destroy", test_new_destroy);
  g_test_add_func ("/diagnostics/no-card", test_no_card);
  g_test_add ("/diagnostics/redacted-by-default", Fixture, NULL, fixture_set_up,
              test_redacted_by_default, fixture_tear_down);
  g_test_add ("/diagnostics/included-when-asked", Fixture, NULL, fixture_set_up,
              test_included_when_asked, fixture_tear_down);
  g_test_add ("/diagnostics/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/diagnostics/current-facts", Fixture, NULL, fixture_set_up, test_current_facts,
              fixture_tear_down);
  g_test_add ("/diagnostics/japanese", Fixture, NULL, fixture_set_up, test_japanese,
              fixture_tear_down);
  g_test_add ("/diagnostics/cli-japanese", Fixture, NULL, fixture_set_up, test_cli_japanese,
              fixture_tear_down);

  return g_test_run ();
}
