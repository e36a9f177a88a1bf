/* test-core.c — APDU encoding, status-word and PC/SC error mapping, PIN format rules,
 * DER length parsing and the card-info TLV parser.
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <PCSC/pcsclite.h>

#include "myna-apdu.h"
#include "myna-error.h"
#include "myna-jpki.h"
#include "myna-json.h"
#include "myna-pin.h"

static void
assert_encoding (const MynaApdu *apdu,
                 const char     *expected_hex)
{
  guint8 out[300];
  gsize len = myna_apdu_encode (apdu, out, sizeof out);
  g_autoptr(GString) hex = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%s%02X", i ? " " : "", out[i]);
  g_assert_cmpstr (hex->str, ==, expected_hex);
}

static void
test_apdu_encode (void)
{
  const guint8 aid[] = MYNA_JPKI_AID;
  const guint8 pin[] = "1234";
  const guint8 fid[] = { 0x00, 0x18 };

  /* The exact forms of spec §1.3, §3.2, §4 and §5.1. */
  assert_encoding (&(MynaApdu) { 0x00, 0xA4, 0x04, 0x0C, aid, 10, FALSE, 0 },
                   "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01");
  assert_encoding (&(MynaApdu) { 0x00, 0xA4, 0x02, 0x0C, fid, 2, FALSE, 0 }, "00 A4 02 0C 02 00 18");
  /* Case 1: the tries query has no Lc, no data and no Le. */
  assert_encoding (&(MynaApdu) { 0x00, 0x20, 0x00, 0x80, NULL, 0, FALSE, 0 }, "00 20 00 80");
  assert_encoding (&(MynaApdu) { 0x00, 0x20, 0x00, 0x80, pin, 4, FALSE, 0 }, "00 20 00 80 04 31 32 33 34");
  /* Le 256 is sent as 00. */
  assert_encoding (&(MynaApdu) { 0x00, 0xB0, 0x01, 0x00, NULL, 0, TRUE, 256 }, "00 B0 01 00 00");
  assert_encoding (&(MynaApdu) { 0x00, 0xB0, 0x00, 0x00, NULL, 0, TRUE, 0x20 }, "00 B0 00 00 20");
  assert_encoding (&(MynaApdu) { 0x80, 0x2A, 0x00, 0x80, pin, 4, TRUE, 256 }, "80 2A 00 80 04 31 32 33 34 00");

  /* Invalid: Le out of range, too small a buffer. */
  {
    guint8 out[4];
    MynaApdu bad = { 0x00, 0xB0, 0, 0, NULL, 0, TRUE, 257 };

    g_assert_cmpuint (myna_apdu_encode (&bad, out, sizeof out), ==, 0);
    bad.le = 1;
    g_assert_cmpuint (myna_apdu_encode (&bad, out, sizeof out), ==, 0);
  }
}

static void
test_apdu_describe_masks_pins (void)
{
  const guint8 verify[] = { 0x00, 0x20, 0x00, 0x80, 0x04, '1', '2', '3', '4' };
  const guint8 change[] = { 0x00, 0x24, 0x01, 0x80, 0x06, 'A', 'B', 'C', '1', '2', '3' };
  const guint8 select[] = { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18 };
  g_autofree char *a = myna_apdu_describe (verify, sizeof verify);
  g_autofree char *b = myna_apdu_describe (change, sizeof change);
  g_autofree char *c = myna_apdu_describe (select, sizeof select);

  g_assert_cmpstr (a, ==, "00 20 00 80 [PIN withheld]");
  g_assert_cmpstr (b, ==, "00 24 01 80 [PIN withheld]");
  g_assert_cmpstr (c, ==, "00 A4 02 0C 02 00 18");
}

static void
test_pin_format (void)
{
  static const struct { MynaPinKind kind; const char *text; gboolean ok; } cases[] = {
    { MYNA_PIN_AUTH, "1234", TRUE },
    { MYNA_PIN_AUTH, "0000", TRUE },
    { MYNA_PIN_AUTH, "123", FALSE },
    { MYNA_PIN_AUTH, "12345", FALSE },
    { MYNA_PIN_AUTH, "12a4", FALSE },
    { MYNA_PIN_AUTH, "", FALSE },
    { MYNA_PIN_AUTH, " 1234", FALSE },
    { MYNA_PIN_AUTH, "１２３４", FALSE },   /* full-width digits are not what the card holds */
    { MYNA_PIN_CARD_INFO, "9876", TRUE },
    { MYNA_PIN_CARD_INFO, "98765", FALSE },
    { MYNA_PIN_SIGN, "ABC123", TRUE },
    { MYNA_PIN_SIGN, "abc123", TRUE },      /* upper-cased before sending */
    { MYNA_PIN_SIGN, "A1B2C3D4E5F6G7H8", TRUE },
    { MYNA_PIN_SIGN, "A1B2C3D4E5F6G7H8I", FALSE },
    { MYNA_PIN_SIGN, "ABC12", FALSE },
    { MYNA_PIN_SIGN, "ABCDEF", FALSE },      /* no digit */
    { MYNA_PIN_SIGN, "123456", FALSE },      /* no letter */
    { MYNA_PIN_SIGN, "ABC 123", FALSE },
    { MYNA_PIN_SIGN, "ABC-123", FALSE },
    { MYNA_PIN_SIGN, "ÄBC123", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = myna_pin_check_format (cases[i].kind, cases[i].text, &error);
      g_autoptr(MynaPin) pin = NULL;
      g_autoptr(GError) error2 = NULL;

      g_test_message ("%s: '%s'", myna_pin_kind_to_string (cases[i].kind), cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      pin = myna_pin_new (cases[i].kind, cases[i].text, &error2);
      g_assert_cmpint (pin != NULL, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT);
          g_assert_error (error2, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT);
          /* The message explains the rule and never repeats what was typed. */
          if (strlen (cases[i].text) >= 3)
            g_assert_null (strstr (error->message, cases[i].text));
        }
    }

  g_assert_false (myna_pin_check_format (MYNA_PIN_AUTH, NULL, NULL));
}

static void
test_pin_normalised (void)
{
  g_autoptr(MynaPin) pin = myna_pin_new (MYNA_PIN_SIGN, "abC123", NULL);
  const guint8 *bytes;
  gsize len;

  g_assert_nonnull (pin);
  bytes = myna_pin_get_bytes (pin, &len);
  g_assert_cmpmem (bytes, len, "ABC123", 6);
  g_assert_cmpint (myna_pin_get_kind (pin), ==, MYNA_PIN_SIGN);
  g_assert_cmpuint (myna_pin_kind_max_tries (MYNA_PIN_AUTH), ==, 3);
  g_assert_cmpuint (myna_pin_kind_max_tries (MYNA_PIN_SIGN), ==, 5);
  g_assert_cmpuint (myna_pin_kind_max_tries (MYNA_PIN_CARD_INFO), ==, 3);
}

static void
test_pin_read_line (void)
{
  static const struct { const char *input; const char *line; } cases[] = {
    { "1234\n", "1234" },
    { "1234\r\n", "1234" },
    { "ABC123", "ABC123" },                       /* no newline at the end */
    { "1234\n5678\n", "1234" },
    { "\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int fds[2];
      char *line;

      g_assert_no_errno (pipe (fds));
      g_assert_cmpint (write (fds[1], cases[i].input, strlen (cases[i].input)), ==, strlen (cases[i].input));
      close (fds[1]);
      line = myna_pin_read_line (fds[0], NULL);
      g_assert_cmpstr (line, ==, cases[i].line);
      myna_pin_text_free (line);
      close (fds[0]);
    }

  /* A very long line is cut one over the longest PIN, so the format check refuses it. */
  {
    int fds[2];
    char *line;
    GError *error = NULL;

    g_assert_no_errno (pipe (fds));
    g_assert_cmpint (write (fds[1], "ABCDEFGHIJ1234567890XYZ\n", 24), ==, 24);
    close (fds[1]);
    line = myna_pin_read_line (fds[0], NULL);
    g_assert_cmpuint (strlen (line), ==, MYNA_PIN_MAX_LENGTH + 1);
    g_assert_false (myna_pin_check_format (MYNA_PIN_SIGN, line, NULL));
    myna_pin_text_free (line);
    close (fds[0]);

    g_assert_no_errno (pipe (fds));
    close (fds[1]);
    g_assert_null (myna_pin_read_line (fds[0], &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT);
    g_clear_error (&error);
    close (fds[0]);

    /* Control characters inside the line are refused, not dropped. */
    for (guint i = 0; i < 3; i++)
      {
        static const char *bad[] = { "12\r34\n", "1234\0zz\n", "12\r\r\n" };
        static const gsize bad_len[] = { 7, 8, 5 };

        g_assert_no_errno (pipe (fds));
        g_assert_cmpint (write (fds[1], bad[i], bad_len[i]), ==, bad_len[i]);
        close (fds[1]);
        g_assert_null (myna_pin_read_line (fds[0], &error));
        g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT);
        g_clear_error (&error);
        close (fds[0]);
      }
  }
}

static void
test_sw_mapping (void)
{
  static const struct { guint16 sw; int code; } cases[] = {
    { 0x6982, MYNA_CARD_ERROR_SECURITY_STATUS },
    { 0x6983, MYNA_CARD_ERROR_PIN_BLOCKED },
    { 0x6984, MYNA_CARD_ERROR_PIN_BLOCKED },
    { 0x6A82, MYNA_CARD_ERROR_NOT_FOUND },
    { 0x6A86, MYNA_CARD_ERROR_NOT_FOUND },
    { 0x6D00, MYNA_CARD_ERROR_NOT_FOUND },
    { 0x6E00, MYNA_CARD_ERROR_NOT_FOUND },
    { 0x6F00, MYNA_CARD_ERROR_FAILED },
    { 0x6581, MYNA_CARD_ERROR_FAILED },
    { 0x6700, MYNA_CARD_ERROR_PROTOCOL },
    { 0x1234, MYNA_CARD_ERROR_PROTOCOL },
  };

  g_assert_true (myna_error_from_sw (0x9000, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (myna_error_from_sw (cases[i].sw, &error));
      g_assert_error (error, MYNA_CARD_ERROR, cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }
}

static void
test_scard_mapping (void)
{
  static const struct { long rv; int code; int exit_code; } cases[] = {
    { SCARD_E_NO_SERVICE, MYNA_CARD_ERROR_NO_SERVICE, 3 },
    { SCARD_E_SERVICE_STOPPED, MYNA_CARD_ERROR_NO_SERVICE, 3 },
    { SCARD_E_NO_READERS_AVAILABLE, MYNA_CARD_ERROR_NO_READER, 3 },
    { SCARD_E_UNKNOWN_READER, MYNA_CARD_ERROR_NO_READER, 3 },
    { SCARD_E_READER_UNAVAILABLE, MYNA_CARD_ERROR_NO_READER, 3 },
    { SCARD_E_NO_SMARTCARD, MYNA_CARD_ERROR_NO_CARD, 4 },
    { SCARD_W_REMOVED_CARD, MYNA_CARD_ERROR_CARD_REMOVED, 4 },
    { SCARD_W_RESET_CARD, MYNA_CARD_ERROR_CARD_REMOVED, 4 },
    { SCARD_W_UNRESPONSIVE_CARD, MYNA_CARD_ERROR_NOT_MYNUMBER, 4 },
    { SCARD_E_SHARING_VIOLATION, MYNA_CARD_ERROR_READER_BUSY, 1 },
    { SCARD_E_TIMEOUT, MYNA_CARD_ERROR_FAILED, 1 },
    { SCARD_F_INTERNAL_ERROR, MYNA_CARD_ERROR_FAILED, 1 },
  };

  g_assert_true (myna_error_from_scard (SCARD_S_SUCCESS, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (myna_error_from_scard (cases[i].rv, &error));
      g_assert_error (error, MYNA_CARD_ERROR, cases[i].code);
      g_assert_cmpint (myna_error_exit_code (error), ==, cases[i].exit_code);
    }

  {
    g_autoptr(GError) e = g_error_new_literal (MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT, "x");
    g_autoptr(GError) f = g_error_new_literal (MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT, "x");
    g_autoptr(GError) g = g_error_new_literal (MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_BLOCKED, "x");
    g_autoptr(GError) h = g_error_new_literal (MYNA_CARD_ERROR, MYNA_CARD_ERROR_LAST_TRY, "x");

    g_assert_cmpint (myna_error_exit_code (e), ==, 5);
    g_assert_cmpint (myna_error_exit_code (h), ==, 5);
    g_assert_cmpint (myna_error_exit_code (f), ==, 6);
    g_assert_cmpint (myna_error_exit_code (g), ==, 7);
    g_assert_cmpint (myna_error_exit_code (NULL), ==, 0);
  }
}

static void
test_der_length (void)
{
  static const struct { const guint8 bytes[8]; gsize len; gboolean ok; gsize total; } cases[] = {
    { { 0x30, 0x82, 0x06, 0x2B }, 4, TRUE, 0x62B + 4 },       /* gebo's example: 1583 bytes */
    { { 0x30, 0x81, 0x80 }, 3, TRUE, 0x80 + 3 },
    { { 0x30, 0x05 }, 2, TRUE, 7 },
    { { 0xFF, 0x20, 0x5C }, 3, TRUE, 0x5C + 3 },               /* card-info: private tag FF 20 */
    { { 0xDF, 0x21, 0x08 }, 3, TRUE, 11 },
    { { 0x5F, 0x83, 0x01, 0x02 }, 4, TRUE, 6 },              /* multi-byte tag number */
    { { 0xFF, 0xFF, 0xFF, 0xFF }, 4, FALSE, 0 },              /* filler: no certificate */
    { { 0x00, 0x00 }, 2, FALSE, 0 },
    { { 0x30, 0x80 }, 2, FALSE, 0 },                          /* indefinite: refused */
    { { 0x30, 0x84, 0, 0, 1, 0 }, 6, FALSE, 0 },              /* more than 3 length bytes */
    { { 0x30, 0x82, 0x06 }, 3, FALSE, 0 },                    /* truncated */
    { { 0x30 }, 1, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize total = 0;

      g_assert_cmpint (myna_der_total_length (cases[i].bytes, cases[i].len, &total), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpuint (total, ==, cases[i].total);
    }
}

/* EF 0002 exactly as spec TV10 shows it (95 bytes). */
static const guint8 tv10[] = {
  0xFF, 0x20, 0x5C, 0xDF, 0x21, 0x08, 0x00, 0x0E, 0x00, 0x20, 0x00, 0x50, 0x00, 0x5B,
  0xDF, 0x22, 0x0F, 0xE8, 0xA9, 0xA6, 0xE9, 0xA8, 0x93, 0xE3, 0x80, 0x80, 0xE5, 0xA4, 0xAA, 0xE9, 0x83, 0x8E,
  0xDF, 0x23, 0x2D, 0xE6, 0x9D, 0xB1, 0xE4, 0xBA, 0xAC, 0xE9, 0x83, 0xBD, 0xE5, 0x8D, 0x83, 0xE4, 0xBB, 0xA3,
  0xE7, 0x94, 0xB0, 0xE5, 0x8C, 0xBA, 0xE8, 0xA9, 0xA6, 0xE9, 0xA8, 0x93, 0xE7, 0x94, 0xBA, 0xEF, 0xBC, 0x91,
  0xEF, 0xBC, 0x8D, 0xEF, 0xBC, 0x92, 0xEF, 0xBC, 0x8D, 0xEF, 0xBC, 0x93,
  0xDF, 0x24, 0x08, '1', '9', '8', '5', '0', '4', '0', '1',
  0xDF, 0x25, 0x01, '2',
};

static void
test_card_info_parse (void)
{
  g_autoptr(MynaCardInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (sizeof tv10, ==, 95);
  info = myna_card_info_parse (tv10, sizeof tv10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "試験　太郎");
  g_assert_cmpstr (info->address, ==, "東京都千代田区試験町１－２－３");
  g_assert_cmpstr (info->birth_date, ==, "19850401");
  g_assert_cmpstr (info->sex, ==, "2");

  /* Every truncation and a corrupted length must fail cleanly, never read out of bounds. */
  for (gsize len = 0; len < sizeof tv10 - 14; len++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(MynaCardInfo) partial = myna_card_info_parse (tv10, len, &e);

      if (partial == NULL)
        g_assert_error (e, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
    }
  {
    guint8 bad[sizeof tv10];
    g_autoptr(GError) e = NULL;

    memcpy (bad, tv10, sizeof tv10);
    bad[16] = 0x7F;   /* name length beyond the object */
    g_assert_null (myna_card_info_parse (bad, sizeof bad, &e));
    g_assert_error (e, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
  }
}

static void
test_json (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) t = g_date_time_new_utc (2030, 12, 28, 13, 27, 52);
  g_autoptr(GDateTime) jst = g_date_time_new (g_time_zone_new_identifier ("+09:00"), 2030, 12, 28, 22, 27, 52);
  static const guint8 atr[] = { 0x3B, 0xE0, 0x00, 0xFF };
  g_autoptr(GBytes) bytes = g_bytes_new_static (atr, sizeof atr);
  g_autofree char *hex = myna_hex_string (bytes);
  g_autofree char *empty = myna_hex_string (NULL);

  myna_json_append_string (out, "a\"b\\c\n試験");
  g_string_append_c (out, ' ');
  myna_json_append_string (out, NULL);
  g_string_append_c (out, ' ');
  myna_json_append_time (out, t);
  g_string_append_c (out, ' ');
  myna_json_append_time (out, jst);
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\u000a試験\" null \"2030-12-28T13:27:52Z\" \"2030-12-28T13:27:52Z\"");
  g_assert_cmpstr (hex, ==, "3BE000FF");
  g_assert_cmpstr (empty, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/apdu/encode", test_apdu_encode);
  g_test_add_func ("/apdu/describe-masks-pins", test_apdu_describe_masks_pins);
  g_test_add_func ("/pin/format", test_pin_format);
  g_test_add_func ("/pin/normalised", test_pin_normalised);
  g_test_add_func ("/pin/read-line", test_pin_read_line);
  g_test_add_func ("/error/status-words", test_sw_mapping);
  g_test_add_func ("/error/scard", test_scard_mapping);
  g_test_add_func ("/der/length", test_der_length);
  g_test_add_func ("/card-info/parse", test_card_info_parse);
  g_test_add_func ("/json/strings-times-hex", test_json);

  return g_test_run ();
}
