/* test-virtual-card.c — the card model against spec/jpki-card.md §10, and its transport
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-virtual-card"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "core/myna-error.h"
#include "myna-virtual-card.h"
#include "myna-virtual-transport.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static const char *
pki_dir (void)
{
  const char *dir = g_getenv ("MYNA_TEST_PKI_DIR");

  g_assert_nonnull (dir);
  return dir;
}

static char *
pki_file (const char *name)
{
  return g_build_filename (pki_dir (), name, NULL);
}

static GBytes *
read_pki_file (const char *name)
{
  g_autofree char *path = pki_file (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GByteArray *
hex (const char *text)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p != '\0'; p++)
    {
      guint8 b;

      if (g_ascii_isspace (*p))
        continue;
      g_assert_true (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]));
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (out, &b, 1);
      p++;
    }
  return out;
}

static char *
to_hex (const guint8 *data,
        gsize         len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%s%02X", i ? " " : "", data[i]);
  return g_string_free (s, FALSE);
}

/* Loads the profile with some keys replaced (group, key, value triples; value NULL removes
 * the key), file names made absolute so the copy can live elsewhere. */
static char *
write_profile (const char *tmpdir,
               const char *name,
               ...)
{
  g_autofree char *src = pki_file ("card.ini");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *dst = g_build_filename (tmpdir, name, NULL);
  const char *groups[] = { "auth", "sign" };
  const char *keys[] = { "certificate", "key", "ca" };
  va_list ap;
  const char *group;

  g_key_file_load_from_file (kf, src, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autofree char *v = g_key_file_get_string (kf, groups[g], keys[k], NULL);

        if (v != NULL)
          {
            g_autofree char *abs = pki_file (v);

            g_key_file_set_string (kf, groups[g], keys[k], abs);
          }
      }

  va_start (ap, name);
  while ((group = va_arg (ap, const char *)) != NULL)
    {
      const char *key = va_arg (ap, const char *);
      const char *value = va_arg (ap, const char *);

      if (value == NULL)
        g_key_file_remove_key (kf, group, key, NULL);
      else
        g_key_file_set_string (kf, group, key, value);
    }
  va_end (ap);

  g_key_file_save_to_file (kf, dst, &error);
  g_assert_no_error (error);
  return dst;
}

static MynaVirtualCard *
new_card_from (const char *profile)
{
  g_autoptr(GError) error = NULL;
  MynaVirtualCard *card = myna_virtual_card_new_from_profile (profile, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  myna_virtual_card_power_on (card);
  return card;
}

static MynaVirtualCard *
new_card (void)
{
  g_autofree char *profile = pki_file ("card.ini");

  return new_card_from (profile);
}

/* Sends @cmd and returns the whole response (data and SW). */
static GByteArray *
send_apdu (MynaVirtualCard *card,
           const char      *cmd)
{
  g_autoptr(GByteArray) c = hex (cmd);
  guint8 resp[300];
  gsize n;
  GByteArray *out = g_byte_array_new ();

  n = myna_virtual_card_process (card, c->data, c->len, resp, sizeof resp);
  g_assert_cmpuint (n, >=, 2);
  g_byte_array_append (out, resp, (guint) n);
  return out;
}

/* One line of a test vector: command → exact response. */
#define XFER(card, cmd, expected) \
  G_STMT_START { \
    g_autoptr(GByteArray) r_ = send_apdu ((card), (cmd)); \
    g_autoptr(GByteArray) e_ = hex (expected); \
    g_autofree char *rh_ = to_hex (r_->data, r_->len); \
    g_autofree char *eh_ = to_hex (e_->data, e_->len); \
    g_assert_cmpstr (rh_, ==, eh_); \
  } G_STMT_END

static guint
sw_of (const GByteArray *r)
{
  return (guint) r->data[r->len - 2] << 8 | r->data[r->len - 1];
}

#define SELECT_JPKI      "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"
#define SELECT_CARD_INFO "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08"
#define SIGN_ABC \
  "80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 " \
  "BA 78 16 BF 8F 01 CF EA 41 41 40 DE 5D AE 22 23 B0 03 61 A3 96 17 7A 9C B4 10 FF 61 F2 00 15 AD 00"

/* Reads a whole certificate EF the OpenSC way: 4 bytes for the length, then 256-byte chunks. */
static GBytes *
read_certificate_ef (MynaVirtualCard *card)
{
  g_autoptr(GByteArray) head = send_apdu (card, "00 B0 00 00 04");
  GByteArray *der = g_byte_array_new ();
  gsize total;

  g_assert_cmpuint (head->len, ==, 6);
  g_assert_cmpuint (sw_of (head), ==, 0x9000);
  g_assert_cmpuint (head->data[0], ==, 0x30);
  g_assert_cmpuint (head->data[1], ==, 0x82);
  total = ((gsize) head->data[2] << 8 | head->data[3]) + 4;

  while (der->len < total)
    {
      gsize want = MIN (total - der->len, 256);
      g_autofree char *cmd = g_strdup_printf ("00 B0 %02X %02X %02X", (guint) (der->len >> 8),
                                              (guint) (der->len & 0xFF), (guint) (want & 0xFF));
      g_autoptr(GByteArray) r = send_apdu (card, cmd);

      g_assert_cmpuint (sw_of (r), ==, 0x9000);
      g_assert_cmpuint (r->len - 2, ==, want);
      g_byte_array_append (der, r->data, r->len - 2);
    }
  return g_byte_array_free_to_bytes (der);
}

/* ------------------------------------------------------------------------------------------ */
/* Spec §10 test vectors                                                                      */

static void
test_tv1_token (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 06", "90 00");
  XFER (card, "00 B0 00 00 20",
        "4A 50 4B 49 41 50 49 43 43 54 4F 4B 45 4E 32"
        "20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 90 00");

  /* The whole EF is a 160-byte CK_TOKEN_INFO. */
  {
    g_autoptr(GByteArray) r = send_apdu (card, "00 B0 00 00 00");

    g_assert_cmpuint (r->len, ==, 160 + 2);
    g_assert_cmpuint (sw_of (r), ==, 0x9000);
  }
  XFER (card, "00 B0 00 A0 01", "6B 00");
}

static void
test_tv2_tries (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80", "63 C3");
  XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (card, "00 20 00 80", "63 C5");
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 0);
}

static void
tv3_steps (MynaVirtualCard *card)
{
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80 04 30 30 30 30", "63 C2");
  XFER (card, "00 20 00 80 04 30 30 30 30", "63 C1");
  XFER (card, "00 20 00 80", "63 C1");
  XFER (card, "00 20 00 80", "63 C1");
}

static void
test_tv3_wrong_pin (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  tv3_steps (card);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 1);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_command_count (card), ==, 6);
}

static void
test_tv4_blocking (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  tv3_steps (card);
  XFER (card, "00 20 00 80 04 30 30 30 30", "63 C0");
  XFER (card, "00 20 00 80", "63 C0");
  XFER (card, "00 20 00 80 04 31 32 33 34", "69 84");
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 0);
  g_assert_false (myna_virtual_card_is_verified (card, "auth"));

  /* Blocked stays blocked across power cycles; the key cannot sign or change. */
  myna_virtual_card_power_off (card);
  myna_virtual_card_power_on (card);
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80", "63 C0");
  XFER (card, "00 24 01 80 04 35 36 37 38", "69 84");
  XFER (card, "00 A4 02 0C 02 00 17", "90 00");
  XFER (card, SIGN_ABC, "69 82");
}

static void
test_tv5_success_resets (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80 04 39 39 39 39", "63 C2");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  XFER (card, "00 20 00 80", "63 C3");
  g_assert_true (myna_virtual_card_is_verified (card, "auth"));
}

static void
test_tv5_verified_query_switch (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("vcard-XXXXXX", NULL);
  g_autofree char *profile = write_profile (tmp, "p.ini",
                                            "behaviour", "verified-query-ok", "true", NULL);
  g_autoptr(MynaVirtualCard) card = new_card_from (profile);

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80", "63 C3");
  XFER (card, "00 20 00 80 04 39 39 39 39", "63 C2");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  XFER (card, "00 20 00 80", "90 00");
  g_unlink (profile);
  g_rmdir (tmp);
}

static void
test_tv6_case_sensitive (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (card, "00 20 00 80 06 61 62 63 31 32 33", "63 C4");
  XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "90 00");
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "sign"), ==, 5);
}

static void
test_tv7_certificates (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();
  g_autoptr(GBytes) auth_der = read_pki_file ("auth.der");
  g_autoptr(GBytes) sign_der = read_pki_file ("sign.der");
  g_autoptr(GBytes) got = NULL;
  gsize der_len = g_bytes_get_size (auth_der);
  gsize offset;

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  XFER (card, "00 B0 00 00 04", "69 82");
  XFER (card, "00 A4 02 0C 02 00 0A", "90 00");

  got = read_certificate_ef (card);
  g_assert_true (g_bytes_equal (got, auth_der));

  /* The spec's own sequence: Le 00 chunks from offset 0 and 0100. */
  {
    g_autoptr(GByteArray) r0 = send_apdu (card, "00 B0 00 00 00");
    g_autoptr(GByteArray) r1 = send_apdu (card, "00 B0 01 00 00");

    g_assert_cmpuint (r0->len, ==, 258);
    g_assert_cmpuint (r1->len, ==, 258);
    g_assert_cmpmem (r0->data, 256, g_bytes_get_data (auth_der, NULL), 256);
    g_assert_cmpmem (r1->data, 256, (const guint8 *) g_bytes_get_data (auth_der, NULL) + 256, 256);
  }

  /* The EF is larger than the DER: FF filler follows, then 6B 00 at the end. */
  {
    g_autofree char *cmd = g_strdup_printf ("00 B0 %02X %02X 10", (guint) (der_len >> 8),
                                            (guint) (der_len & 0xFF));
    g_autoptr(GByteArray) r = send_apdu (card, cmd);

    g_assert_cmpuint (sw_of (r), ==, 0x9000);
    g_assert_cmpuint (r->len, ==, 0x10 + 2);
    for (guint i = 0; i < 0x10; i++)
      g_assert_cmpuint (r->data[i], ==, 0xFF);
  }
  for (offset = 0;; offset += 256)
    {
      g_autofree char *cmd = g_strdup_printf ("00 B0 %02X %02X 00", (guint) (offset >> 8),
                                              (guint) (offset & 0xFF));
      g_autoptr(GByteArray) r = send_apdu (card, cmd);

      if (sw_of (r) == 0x6B00)
        {
          g_assert_cmpuint (r->len, ==, 2);
          break;
        }
      g_assert_cmpuint (sw_of (r), ==, 0x9000);
      g_assert_cmpuint (offset, <, 0x7F00);
    }
  g_assert_cmpuint (offset, >, der_len);
  XFER (card, "00 B0 7F 00 00", "6B 00");

  /* After the signing password, EF 0001 reads, and holds the signing certificate. */
  XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  g_clear_pointer (&got, g_bytes_unref);
  got = read_certificate_ef (card);
  g_assert_true (g_bytes_equal (got, sign_der));

  /* The CA certificates are free to read. */
  {
    g_autoptr(MynaVirtualCard) fresh = new_card ();
    g_autoptr(GBytes) auth_ca = read_pki_file ("auth-ca.der");
    g_autoptr(GBytes) sign_ca = read_pki_file ("sign-ca.der");
    g_autoptr(GBytes) a = NULL;
    g_autoptr(GBytes) s = NULL;

    XFER (fresh, SELECT_JPKI, "90 00");
    XFER (fresh, "00 A4 02 0C 02 00 0B", "90 00");
    a = read_certificate_ef (fresh);
    XFER (fresh, "00 A4 02 0C 02 00 02", "90 00");
    s = read_certificate_ef (fresh);
    g_assert_true (g_bytes_equal (a, auth_ca));
    g_assert_true (g_bytes_equal (s, sign_ca));
    XFER (fresh, "00 A4 02 0C 02 00 08", "90 00");
    XFER (fresh, "00 B0 00 00 03", "8F 8F 00 90 00");
  }
}

static gboolean
signature_verifies (GBytes       *cert_der,
                    const guint8 *sig,
                    gsize         sig_len,
                    const char   *message)
{
  const unsigned char *p = g_bytes_get_data (cert_der, NULL);
  X509 *x509 = d2i_X509 (NULL, &p, (long) g_bytes_get_size (cert_der));
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  int rv;

  g_assert_nonnull (x509);
  g_assert_cmpint (EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL,
                                         X509_get0_pubkey (x509)), ==, 1);
  rv = EVP_DigestVerify (ctx, sig, sig_len, (const unsigned char *) message, strlen (message));
  EVP_MD_CTX_free (ctx);
  X509_free (x509);
  return rv == 1;
}

static void
test_tv8_sign (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();
  g_autoptr(GByteArray) r = NULL;
  g_autoptr(GByteArray) r2 = NULL;
  g_autoptr(GBytes) cert = NULL;

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 17", "90 00");
  XFER (card, SIGN_ABC, "69 82");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  XFER (card, "00 A4 02 0C 02 00 17", "90 00");
  r = send_apdu (card, SIGN_ABC);
  g_assert_cmpuint (r->len, ==, 258);
  g_assert_cmpuint (sw_of (r), ==, 0x9000);

  /* Check against the public key in EF 000A, as the vector says. */
  XFER (card, "00 A4 02 0C 02 00 0A", "90 00");
  cert = read_certificate_ef (card);
  g_assert_true (signature_verifies (cert, r->data, 256, "abc"));
  g_assert_false (signature_verifies (cert, r->data, 256, "abd"));

  /* Deterministic, and the security status persists after signing. */
  XFER (card, "00 A4 02 0C 02 00 17", "90 00");
  r2 = send_apdu (card, SIGN_ABC);
  g_assert_cmpmem (r->data, r->len, r2->data, r2->len);
}

static void
test_tv9_my_number (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_CARD_INFO, "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  XFER (card, "00 B0 00 00 11", "69 82");
  XFER (card, "00 A4 02 0C 02 00 11", "90 00");
  XFER (card, "00 20 00 80", "63 C3");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  XFER (card, "00 B0 00 00 11",
        "FF 10 0C 31 32 33 34 35 36 37 38 39 30 31 38 FF FF 90 00");
}

static void
test_tv10_basic4 (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_CARD_INFO, "90 00");
  XFER (card, "00 A4 02 0C 02 00 02", "90 00");
  XFER (card, "00 B0 00 00 07", "69 82");
  XFER (card, "00 A4 02 0C 02 00 11", "90 00");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  XFER (card, "00 A4 02 0C 02 00 02", "90 00");
  XFER (card, "00 B0 00 00 07", "FF 20 5C DF 21 08 00 90 00");
  XFER (card, "00 B0 00 07 58",
        "0E 00 20 00 50 00 5B"
        "DF 22 0F E8 A9 A6 E9 A8 93 E3 80 80 E5 A4 AA E9 83 8E"
        "DF 23 2D E6 9D B1 E4 BA AC E9 83 BD E5 8D 83 E4 BB A3 E7 94 B0 E5 8C BA"
        "E8 A9 A6 E9 A8 93 E7 94 BA EF BC 91 EF BC 8D EF BC 92 EF BC 8D EF BC 93"
        "DF 24 08 31 39 38 35 30 34 30 31"
        "DF 25 01 32 90 00");
  /* Filler after the object. */
  XFER (card, "00 B0 00 5F 02", "FF FF 90 00");
}

static void
test_tv11_change_pin (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 24 01 80 04 35 36 37 38", "69 82");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  XFER (card, "00 24 01 80 04 35 36 37 38", "90 00");
  XFER (card, "00 20 00 80 04 31 32 33 34", "63 C2");
  XFER (card, "00 20 00 80 04 35 36 37 38", "90 00");
  /* A new value the key cannot hold is refused (docs/virtual-card.md). */
  XFER (card, "00 24 01 80 05 31 32 33 34 35", "6A 80");
}

static void
test_tv12_negative_selects (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, "00 A4 00 00", "6A 86");
  XFER (card, "00 A4 02 0C 02 00 99", "6A 82");
  XFER (card, "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 02", "6A 82");
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 99", "6A 82");
  XFER (card, "00 A4 00 00", "90 00");
  XFER (card, "00 A4 00 0C 02 3F 00", "6A 82");
  /* A unique prefix selects; an ambiguous one does not. */
  XFER (card, "00 A4 04 0C 05 D3 92 F0 00 26", "90 00");
  XFER (card, "00 A4 04 0C 09 D3 92 10 00 31 00 01 01 04", "6A 82");
}

/* ------------------------------------------------------------------------------------------ */
/* Beyond the vectors                                                                         */

static void
test_sign_key (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();
  g_autoptr(GBytes) cert = read_pki_file ("sign.der");
  g_autoptr(GByteArray) r = NULL;
  g_autoptr(GString) big = g_string_new ("80 2A 00 80 F6");

  XFER (card, SELECT_JPKI, "90 00");
  /* Short EF id forms: query 001B, sign with 9A. */
  XFER (card, "00 20 00 9B", "63 C5");
  XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "90 00");
  /* The auth key still needs the auth PIN. */
  XFER (card, "00 A4 02 0C 02 00 17", "90 00");
  XFER (card, SIGN_ABC, "69 82");
  XFER (card, "00 A4 02 0C 02 00 1A", "90 00");
  r = send_apdu (card, SIGN_ABC);
  g_assert_cmpuint (sw_of (r), ==, 0x9000);
  g_assert_true (signature_verifies (cert, r->data, r->len - 2, "abc"));

  /* 246 bytes do not fit under PKCS#1 v1.5 padding in 2048 bits; 245 do. */
  for (int i = 0; i < 246; i++)
    g_string_append (big, " 00");
  XFER (card, big->str, "67 00");
  g_string_truncate (big, 0);
  g_string_append (big, "80 2A 00 80 F5");
  for (int i = 0; i < 245; i++)
    g_string_append (big, " 01");
  {
    g_autoptr(GByteArray) ok = send_apdu (card, big->str);

    g_assert_cmpuint (ok->len, ==, 258);
  }

  /* Not a key / not a known scheme. */
  XFER (card, "00 A4 02 0C 02 00 0A", "90 00");
  XFER (card, SIGN_ABC, "69 85");
  XFER (card, "80 2A 07 9A 01 00", "6A 86");
  /* P1 = 02: the card wraps a SHA-256 hash into a DigestInfo; same signature as TV8 input. */
  {
    g_autoptr(GByteArray) r2 = send_apdu (card,
        "80 2A 02 9A 20 BA 78 16 BF 8F 01 CF EA 41 41 40 DE 5D AE 22 23 B0 03 61 A3 96 17 7A 9C "
        "B4 10 FF 61 F2 00 15 AD 00");

    g_assert_cmpmem (r2->data, r2->len, r->data, r->len);
  }
}

static void
test_application_switch (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "90 00");
  /* Re-selecting the same application keeps the security status. */
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  XFER (card, "00 B0 00 00 02", "30 82 90 00");
  /* Another application drops it. */
  XFER (card, SELECT_CARD_INFO, "90 00");
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  XFER (card, "00 B0 00 00 02", "69 82");
  /* Reading a key or PIN EF, or with no EF selected. */
  XFER (card, "00 A4 02 0C 02 00 17", "90 00");
  XFER (card, "00 B0 00 00 02", "69 81");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 B0 00 00 02", "69 81");
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 B0 00 00 02", "69 86");
  XFER (card, "00 20 00 80", "69 86");
  /* The SFI form of READ BINARY selects the EF. */
  XFER (card, "00 B0 86 00 0F", "4A 50 4B 49 41 50 49 43 43 54 4F 4B 45 4E 32 90 00");
  XFER (card, "00 B0 00 00 04", "4A 50 4B 49 90 00");
  /* The other known applications answer SELECT. */
  XFER (card, "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02", "90 00");
  XFER (card, "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01", "90 00");
  XFER (card, "00 A4 02 0C 02 00 1C", "90 00");
  XFER (card, "00 20 00 80", "63 C3");
  XFER (card, "00 A4 04 0C 07 A0 00 00 01 51 00 00", "90 00");
  XFER (card, SELECT_CARD_INFO, "90 00");
  XFER (card, "00 A4 02 0C 02 00 12", "90 00");
  XFER (card, "00 20 00 80", "63 C0");
  XFER (card, "00 20 00 80 04 31 32 33 34", "69 84");
}

static void
test_power_and_reset (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();
  guint8 resp[8];
  static const guint8 select_jpki[] = { 0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00,
                                        0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  g_assert_true (myna_virtual_card_is_verified (card, "auth"));

  myna_virtual_card_reset (card);
  g_assert_false (myna_virtual_card_is_verified (card, "auth"));
  XFER (card, "00 A4 00 00", "6A 86");

  myna_virtual_card_power_off (card);
  g_assert_false (myna_virtual_card_is_powered (card));
  g_assert_cmpuint (myna_virtual_card_process (card, select_jpki, sizeof select_jpki,
                                               resp, sizeof resp), ==, 0);
  myna_virtual_card_power_on (card);
  XFER (card, SELECT_JPKI, "90 00");
}

static void
test_sticky_reset_and_6f00 (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("vcard-XXXXXX", NULL);
  g_autofree char *profile = write_profile (tmp, "p.ini",
                                            "behaviour", "sticky-reset", "true",
                                            "behaviour", "power-up-6f00", "true",
                                            NULL);
  g_autoptr(MynaVirtualCard) card = new_card_from (profile);

  XFER (card, SELECT_JPKI, "6F 00");
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 18", "90 00");
  XFER (card, "00 20 00 80 04 31 32 33 34", "90 00");
  myna_virtual_card_reset (card);
  g_assert_true (myna_virtual_card_is_verified (card, "auth"));
  XFER (card, SELECT_JPKI, "6F 00");
  myna_virtual_card_power_off (card);
  myna_virtual_card_power_on (card);
  g_assert_false (myna_virtual_card_is_verified (card, "auth"));
  g_unlink (profile);
  g_rmdir (tmp);
}

static void
test_t0_behaviours (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("vcard-XXXXXX", NULL);
  g_autofree char *profile = write_profile (tmp, "p.ini",
                                            "behaviour", "t0-get-response", "true",
                                            "behaviour", "exact-le", "true",
                                            NULL);
  g_autoptr(MynaVirtualCard) card = new_card_from (profile);

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 06", "90 00");
  /* Data only through GET RESPONSE, in as many pieces as asked for. */
  XFER (card, "00 B0 00 00 0F", "61 0F");
  XFER (card, "00 C0 00 00 04", "4A 50 4B 49 61 0B");
  XFER (card, "00 C0 00 00 0B", "41 50 49 43 43 54 4F 4B 45 4E 32 90 00");
  XFER (card, "00 C0 00 00 01", "69 85");
  {
    g_autoptr(GByteArray) r = NULL;

    XFER (card, "00 B0 00 00 00", "6C A0");
    XFER (card, "00 B0 00 00 A0", "61 A0");
    r = send_apdu (card, "00 C0 00 00 A0");
    g_assert_cmpuint (r->len, ==, 162);
    g_assert_cmpuint (sw_of (r), ==, 0x9000);
  }
  /* Another command drops data nobody fetched. */
  XFER (card, "00 B0 00 00 02", "61 02");
  XFER (card, "00 A4 02 0C 02 00 06", "90 00");
  XFER (card, "00 C0 00 00 02", "69 85");
  /* Le past the end: 6C with the length that is there. */
  XFER (card, "00 B0 00 9C 10", "6C 04");
  XFER (card, "00 B0 00 9C 04", "61 04");
  g_unlink (profile);
  g_rmdir (tmp);
}

static void
test_state (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("vcard-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (tmp, "state.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  {
    g_autoptr(MynaVirtualCard) card = new_card ();

    g_assert_true (myna_virtual_card_set_state_path (card, state, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));

    XFER (card, SELECT_JPKI, "90 00");
    XFER (card, "00 A4 02 0C 02 00 18", "90 00");
    XFER (card, "00 20 00 80 04 30 30 30 30", "63 C2");

    /* Written at once after the change, without an explicit save. */
    {
      g_autoptr(GKeyFile) kf = g_key_file_new ();

      g_key_file_load_from_file (kf, state, G_KEY_FILE_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_key_file_get_integer (kf, "auth", "remaining", NULL), ==, 2);
      g_assert_cmpint (g_key_file_get_integer (kf, "sign", "remaining", NULL), ==, 5);
      g_assert_false (g_key_file_has_key (kf, "auth", "pin", NULL));
    }

    XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
    XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "90 00");
    XFER (card, "00 24 01 80 06 58 59 5A 37 38 39", "90 00");     /* XYZ789 */
    XFER (card, SELECT_CARD_INFO, "90 00");
    XFER (card, "00 A4 02 0C 02 00 11", "90 00");
    XFER (card, "00 20 00 80 04 30 30 30 30", "63 C2");
    XFER (card, "00 20 00 80 04 30 30 30 30", "63 C1");
  }

  /* Unchanged PINs never reach the state file. */
  g_file_get_contents (state, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "1234"));
  g_assert_null (strstr (contents, "ABC123"));

  {
    g_autoptr(MynaVirtualCard) card = new_card ();

    g_assert_true (myna_virtual_card_load_state (card, state, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 2);
    g_assert_cmpuint (myna_virtual_card_get_tries (card, "sign"), ==, 5);
    g_assert_cmpuint (myna_virtual_card_get_tries (card, "card-info"), ==, 1);
    g_assert_cmpuint (myna_virtual_card_get_max_tries (card, "card-info"), ==, 3);
    XFER (card, SELECT_JPKI, "90 00");
    XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
    XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "63 C4");
    XFER (card, "00 20 00 80 06 58 59 5A 37 38 39", "90 00");

    /* save_state to another file round-trips too. */
    {
      g_autofree char *state2 = g_build_filename (tmp, "state2.ini", NULL);
      g_autoptr(MynaVirtualCard) card2 = new_card ();

      g_assert_true (myna_virtual_card_save_state (card, state2, &error));
      g_assert_no_error (error);
      g_assert_true (myna_virtual_card_load_state (card2, state2, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (myna_virtual_card_get_tries (card2, "auth"), ==, 2);
      g_assert_cmpuint (myna_virtual_card_get_tries (card2, "card-info"), ==, 1);
      g_unlink (state2);
    }
  }

  /* A missing state file is an error for load_state. */
  {
    g_autoptr(MynaVirtualCard) card = new_card ();
    g_autofree char *missing = g_build_filename (tmp, "missing.ini", NULL);

    g_assert_false (myna_virtual_card_load_state (card, missing, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
  }

  g_unlink (state);
  g_rmdir (tmp);
}

static void
test_no_certificates (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("vcard-XXXXXX", NULL);
  g_autofree char *profile = write_profile (tmp, "nocert.ini",
                                            "sign", "certificate", NULL,
                                            "sign", "key", NULL,
                                            "auth", "certificate", NULL,
                                            "auth", "key", NULL,
                                            NULL);
  g_autoptr(MynaVirtualCard) card = new_card_from (profile);

  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 08", "90 00");
  XFER (card, "00 B0 00 00 03", "00 00 00 90 00");
  /* The EFs exist but hold only filler. */
  XFER (card, "00 A4 02 0C 02 00 0A", "90 00");
  XFER (card, "00 B0 00 00 04", "FF FF FF FF 90 00");
  XFER (card, "00 A4 02 0C 02 00 1B", "90 00");
  XFER (card, "00 20 00 80 06 41 42 43 31 32 33", "90 00");
  XFER (card, "00 A4 02 0C 02 00 01", "90 00");
  XFER (card, "00 B0 00 00 04", "FF FF FF FF 90 00");
  XFER (card, "00 A4 02 0C 02 00 1A", "90 00");
  XFER (card, SIGN_ABC, "69 85");
  /* The CA certificates and the card-info AP are still there. */
  XFER (card, "00 A4 02 0C 02 00 0B", "90 00");
  XFER (card, "00 B0 00 00 02", "30 82 90 00");
  XFER (card, SELECT_CARD_INFO, "90 00");
  XFER (card, "00 A4 02 0C 02 00 11", "90 00");
  XFER (card, "00 20 00 80", "63 C3");
  g_unlink (profile);

  /* Only the signing certificate missing: EF 0008 says so in its first byte. */
  {
    g_autofree char *p2 = write_profile (tmp, "nosign.ini",
                                         "sign", "certificate", NULL,
                                         "sign", "key", NULL, NULL);
    g_autoptr(MynaVirtualCard) c2 = new_card_from (p2);

    XFER (c2, SELECT_JPKI, "90 00");
    XFER (c2, "00 A4 02 0C 02 00 08", "90 00");
    XFER (c2, "00 B0 00 00 03", "00 8F 00 90 00");
    g_unlink (p2);
  }
  g_rmdir (tmp);
}

static void
test_bad_profiles (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("vcard-XXXXXX", NULL);
  g_autofree char *auth_key = pki_file ("auth.key.pem");
  struct { const char *group, *key, *value; } cases[] = {
    { "card-info", "my-number", "123456789012" },  /* bad check digit */
    { "card-info", "sex", "3" },
    { "card-info", "birthdate", "1985041" },
    { "auth", "remaining", "4" },
    { "sign", "key", auth_key },                   /* key of another certificate */
    { "card", "atr", "3BZZ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *profile = write_profile (tmp, "bad.ini", cases[i].group, cases[i].key,
                                                cases[i].value, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MynaVirtualCard) card = myna_virtual_card_new_from_profile (profile, &error);

      g_assert_null (card);
      g_assert_nonnull (error);
      g_unlink (profile);
    }
  g_rmdir (tmp);
}

static void
test_malformed (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();
  guint8 resp[300];
  guint8 cmd[300];
  GRand *rand = g_rand_new_with_seed (20261126);

  XFER (card, "00 A4", "67 00");
  XFER (card, "00 A4 04", "67 00");
  XFER (card, "00 A4 02 0C 03 00 18", "67 00");         /* Lc says 3, 2 bytes follow */
  XFER (card, "00 A4 02 0C 02 00", "67 00");            /* data shorter than Lc */
  XFER (card, "00 A4 02 0C 01 00", "67 00");            /* a FID has 2 bytes */
  XFER (card, SELECT_JPKI, "90 00");
  XFER (card, "00 A4 02 0C 02 00 06", "90 00");
  XFER (card, "00 B0 00 00", "67 00");                  /* no Le */
  XFER (card, "00 B0 00 00 01 00 02", "67 00");         /* data in READ BINARY */
  {
    /* Le = 00 is 256; extended Le gets what fits; Le past the end gets the rest. */
    g_autoptr(GByteArray) r = send_apdu (card, "00 B0 00 00 00");
    g_autoptr(GByteArray) e = send_apdu (card, "00 B0 00 00 00 00 A0");
    g_autoptr(GByteArray) rest = send_apdu (card, "00 B0 00 9C FF");

    g_assert_cmpuint (r->len, ==, 162);
    g_assert_cmpuint (e->len, ==, 162);
    g_assert_cmpuint (rest->len, ==, 6);
  }
  XFER (card, "01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "68 81");
  XFER (card, "0C A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "68 82");
  XFER (card, "0C B0 00 00 04", "69 FC");
  XFER (card, "10 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "68 84");
  XFER (card, "A0 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "6E 00");
  XFER (card, "FF CA 00 00 00", "6E 00");
  XFER (card, "00 CA 01 01 00", "6D 00");
  XFER (card, "80 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "6D 00");
  XFER (card, "00 2A 00 80 01 00", "6D 00");
  XFER (card, "00 A4 08 0C 02 00 06", "6A 86");
  XFER (card, "00 A4 02 0D 02 00 06", "6A 86");
  XFER (card, "00 20 01 80", "6A 86");
  XFER (card, "00 24 00 80 04 31 32 33 34", "6A 86");

  /* Tiny response buffers: never write past them. */
  {
    static const guint8 read256[] = { 0x00, 0xB0, 0x00, 0x00, 0x00 };
    guint8 small[4] = { 0xAA, 0xAA, 0xAA, 0xAA };

    g_assert_cmpuint (myna_virtual_card_process (card, read256, 5, small, 1), ==, 0);
    g_assert_cmpuint (small[0], ==, 0xAA);
    g_assert_cmpuint (myna_virtual_card_process (card, read256, 5, small, 3), ==, 3);
    g_assert_cmpuint (small[2], ==, 0x00);
    g_assert_cmpuint (small[3], ==, 0xAA);
  }

  /* Random APDUs (fixed seed) never crash, always give a status word. */
  for (int i = 0; i < 20000; i++)
    {
      gsize len = (gsize) g_rand_int_range (rand, 0, 270);
      gsize n;

      for (gsize j = 0; j < len; j++)
        cmd[j] = (guint8) g_rand_int_range (rand, 0, 256);
      /* Mostly well-formed headers, so the commands get past the CLA check. */
      if (len >= 2 && (i & 1))
        {
          static const guint8 ins[] = { 0xA4, 0xB0, 0x20, 0x24, 0x2A };

          cmd[0] = (i & 2) ? 0x00 : 0x80;
          cmd[1] = ins[g_rand_int_range (rand, 0, G_N_ELEMENTS (ins))];
        }
      if (len >= 5 && (i & 4))
        cmd[4] = (guint8) (len - 5);
      n = myna_virtual_card_process (card, cmd, len, resp, sizeof resp);
      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, sizeof resp);
      if ((i % 1000) == 0)
        {
          myna_virtual_card_reset (card);
        }
    }
  g_rand_free (rand);
  g_assert_cmpuint (myna_virtual_card_process (card, NULL, 0, resp, sizeof resp), ==, 2);
}

typedef struct
{
  MynaVirtualCard *card;
  guint            errors;
} ThreadData;

static gpointer
hammer (gpointer data)
{
  ThreadData *td = data;
  static const guint8 sel[] = { 0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26,
                                0x01, 0x00, 0x00, 0x00, 0x01 };
  static const guint8 query[] = { 0x00, 0x20, 0x00, 0x98 };
  guint8 resp[300];

  for (int i = 0; i < 2000; i++)
    {
      gsize n1 = myna_virtual_card_process (td->card, sel, sizeof sel, resp, sizeof resp);
      gsize n2 = myna_virtual_card_process (td->card, query, sizeof query, resp, sizeof resp);

      if (n1 != 2 || n2 != 2)
        td->errors++;
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(MynaVirtualCard) card = new_card ();
  ThreadData td[4];
  GThread *threads[4];

  for (int i = 0; i < 4; i++)
    {
      td[i].card = card;
      td[i].errors = 0;
      threads[i] = g_thread_new ("hammer", hammer, &td[i]);
    }
  for (int i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (td[i].errors, ==, 0);
    }
  g_assert_cmpuint (myna_virtual_card_get_command_count (card), ==, 4 * 2000 * 2);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 3);
}

/* ------------------------------------------------------------------------------------------ */
/* Transport                                                                                  */

static gboolean
transmit_hex (MynaTransport  *transport,
              const char     *cmd,
              guint          *sw,
              GError        **error)
{
  g_autoptr(GByteArray) c = hex (cmd);
  guint8 resp[MYNA_APDU_MAX_RESPONSE];
  gsize len = 0;

  if (!myna_transport_transmit (transport, c->data, c->len, resp, &len, error))
    return FALSE;
  g_assert_cmpuint (len, >=, 2);
  *sw = (guint) resp[len - 2] << 8 | resp[len - 1];
  return TRUE;
}

static void
test_transport (void)
{
  g_autoptr(MynaVirtualCard) card = NULL;
  g_autoptr(MynaVirtualTransport) vt = NULL;
  MynaTransport *t;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) atr = NULL;
  g_autofree char *profile = pki_file ("card.ini");
  gint64 start;
  guint sw = 0;

  card = myna_virtual_card_new_from_profile (profile, &error);
  g_assert_no_error (error);
  vt = myna_virtual_transport_new (card);
  t = MYNA_TRANSPORT (vt);
  g_assert_true (myna_virtual_transport_get_card (vt) == card);
  g_assert_nonnull (myna_transport_get_name (t));
  g_assert_nonnull (strstr (myna_transport_get_name (t), "demo"));

  atr = myna_transport_get_atr (t);
  g_assert_nonnull (atr);
  g_assert_cmpuint (g_bytes_get_size (atr), ==, 9);

  /* Powered on by the first use. */
  g_assert_false (myna_virtual_card_is_powered (card));
  g_assert_true (myna_transport_begin_transaction (t, &error));
  g_assert_no_error (error);
  g_assert_true (transmit_hex (t, SELECT_JPKI, &sw, &error));
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_true (transmit_hex (t, "00 A4 02 0C 02 00 18", &sw, &error));
  g_assert_true (transmit_hex (t, "00 20 00 80 04 31 32 33 34", &sw, &error));
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_true (myna_virtual_card_is_verified (card, "auth"));
  myna_transport_end_transaction (t, FALSE);
  g_assert_true (myna_virtual_card_is_verified (card, "auth"));

  /* Pulled out: every operation fails with CARD_REMOVED, and the status is gone. */
  myna_virtual_transport_set_present (vt, FALSE);
  g_assert_null (myna_transport_get_atr (t));
  g_assert_false (transmit_hex (t, SELECT_JPKI, &sw, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_CARD_REMOVED);
  g_clear_error (&error);
  g_assert_false (myna_transport_begin_transaction (t, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_CARD_REMOVED);
  g_clear_error (&error);
  g_assert_false (myna_virtual_card_is_verified (card, "auth"));

  /* Put back: works again, with a clean security status. */
  myna_virtual_transport_set_present (vt, TRUE);
  g_assert_true (transmit_hex (t, SELECT_JPKI, &sw, &error));
  g_assert_no_error (error);
  g_assert_true (transmit_hex (t, "00 A4 02 0C 02 00 17", &sw, &error));
  g_assert_true (transmit_hex (t, SIGN_ABC, &sw, &error));
  g_assert_cmphex (sw, ==, 0x6982);

  /* end_transaction (unpower) clears the status too. */
  g_assert_true (transmit_hex (t, "00 A4 02 0C 02 00 18", &sw, &error));
  g_assert_true (transmit_hex (t, "00 20 00 80 04 31 32 33 34", &sw, &error));
  g_assert_true (myna_virtual_card_is_verified (card, "auth"));
  myna_transport_end_transaction (t, TRUE);
  g_assert_false (myna_virtual_card_is_verified (card, "auth"));
  g_assert_false (myna_virtual_card_is_powered (card));

  /* Latency per APDU. */
  myna_virtual_card_set_latency_ms (card, 30);
  g_assert_cmpuint (myna_virtual_card_get_latency_ms (card), ==, 30);
  start = g_get_monotonic_time ();
  g_assert_true (transmit_hex (t, SELECT_JPKI, &sw, &error));
  g_assert_true (transmit_hex (t, SELECT_JPKI, &sw, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * 30 * 1000);

  g_clear_object (&vt);
  g_assert_finalize_object (g_steal_pointer (&card));
}

static void
test_new_destroy (void)
{
  g_autofree char *profile = pki_file ("card.ini");
  g_autoptr(GError) error = NULL;
  MynaVirtualCard *card = myna_virtual_card_new_from_profile (profile, &error);
  MynaVirtualTransport *vt;

  g_assert_no_error (error);
  vt = myna_virtual_transport_new (card);
  g_assert_finalize_object (vt);
  g_assert_finalize_object (card);

  g_assert_null (myna_virtual_card_new_from_profile ("/nonexistent/card.ini", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_demo_profile_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("MYNASSIST_DEMO_PROFILE"));
  g_autofree char *path = NULL;
  g_autofree char *fallback = NULL;

  g_setenv ("MYNASSIST_DEMO_PROFILE", "/somewhere/else.ini", TRUE);
  path = myna_demo_profile_path ();
  g_assert_cmpstr (path, ==, "/somewhere/else.ini");

  g_unsetenv ("MYNASSIST_DEMO_PROFILE");
  fallback = myna_demo_profile_path ();
  g_assert_true (g_str_has_suffix (fallback, "demo.ini"));

  /* Uninstalled, that is the demo card in the build tree: it loads (its keys match its
   * certificates) and is a complete card. */
  g_assert_true (g_file_test (fallback, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(MynaVirtualCard) demo = new_card_from (fallback);
    g_autoptr(GByteArray) r = NULL;

    XFER (demo, SELECT_JPKI, "90 00");
    XFER (demo, "00 A4 02 0C 02 00 08", "90 00");
    XFER (demo, "00 B0 00 00 03", "8F 8F 00 90 00");
    XFER (demo, "00 A4 02 0C 02 00 18", "90 00");
    XFER (demo, "00 20 00 80 04 31 32 33 34", "90 00");
    XFER (demo, "00 A4 02 0C 02 00 17", "90 00");
    r = send_apdu (demo, SIGN_ABC);
    g_assert_cmpuint (r->len, ==, 258);
    XFER (demo, SELECT_CARD_INFO, "90 00");
    XFER (demo, "00 A4 02 0C 02 00 11", "90 00");
    XFER (demo, "00 20 00 80", "63 C3");
  }
  if (saved != NULL)
    g_setenv ("MYNASSIST_DEMO_PROFILE", saved, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/virtual-card/new-destroy", test_new_destroy);
  g_test_add_func ("/virtual-card/tv1-token", test_tv1_token);
  g_test_add_func ("/virtual-card/tv2-tries", test_tv2_tries);
  g_test_add_func ("/virtual-card/tv3-wrong-pin", test_tv3_wrong_pin);
  g_test_add_func ("/virtual-card/tv4-blocking", test_tv4_blocking);
  g_test_add_func ("/virtual-card/tv5-success-resets", test_tv5_success_resets);
  g_test_add_func ("/virtual-card/tv5-verified-query-switch", test_tv5_verified_query_switch);
  g_test_add_func ("/virtual-card/tv6-case-sensitive", test_tv6_case_sensitive);
  g_test_add_func ("/virtual-card/tv7-certificates", test_tv7_certificates);
  g_test_add_func ("/virtual-card/tv8-sign", test_tv8_sign);
  g_test_add_func ("/virtual-card/tv9-my-number", test_tv9_my_number);
  g_test_add_func ("/virtual-card/tv10-basic4", test_tv10_basic4);
  g_test_add_func ("/virtual-card/tv11-change-pin", test_tv11_change_pin);
  g_test_add_func ("/virtual-card/tv12-negative-selects", test_tv12_negative_selects);
  g_test_add_func ("/virtual-card/sign-key", test_sign_key);
  g_test_add_func ("/virtual-card/application-switch", test_application_switch);
  g_test_add_func ("/virtual-card/power-and-reset", test_power_and_reset);
  g_test_add_func ("/virtual-card/sticky-reset-and-6f00", test_sticky_reset_and_6f00);
  g_test_add_func ("/virtual-card/t0-behaviours", test_t0_behaviours);
  g_test_add_func ("/virtual-card/state", test_state);
  g_test_add_func ("/virtual-card/no-certificates", test_no_certificates);
  g_test_add_func ("/virtual-card/bad-profiles", test_bad_profiles);
  g_test_add_func ("/virtual-card/malformed", test_malformed);
  g_test_add_func ("/virtual-card/threads", test_threads);
  g_test_add_func ("/virtual-card/transport", test_transport);
  g_test_add_func ("/virtual-card/demo-profile-path", test_demo_profile_path);

  return g_test_run ();
}
