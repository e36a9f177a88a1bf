/* test-certificate.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MynaCertificate against the test PKI of tools/make-test-pki.sh (built into TEST_PKI_DIR)
 * and the bundled J-LIS roots. Expected values come from the script's inputs (DNs, serials,
 * validity offsets, the spec §10 fixture) or from OpenSSL/GLib calls made here, never from
 * the code under test.
 */

#define G_LOG_DOMAIN "test-certificate"

#include "config.h"

#include <string.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "myna-certificate.h"
#include "myna-error.h"

#define DAY ((gint64) 86400)

/* Inputs of tools/make-test-pki.sh */
#define AUTH_CA_DN "C=JP, O=JPKI-TEST, OU=JPKI for user authentication, " \
                   "OU=Japan Agency for Local Authority Information Systems"
#define SIGN_CA_DN "C=JP, O=JPKI-TEST, OU=JPKI for digital signature, " \
                   "OU=Japan Agency for Local Authority Information Systems"
#define AUTH_DN    "C=JP, CN=84391726051938264701TEST"
#define SIGN_DN    "C=JP, L=Tokyo-to TEST, L=Chiyoda-ku TEST, CN=2025112609300100001131016TEST"
/* EE_END - EE_START in the script: 1493 days 7 hours + 365 days */
#define EE_LIFETIME (1858 * DAY + 7 * 3600)

/* ---- helpers ---------------------------------------------------------------------------- */

static char *
pki_path (const char *name)
{
  return g_build_filename (TEST_PKI_DIR, name, NULL);
}

static GBytes *
read_pki (const char *name)
{
  g_autofree char *path = pki_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static MynaCertificate *
load_cert (const char *name)
{
  g_autoptr(GBytes) der = read_pki (name);
  g_autoptr(GError) error = NULL;
  MynaCertificate *cert = myna_certificate_new_from_der (der, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

static X509 *
load_x509 (const char *name)
{
  g_autoptr(GBytes) der = read_pki (name);
  const unsigned char *p = g_bytes_get_data (der, NULL);
  X509 *x = d2i_X509 (NULL, &p, (long) g_bytes_get_size (der));

  g_assert_nonnull (x);
  return x;
}

static EVP_PKEY *
load_key (const char *name)
{
  g_autoptr(GBytes) pem = read_pki (name);
  BIO *bio = BIO_new_mem_buf (g_bytes_get_data (pem, NULL), (int) g_bytes_get_size (pem));
  EVP_PKEY *key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);

  BIO_free (bio);
  g_assert_nonnull (key);
  return key;
}

static GDateTime *
offset (GDateTime *t,
        gint64     seconds)
{
  return g_date_time_add_seconds (t, (gdouble) seconds);
}

/* The moment the script ran (EE_START is one year before it): tests that depend on "now"
 * use it, so a build directory with an older PKI still passes. */
static GDateTime *
script_time (void)
{
  g_autoptr(MynaCertificate) auth = load_cert ("auth.der");

  return offset (myna_certificate_get_not_before (auth), 365 * DAY);
}

/* Builds and signs a certificate here, for cases the script does not produce. */
static MynaCertificate *
make_cert (const X509_NAME *subject,
           const X509_NAME *issuer,
           EVP_PKEY        *subject_key,
           EVP_PKEY        *issuer_key,
           gint64           not_before_offset,
           gint64           not_after_offset,
           gboolean         ca,
           X509_EXTENSION  *extra)
{
  X509 *x = X509_new ();
  unsigned char *der = NULL;
  int len;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MynaCertificate *cert;

  g_assert_cmpint (X509_set_version (x, X509_VERSION_3), ==, 1);
  ASN1_INTEGER_set (X509_get_serialNumber (x), 4242);
  X509_set_subject_name (x, subject);
  X509_set_issuer_name (x, issuer);
  X509_gmtime_adj (X509_getm_notBefore (x), (long) not_before_offset);
  X509_gmtime_adj (X509_getm_notAfter (x), (long) not_after_offset);
  X509_set_pubkey (x, subject_key);
  if (ca)
    {
      X509_EXTENSION *bc = X509V3_EXT_conf_nid (NULL, NULL, NID_basic_constraints, "critical,CA:TRUE");

      X509_add_ext (x, bc, -1);
      X509_EXTENSION_free (bc);
    }
  if (extra != NULL)
    X509_add_ext (x, extra, -1);
  g_assert_cmpint (X509_sign (x, issuer_key, EVP_sha256 ()), >, 0);

  len = i2d_X509 (x, &der);
  g_assert_cmpint (len, >, 0);
  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);
  X509_free (x);

  cert = myna_certificate_new_from_der (bytes, &error);
  g_assert_no_error (error);
  return cert;
}

/* A minimal DER writer for hand-made subjectAltNames. */
static void
append_tlv (GByteArray   *out,
            guint8        tag,
            const guint8 *value,
            gsize         len)
{
  guint8 header[4] = { tag };
  gsize header_len;

  g_assert_cmpuint (len, <, 65536);
  if (len < 128)
    {
      header[1] = (guint8) len;
      header_len = 2;
    }
  else if (len < 256)
    {
      header[1] = 0x81;
      header[2] = (guint8) len;
      header_len = 3;
    }
  else
    {
      header[1] = 0x82;
      header[2] = (guint8) (len >> 8);
      header[3] = (guint8) len;
      header_len = 4;
    }
  g_byte_array_append (out, header, header_len);
  g_byte_array_append (out, value, len);
}

/* otherName [0] { OID 1.2.392.200149.8.5.5.<n>, [0] { <tag> value } } */
static void
append_jpki_other_name (GByteArray *san,
                        guint8      n,
                        guint8      value_tag,
                        const char *value,
                        gssize      value_len)
{
  /* 1.2.392.200149.8.5.5 = 2A 83 08 8C 9B 55 08 05 05 */
  guint8 oid[] = { 0x2A, 0x83, 0x08, 0x8C, 0x9B, 0x55, 0x08, 0x05, 0x05, n };
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  g_autoptr(GByteArray) wrapped = g_byte_array_new ();

  if (value_len < 0)
    value_len = strlen (value);
  append_tlv (body, 0x06, oid, sizeof oid);
  append_tlv (inner, value_tag, (const guint8 *) value, value_len);
  append_tlv (wrapped, 0xA0, inner->data, inner->len);
  g_byte_array_append (body, wrapped->data, wrapped->len);
  append_tlv (san, 0xA0, body->data, body->len);
}

static X509_EXTENSION *
san_extension (const guint8 *der,
               gsize         len)
{
  ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new ();
  X509_EXTENSION *ext;

  ASN1_OCTET_STRING_set (os, der, (int) len);
  ext = X509_EXTENSION_create_by_NID (NULL, NID_subject_alt_name, 0, os);
  ASN1_OCTET_STRING_free (os);
  g_assert_nonnull (ext);
  return ext;
}

/* A certificate signed by the test signing CA whose SAN is @content wrapped in a SEQUENCE
 * (or @content as it is when @raw). */
static MynaCertificate *
cert_with_san (GByteArray *content,
               gboolean    raw)
{
  g_autoptr(GByteArray) san = g_byte_array_new ();
  X509 *ca = load_x509 ("sign-ca.der");
  EVP_PKEY *ca_key = load_key ("sign-ca.key.pem");
  EVP_PKEY *key = load_key ("sign.key.pem");
  X509 *ee = load_x509 ("sign.der");
  X509_EXTENSION *ext;
  MynaCertificate *cert;

  if (raw)
    g_byte_array_append (san, content->data, content->len);
  else
    append_tlv (san, 0x30, content->data, content->len);
  ext = san_extension (san->data, san->len);
  cert = make_cert (X509_get_subject_name (ee), X509_get_subject_name (ca), key, ca_key,
                    -DAY, 100 * DAY, FALSE, ext);
  X509_EXTENSION_free (ext);
  X509_free (ee);
  X509_free (ca);
  EVP_PKEY_free (key);
  EVP_PKEY_free (ca_key);
  return cert;
}

/* ---- parsing and getters ----------------------------------------------------------------- */

/* The DN built here entry by entry, independently of the formatting in the code. */
static char *
expected_dn (const X509_NAME *name)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < X509_NAME_entry_count (name); i++)
    {
      const X509_NAME_ENTRY *e = X509_NAME_get_entry (name, i);
      const ASN1_STRING *v = X509_NAME_ENTRY_get_data (e);
      int nid = OBJ_obj2nid (X509_NAME_ENTRY_get_object (e));

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=%.*s", OBJ_nid2sn (nid), ASN1_STRING_length (v),
                              (const char *) ASN1_STRING_get0_data (v));
    }
  return g_string_free (out, FALSE);
}

static void
check_getters (const char *file,
               const char *subject,
               const char *issuer,
               const char *serial,
               const char *usage)
{
  g_autoptr(MynaCertificate) cert = load_cert (file);
  g_autoptr(GBytes) file_der = read_pki (file);
  X509 *x = load_x509 (file);
  EVP_PKEY *pub = X509_get0_pubkey (x);
  g_autofree char *dn = expected_dn (X509_get_subject_name (x));
  g_autofree char *idn = expected_dn (X509_get_issuer_name (x));
  g_autofree char *sha = NULL;
  g_autofree char *ku = NULL;
  g_autofree char *sha_expected = NULL;
  g_autofree char *sha_upper = NULL;
  GDateTime *nb, *na;

  g_assert_cmpstr (myna_certificate_get_subject (cert), ==, subject);
  g_assert_cmpstr (myna_certificate_get_subject (cert), ==, dn);
  g_assert_cmpstr (myna_certificate_get_issuer (cert), ==, issuer);
  g_assert_cmpstr (myna_certificate_get_issuer (cert), ==, idn);
  g_assert_cmpstr (myna_certificate_get_serial (cert), ==, serial);
  g_assert_cmpint (ASN1_INTEGER_get (X509_get0_serialNumber (x)), ==,
                   (long) g_ascii_strtoull (serial, NULL, 16));

  nb = myna_certificate_get_not_before (cert);
  na = myna_certificate_get_not_after (cert);
  g_assert_nonnull (nb);
  g_assert_nonnull (na);
  g_assert_cmpint (g_date_time_get_utc_offset (nb), ==, 0);
  g_assert_cmpint (ASN1_TIME_cmp_time_t (X509_get0_notBefore (x), g_date_time_to_unix (nb)), ==, 0);
  g_assert_cmpint (ASN1_TIME_cmp_time_t (X509_get0_notAfter (x), g_date_time_to_unix (na)), ==, 0);

  g_assert_cmpuint (myna_certificate_get_key_bits (cert), ==, 2048);
  g_assert_cmpint (EVP_PKEY_get_bits (pub), ==, 2048);

  ku = myna_certificate_get_key_usage (cert);
  g_assert_cmpstr (ku, ==, usage);

  g_assert_true (g_bytes_equal (myna_certificate_get_der (cert), file_der));
  sha = myna_certificate_get_sha256_hex (cert);
  sha_expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file_der);
  sha_upper = g_ascii_strup (sha_expected, -1);
  g_assert_cmpuint (strlen (sha), ==, 64);
  g_assert_cmpstr (sha, ==, sha_upper);

  X509_free (x);
}

static void
test_getters (void)
{
  check_getters ("auth-ca.der", AUTH_CA_DN, AUTH_CA_DN, "01", "keyCertSign, cRLSign");
  check_getters ("sign-ca.der", SIGN_CA_DN, SIGN_CA_DN, "01", "keyCertSign, cRLSign");
  check_getters ("auth.der", AUTH_DN, AUTH_CA_DN, "0705D990", "digitalSignature");
  check_getters ("sign.der", SIGN_DN, SIGN_CA_DN, "0A1B2C3D", "digitalSignature, nonRepudiation");
  check_getters ("old-auth-ca.der", AUTH_CA_DN, AUTH_CA_DN, "03", "keyCertSign, cRLSign");
}

/* Whole days from @now to the file's notAfter by OpenSSL's date arithmetic, floored. */
static gint64
openssl_days_left (const char *file,
                   GDateTime  *now)
{
  X509 *x = load_x509 (file);
  ASN1_TIME *now_asn1 = ASN1_TIME_set (NULL, (time_t) g_date_time_to_unix (now));
  int days = 0, secs = 0;

  g_assert_cmpint (ASN1_TIME_diff (&days, &secs, now_asn1, X509_get0_notAfter (x)), ==, 1);
  ASN1_TIME_free (now_asn1);
  X509_free (x);
  return days - (secs < 0 ? 1 : 0);
}

static void
test_validity (void)
{
  g_autoptr(MynaCertificate) auth = load_cert ("auth.der");
  g_autoptr(MynaCertificate) expired = load_cert ("auth-expired.der");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) t1 = NULL;
  g_autoptr(GDateTime) t2 = NULL;
  g_autoptr(GDateTime) t3 = NULL;
  GDateTime *nb = myna_certificate_get_not_before (auth);
  GDateTime *na = myna_certificate_get_not_after (auth);
  g_autoptr(GDateTime) t4 = NULL;
  gint64 floor_days;

  /* The script's offsets: issued a year ago, not a round number of days long. */
  g_assert_cmpint (g_date_time_difference (na, nb) / G_TIME_SPAN_SECOND, ==, EE_LIFETIME);
  g_assert_cmpint (myna_certificate_get_days_left (auth, nb), ==, EE_LIFETIME / DAY);

  /* Today, computed with OpenSSL's own date arithmetic and floored. */
  floor_days = openssl_days_left ("auth.der", now);
  g_assert_cmpint (myna_certificate_get_days_left (auth, now), ==, floor_days);
  g_assert_cmpint (myna_certificate_get_days_left (auth, NULL), ==, floor_days);

  /* Edges: the last second is day 0, the first second after is -1. */
  t1 = offset (na, -1);
  t2 = offset (na, 1);
  t3 = offset (na, -DAY);
  g_assert_cmpint (myna_certificate_get_days_left (auth, t1), ==, 0);
  g_assert_cmpint (myna_certificate_get_days_left (auth, na), ==, 0);
  g_assert_cmpint (myna_certificate_get_days_left (auth, t2), ==, -1);
  g_assert_cmpint (myna_certificate_get_days_left (auth, t3), ==, 1);

  /* The expired variant ended 17 days after the script ran (EXPIRED_END), 348 days after
   * auth's notBefore (EE_START); a moment later that is day -1. */
  t4 = offset (nb, 348 * DAY);
  g_assert_cmpint (myna_certificate_get_days_left (expired, t4), ==, 0);
  g_date_time_unref (t4);
  t4 = offset (nb, 348 * DAY + 1);
  g_assert_cmpint (myna_certificate_get_days_left (expired, t4), ==, -1);
  g_assert_cmpint (myna_certificate_get_days_left (expired, now), ==,
                   openssl_days_left ("auth-expired.der", now));
  g_assert_cmpint (myna_certificate_get_days_left (expired, now), <=, -17);
}

static void
test_utf8_names (void)
{
  static const guchar bmp[] = { 0x8A, 0x66, 0x9A, 0x13 };   /* 試験 in UCS-2 */
  EVP_PKEY *key = load_key ("auth.key.pem");
  X509_NAME *name = X509_NAME_new ();
  g_autoptr(MynaCertificate) cert = NULL;

  X509_NAME_add_entry_by_txt (name, "C", MBSTRING_ASC, (const guchar *) "JP", -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8, (const guchar *) "公的個人認証サービス",
                              -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "L", MBSTRING_UTF8, (const guchar *) "千代田区, 東京都",
                              -1, -1, 0);
  /* A BMPString is turned into UTF-8 too. */
  g_assert_cmpint (X509_NAME_add_entry_by_NID (name, NID_commonName, V_ASN1_BMPSTRING,
                                               bmp, sizeof bmp, -1, 0), ==, 1);
  cert = make_cert (name, name, key, key, -DAY, DAY, TRUE, NULL);

  g_assert_cmpstr (myna_certificate_get_subject (cert), ==,
                   "C=JP, O=公的個人認証サービス, L=千代田区\\, 東京都, CN=試験");
  g_assert_cmpstr (myna_certificate_get_issuer (cert), ==, myna_certificate_get_subject (cert));
  g_assert_true (myna_certificate_is_self_signed (cert));

  X509_NAME_free (name);
  EVP_PKEY_free (key);
}

static void
test_pem (void)
{
  g_autoptr(GBytes) pem = read_pki ("auth.pem");
  g_autoptr(GBytes) der = read_pki ("auth.der");
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaCertificate) from_pem = NULL;
  g_autoptr(MynaCertificate) from_out = NULL;
  g_autofree char *out = NULL;
  g_autofree char *terminated = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));

  from_pem = myna_certificate_new_from_pem (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem),
                                            &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (myna_certificate_get_der (from_pem), der));

  out = myna_certificate_get_pem (from_pem);
  g_assert_true (g_str_has_prefix (out, "-----BEGIN CERTIFICATE-----\n"));
  g_assert_cmpstr (out, ==, terminated);
  from_out = myna_certificate_new_from_pem (out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (myna_certificate_get_der (from_out), der));
}

static void
test_self_signed (void)
{
  const char *yes[] = { "auth-ca.der", "sign-ca.der", "other-auth-ca.der", "old-auth-ca.der" };
  const char *no[] = { "auth.der", "sign.der", "auth-by-other.der", "auth-expired.der" };

  for (gsize i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_autoptr(MynaCertificate) c = load_cert (yes[i]);
      g_assert_true (myna_certificate_is_self_signed (c));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_autoptr(MynaCertificate) c = load_cert (no[i]);
      g_assert_false (myna_certificate_is_self_signed (c));
    }
}

static void
test_text (void)
{
  g_autoptr(MynaCertificate) sign = load_cert ("sign.der");
  g_autoptr(MynaCertificate) auth = load_cert ("auth.der");
  g_autofree char *text = myna_certificate_to_text (sign);
  g_autofree char *auth_text = myna_certificate_to_text (auth);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256,
                                                       myna_certificate_get_der (sign));
  g_autofree char *sha_upper = g_ascii_strup (sha, -1);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, SIGN_DN));
  g_assert_nonnull (strstr (text, SIGN_CA_DN));
  g_assert_nonnull (strstr (text, "0A1B2C3D"));
  g_assert_nonnull (strstr (text, sha_upper));
  g_assert_nonnull (strstr (text, "試験　太郎"));
  g_assert_nonnull (strstr (text, "東京都千代田区試験町１－２－３"));
  g_assert_nonnull (strstr (text, "1985-04-01"));
  g_assert_nonnull (strstr (auth_text, AUTH_DN));
  g_assert_null (strstr (auth_text, "試験"));
}

/* ---- errors ------------------------------------------------------------------------------ */

static void
expect_der_error (const guint8 *data,
                  gsize         len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaCertificate) cert = myna_certificate_new_from_der (bytes, &error);

  g_assert_null (cert);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
  g_assert_nonnull (error->message);
  /* OpenSSL's error queue is left clean for the next caller on this thread. */
  g_assert_cmpuint (ERR_peek_error (), ==, 0);
}

static void
test_garbage (void)
{
  static const guint8 junk[] = { 0x30, 0x82, 0xFF, 0xFF, 0x01, 0x02, 0x03 };
  static const guint8 zero[] = { 0x00 };
  g_autoptr(GBytes) auth = read_pki ("auth.der");
  g_autoptr(GByteArray) padded = g_byte_array_new ();
  g_autoptr(GBytes) padded_bytes = NULL;
  g_autoptr(MynaCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  guint8 random[512];
  guint8 filler[64];
  gsize len;
  const guint8 *der = g_bytes_get_data (auth, &len);

  expect_der_error (junk, sizeof junk);
  expect_der_error (zero, sizeof zero);
  expect_der_error (der, 100);                    /* truncated */
  expect_der_error (der, len - 1);

  for (guint round = 0; round < 50; round++)
    {
      for (gsize i = 0; i < sizeof random; i++)
        random[i] = (guint8) g_test_rand_int_range (0, 256);
      if (round % 2 == 0)
        random[0] = 0x30;                         /* look like a SEQUENCE */
      expect_der_error (random, sizeof random);
    }

  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(GError) e = NULL;

    g_assert_null (myna_certificate_new_from_der (empty, &e));
    g_assert_error (e, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
  }
  {
    g_autoptr(GError) e = NULL;

    g_assert_null (myna_certificate_new_from_pem ("-----BEGIN CERTIFICATE-----\nAAAA\n"
                                                  "-----END CERTIFICATE-----\n", -1, &e));
    g_assert_error (e, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
  }
  {
    g_autoptr(GError) e = NULL;

    g_assert_null (myna_certificate_new_from_pem ("not a certificate", -1, &e));
    g_assert_error (e, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
  }

  /* A card file holds filler after the DER; the certificate is what the header says. */
  memset (filler, 0xFF, sizeof filler);
  g_byte_array_append (padded, der, len);
  g_byte_array_append (padded, filler, sizeof filler);
  padded_bytes = g_bytes_new (padded->data, padded->len);
  cert = myna_certificate_new_from_der (padded_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (myna_certificate_get_der (cert), auth));
}

/* ---- JPKI personal data -------------------------------------------------------------------- */

static void
test_personal_data (void)
{
  g_autoptr(MynaCertificate) sign = load_cert ("sign.der");
  g_autoptr(MynaJpkiPersonalData) pd = myna_certificate_get_personal_data (sign);

  /* Spec §10 fixture, as the script writes it. */
  g_assert_nonnull (pd);
  g_assert_cmpstr (pd->name, ==, "試験　太郎");
  g_assert_cmpstr (pd->name_substitutes, ==, "00000");
  g_assert_cmpuint (strlen (pd->name_substitutes), ==, g_utf8_strlen (pd->name, -1));
  g_assert_cmpstr (pd->sex, ==, "2");
  g_assert_cmpstr (pd->birth_date, ==, "1985-04-01");
  g_assert_cmpint (pd->birth_era, ==, 3);
  g_assert_cmpstr (pd->address, ==, "東京都千代田区試験町１－２－３");
  g_assert_cmpuint (strlen (pd->address_substitutes), ==, g_utf8_strlen (pd->address, -1));
  g_assert_cmpstr (pd->address_substitutes, ==, "000000000000000");
}

static void
test_personal_data_absent (void)
{
  const char *files[] = { "auth.der", "auth-ca.der", "sign-ca.der" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(MynaCertificate) c = load_cert (files[i]);
      g_autoptr(MynaJpkiPersonalData) pd = myna_certificate_get_personal_data (c);

      g_assert_null (pd);
    }
  myna_jpki_personal_data_free (NULL);
}

static void
test_personal_data_order_and_partial (void)
{
  g_autoptr(GByteArray) content = g_byte_array_new ();
  g_autoptr(MynaCertificate) cert = NULL;
  g_autoptr(MynaJpkiPersonalData) pd = NULL;
  /* An unrelated otherName and a dNSName before the JPKI ones must be skipped. */
  static const guint8 dns[] = { 0x82, 0x0B, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'o', 'r', 'g' };

  g_byte_array_append (content, dns, sizeof dns);
  append_jpki_other_name (content, 6, 0x0C, "0001", -1);
  append_jpki_other_name (content, 5, 0x0C, "大阪府", -1);
  append_jpki_other_name (content, 4, 0x0C, "520190501", -1);   /* 令和 */
  append_jpki_other_name (content, 1, 0x0C, "見本　次郎", -1);
  cert = cert_with_san (content, FALSE);
  pd = myna_certificate_get_personal_data (cert);

  g_assert_nonnull (pd);
  g_assert_cmpstr (pd->name, ==, "見本　次郎");
  g_assert_null (pd->name_substitutes);
  g_assert_null (pd->sex);
  g_assert_cmpstr (pd->birth_date, ==, "2019-05-01");
  g_assert_cmpint (pd->birth_era, ==, 5);
  g_assert_cmpstr (pd->address, ==, "大阪府");
  g_assert_cmpstr (pd->address_substitutes, ==, "0001");
}

static void
test_personal_data_malformed_values (void)
{
  g_autoptr(GByteArray) content = g_byte_array_new ();
  g_autoptr(MynaCertificate) cert = NULL;
  g_autoptr(MynaJpkiPersonalData) pd = NULL;
  static const char bad_utf8[] = "\xE8\xA9";          /* a cut-off character */

  append_jpki_other_name (content, 1, 0x0C, bad_utf8, sizeof bad_utf8 - 1);
  append_jpki_other_name (content, 3, 0x04, "2", -1); /* OCTET STRING, not a string type */
  append_jpki_other_name (content, 4, 0x0C, "319851301", -1);   /* month 13 */
  append_jpki_other_name (content, 5, 0x0C, "東京都", -1);
  cert = cert_with_san (content, FALSE);
  pd = myna_certificate_get_personal_data (cert);

  g_assert_nonnull (pd);
  g_assert_null (pd->name);
  g_assert_null (pd->sex);
  g_assert_null (pd->birth_date);
  g_assert_cmpint (pd->birth_era, ==, -1);
  g_assert_cmpstr (pd->address, ==, "東京都");
}

static void
test_birth_dates (void)
{
  static const struct { const char *value; const char *iso; int era; } cases[] = {
    { "319800217", "1980-02-17", 3 },
    { "119120729", "1912-07-29", 1 },
    { "420000229", "2000-02-29", 4 },
    { "019700101", "1970-01-01", 0 },
    { "19850401", "1985-04-01", 0 },   /* no era digit */
    { "619850401", NULL, -1 },         /* no such era */
    { "419990229", NULL, -1 },         /* not a leap year */
    { "3198504", NULL, -1 },
    { "3A9850401", NULL, -1 },
    { "", NULL, -1 },
    { "3198504010", NULL, -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) content = g_byte_array_new ();
      g_autoptr(MynaCertificate) cert = NULL;
      g_autoptr(MynaJpkiPersonalData) pd = NULL;

      append_jpki_other_name (content, 4, 0x0C, cases[i].value, -1);
      cert = cert_with_san (content, FALSE);
      pd = myna_certificate_get_personal_data (cert);
      g_assert_nonnull (pd);
      g_assert_cmpstr (pd->birth_date, ==, cases[i].iso);
      g_assert_cmpint (pd->birth_era, ==, cases[i].era);
    }
}

static void
test_personal_data_broken_san (void)
{
  static const guint8 broken[][8] = {
    { 0x30, 0x05, 0xA0, 0x03, 0x06, 0x01, 0xFF },       /* otherName without a value */
    { 0x30, 0x7F, 0xA0, 0x03 },                         /* length past the end */
    { 0x04, 0x01, 0x00 },                               /* not a SEQUENCE */
    { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },
  };
  static const gsize lengths[] = { 7, 4, 3, 8 };

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GByteArray) content = g_byte_array_new ();
      g_autoptr(MynaCertificate) cert = NULL;
      g_autoptr(MynaJpkiPersonalData) pd = NULL;
      g_autofree char *text = NULL;

      g_byte_array_append (content, broken[i], lengths[i]);
      cert = cert_with_san (content, TRUE);
      ERR_clear_error ();
      pd = myna_certificate_get_personal_data (cert);
      g_assert_null (pd);
      text = myna_certificate_to_text (cert);
      g_assert_nonnull (text);
      g_assert_cmpuint (ERR_peek_error (), ==, 0);
    }

  /* An empty SAN and a SAN without any JPKI field are "no personal data". */
  {
    g_autoptr(GByteArray) content = g_byte_array_new ();
    g_autoptr(MynaCertificate) cert = cert_with_san (content, FALSE);
    g_autoptr(MynaJpkiPersonalData) pd = myna_certificate_get_personal_data (cert);

    g_assert_null (pd);
  }
}

/* ---- signatures -------------------------------------------------------------------------- */

static void
test_verify_signature (void)
{
  /* SHA-256 DigestInfo prefix (spec TV8) + SHA-256("abc") computed here. */
  static const guint8 prefix[] = { 0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                   0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
  g_autoptr(MynaCertificate) auth = load_cert ("auth.der");
  g_autoptr(MynaCertificate) sign = load_cert ("sign.der");
  EVP_PKEY *key = load_key ("auth.key.pem");
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);
  guint8 digest_info[sizeof prefix + 32];
  gsize digest_len = 32;
  guint8 sig[512];
  size_t sig_len = sizeof sig;
  GChecksum *sha = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sha, (const guchar *) "abc", 3);
  memcpy (digest_info, prefix, sizeof prefix);
  g_checksum_get_digest (sha, digest_info + sizeof prefix, &digest_len);
  g_checksum_free (sha);
  g_assert_cmpuint (digest_len, ==, 32);

  /* What the card does: PKCS#1 v1.5 over the DigestInfo as given. */
  g_assert_cmpint (EVP_PKEY_sign_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING), ==, 1);
  g_assert_cmpint (EVP_PKEY_sign (ctx, sig, &sig_len, digest_info, sizeof digest_info), ==, 1);
  g_assert_cmpuint (sig_len, ==, 256);
  EVP_PKEY_CTX_free (ctx);

  g_assert_true (myna_certificate_verify_signature (auth, digest_info, sizeof digest_info,
                                                    sig, sig_len));
  /* Same signature under the other key, or over other data, or corrupted: all false. */
  g_assert_false (myna_certificate_verify_signature (sign, digest_info, sizeof digest_info,
                                                     sig, sig_len));
  digest_info[sizeof digest_info - 1] ^= 1;
  g_assert_false (myna_certificate_verify_signature (auth, digest_info, sizeof digest_info,
                                                     sig, sig_len));
  digest_info[sizeof digest_info - 1] ^= 1;
  sig[10] ^= 0x80;
  g_assert_false (myna_certificate_verify_signature (auth, digest_info, sizeof digest_info,
                                                     sig, sig_len));
  sig[10] ^= 0x80;
  g_assert_false (myna_certificate_verify_signature (auth, digest_info, sizeof digest_info,
                                                     sig, sig_len - 1));
  g_assert_false (myna_certificate_verify_signature (auth, digest_info, sizeof digest_info,
                                                     NULL, 0));
  g_assert_true (myna_certificate_verify_signature (auth, digest_info, sizeof digest_info,
                                                    sig, sig_len));
  EVP_PKEY_free (key);
}

/* ---- chain --------------------------------------------------------------------------------- */

static GPtrArray *
roots_of (const char *first,
          ...)
{
  GPtrArray *roots = g_ptr_array_new_with_free_func (g_object_unref);
  va_list ap;

  va_start (ap, first);
  for (const char *f = first; f != NULL; f = va_arg (ap, const char *))
    g_ptr_array_add (roots, load_cert (f));
  va_end (ap);
  return roots;
}

static void
check_chain (const char      *file,
             GPtrArray       *roots,
             const char      *card_ca_file,
             GDateTime       *now,
             MynaChainResult  expected,
             MynaTrustSource  expected_trust)
{
  g_autoptr(MynaCertificate) cert = load_cert (file);
  g_autoptr(MynaCertificate) card_ca = card_ca_file ? load_cert (card_ca_file) : NULL;
  MynaTrustSource trust = 99;
  MynaChainResult result;

  ERR_clear_error ();
  result = myna_certificate_check_chain (cert, roots, card_ca, now, &trust);

  if (result != expected || trust != expected_trust)
    g_test_message ("%s: got %s/%d, expected %s/%d", file, myna_chain_result_to_string (result),
                    trust, myna_chain_result_to_string (expected), expected_trust);
  g_assert_cmpint (result, ==, expected);
  g_assert_cmpint (trust, ==, expected_trust);
  g_assert_cmpuint (ERR_peek_error (), ==, 0);
}

static void
test_chain_results (void)
{
  g_autoptr(GPtrArray) test_root = roots_of ("auth-ca.der", NULL);
  g_autoptr(GPtrArray) sign_root = roots_of ("sign-ca.der", NULL);
  g_autoptr(GPtrArray) other_root = roots_of ("other-auth-ca.der", NULL);
  g_autoptr(GPtrArray) both = roots_of ("other-auth-ca.der", "sign-ca.der", "auth-ca.der", NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GDateTime) now = script_time ();

  /* The five results, test root passed as a bundled root. */
  check_chain ("auth.der", test_root, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth-expired.der", test_root, NULL, now, MYNA_CHAIN_EXPIRED, MYNA_TRUST_BUNDLED);
  check_chain ("auth-notyet.der", test_root, NULL, now, MYNA_CHAIN_NOT_YET_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth.der", sign_root, NULL, now, MYNA_CHAIN_UNKNOWN_CA, MYNA_TRUST_NONE);
  check_chain ("auth.der", other_root, NULL, now, MYNA_CHAIN_BAD_SIGNATURE, MYNA_TRUST_NONE);
  check_chain ("auth-by-other.der", test_root, NULL, now, MYNA_CHAIN_BAD_SIGNATURE, MYNA_TRUST_NONE);
  check_chain ("sign.der", sign_root, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("sign.der", test_root, NULL, now, MYNA_CHAIN_UNKNOWN_CA, MYNA_TRUST_NONE);
  check_chain ("auth.der", NULL, NULL, now, MYNA_CHAIN_UNKNOWN_CA, MYNA_TRUST_NONE);
  check_chain ("auth.der", empty, NULL, now, MYNA_CHAIN_UNKNOWN_CA, MYNA_TRUST_NONE);
  check_chain ("auth.der", test_root, NULL, NULL, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);

  /* Same name, several keys: the issuer is picked by signature. */
  check_chain ("auth.der", both, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth-by-other.der", both, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);

  /* The card's own CA: trusted only as CARD, and only as a fallback. */
  check_chain ("auth.der", NULL, "auth-ca.der", now, MYNA_CHAIN_VALID, MYNA_TRUST_CARD);
  check_chain ("auth.der", sign_root, "auth-ca.der", now, MYNA_CHAIN_VALID, MYNA_TRUST_CARD);
  check_chain ("auth.der", test_root, "auth-ca.der", now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth-expired.der", NULL, "auth-ca.der", now, MYNA_CHAIN_EXPIRED, MYNA_TRUST_CARD);
  check_chain ("auth-notyet.der", NULL, "auth-ca.der", now, MYNA_CHAIN_NOT_YET_VALID, MYNA_TRUST_CARD);
  check_chain ("auth.der", NULL, "other-auth-ca.der", now, MYNA_CHAIN_BAD_SIGNATURE, MYNA_TRUST_NONE);
  check_chain ("auth.der", other_root, "auth-ca.der", now, MYNA_CHAIN_VALID, MYNA_TRUST_CARD);
  check_chain ("auth.der", NULL, "sign-ca.der", now, MYNA_CHAIN_UNKNOWN_CA, MYNA_TRUST_NONE);
  check_chain ("auth-by-other.der", test_root, "other-auth-ca.der", now, MYNA_CHAIN_VALID,
               MYNA_TRUST_CARD);
  /* A root checks as itself. */
  check_chain ("auth-ca.der", test_root, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth-ca.der", NULL, "auth-ca.der", now, MYNA_CHAIN_VALID, MYNA_TRUST_CARD);

  g_assert_cmpstr (myna_chain_result_to_string (MYNA_CHAIN_VALID), ==, "valid");
  g_assert_cmpstr (myna_chain_result_to_string (MYNA_CHAIN_EXPIRED), ==, "expired");
  g_assert_cmpstr (myna_chain_result_to_string (MYNA_CHAIN_NOT_YET_VALID), ==, "not-yet-valid");
  g_assert_cmpstr (myna_chain_result_to_string (MYNA_CHAIN_UNKNOWN_CA), ==, "unknown-ca");
  g_assert_cmpstr (myna_chain_result_to_string (MYNA_CHAIN_BAD_SIGNATURE), ==, "bad-signature");
}

static void
test_chain_time (void)
{
  g_autoptr(GPtrArray) roots = roots_of ("auth-ca.der", "old-auth-ca.der", NULL);
  g_autoptr(GPtrArray) old_only = roots_of ("old-auth-ca.der", NULL);
  g_autoptr(MynaCertificate) old = load_cert ("old-auth-ca.der");
  g_autoptr(MynaCertificate) by_old = load_cert ("auth-by-old.der");
  g_autoptr(MynaCertificate) auth = load_cert ("auth.der");
  g_autoptr(GDateTime) now = script_time ();
  g_autoptr(GDateTime) before_start = offset (myna_certificate_get_not_before (auth), -1);
  g_autoptr(GDateTime) after_end = offset (myna_certificate_get_not_after (by_old), 1);

  /* The old root has expired but was valid when it issued auth-by-old, like gen 1. */
  g_assert_cmpint (g_date_time_compare (myna_certificate_get_not_after (old), now), <, 0);
  check_chain ("auth-by-old.der", roots, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth-by-old.der", old_only, NULL, now, MYNA_CHAIN_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth-by-old.der", NULL, "old-auth-ca.der", now, MYNA_CHAIN_VALID, MYNA_TRUST_CARD);
  check_chain ("auth-by-old.der", roots, NULL, after_end, MYNA_CHAIN_EXPIRED, MYNA_TRUST_BUNDLED);

  /* Validity of the end entity is judged at `now`, at the exact edges too. */
  check_chain ("auth.der", roots, NULL, before_start, MYNA_CHAIN_NOT_YET_VALID, MYNA_TRUST_BUNDLED);
  check_chain ("auth.der", roots, NULL, myna_certificate_get_not_before (auth), MYNA_CHAIN_VALID,
               MYNA_TRUST_BUNDLED);
  check_chain ("auth.der", roots, NULL, myna_certificate_get_not_after (auth), MYNA_CHAIN_VALID,
               MYNA_TRUST_BUNDLED);
}

static void
test_chain_made_here (void)
{
  X509 *auth_ca = load_x509 ("auth-ca.der");
  X509 *sign_ca = load_x509 ("sign-ca.der");
  X509 *auth = load_x509 ("auth.der");
  EVP_PKEY *auth_ca_key = load_key ("auth-ca.key.pem");
  EVP_PKEY *sign_ca_key = load_key ("sign-ca.key.pem");
  EVP_PKEY *auth_key = load_key ("auth.key.pem");
  g_autoptr(GPtrArray) roots = roots_of ("auth-ca.der", NULL);
  g_autoptr(MynaCertificate) ee = load_cert ("auth.der");
  g_autoptr(MynaCertificate) fake_ca = NULL;
  g_autoptr(MynaCertificate) early = NULL;
  g_autoptr(MynaCertificate) not_ca = NULL;
  g_autoptr(MynaCertificate) by_not_ca = NULL;
  g_autoptr(GPtrArray) not_ca_roots = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MynaTrustSource trust;

  /* A card "CA" with the right name and key that is not self-signed (signed by the signing
   * root) vouches for nothing. */
  fake_ca = make_cert (X509_get_subject_name (auth_ca), X509_get_subject_name (sign_ca),
                       auth_ca_key, sign_ca_key, -400 * DAY, 400 * DAY, TRUE, NULL);
  g_assert_false (myna_certificate_is_self_signed (fake_ca));
  g_assert_cmpint (myna_certificate_check_chain (ee, NULL, fake_ca, now, &trust), ==,
                   MYNA_CHAIN_UNKNOWN_CA);
  g_assert_cmpint (trust, ==, MYNA_TRUST_NONE);

  /* Issued before the root existed: that root cannot have issued it. */
  early = make_cert (X509_get_subject_name (auth), X509_get_subject_name (auth_ca),
                     auth_key, auth_ca_key, -800 * DAY, 400 * DAY, FALSE, NULL);
  g_assert_cmpint (myna_certificate_check_chain (early, roots, NULL, now, &trust), ==,
                   MYNA_CHAIN_UNKNOWN_CA);
  g_assert_cmpint (trust, ==, MYNA_TRUST_NONE);

  /* An end entity with a root's name is not an issuer. */
  {
    X509_EXTENSION *bc = X509V3_EXT_conf_nid (NULL, NULL, NID_basic_constraints, "critical,CA:FALSE");

    not_ca = make_cert (X509_get_subject_name (auth_ca), X509_get_subject_name (auth_ca),
                        auth_key, auth_key, -400 * DAY, 400 * DAY, FALSE, bc);
    X509_EXTENSION_free (bc);
  }
  by_not_ca = make_cert (X509_get_subject_name (auth), X509_get_subject_name (auth_ca),
                         auth_key, auth_key, -10 * DAY, 400 * DAY, FALSE, NULL);
  g_ptr_array_add (not_ca_roots, not_ca);
  g_assert_cmpint (myna_certificate_check_chain (by_not_ca, not_ca_roots, NULL, now, NULL), ==,
                   MYNA_CHAIN_UNKNOWN_CA);
  g_assert_cmpint (myna_certificate_check_chain (by_not_ca, NULL, not_ca, now, &trust), ==,
                   MYNA_CHAIN_UNKNOWN_CA);

  X509_free (auth_ca);
  X509_free (sign_ca);
  X509_free (auth);
  EVP_PKEY_free (auth_ca_key);
  EVP_PKEY_free (sign_ca_key);
  EVP_PKEY_free (auth_key);
}

/* ---- bundled J-LIS roots ---------------------------------------------------------------------- */

typedef struct
{
  char *file;
  char *serial;
  char *fingerprint;
} ReadmeRow;

/* The table rows of data/jpki-ca/README.md: | file | name | serial | valid | fingerprint | */
static GArray *
read_readme_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "jpki-ca",
                                                  "README.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (ReadmeRow));

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      ReadmeRow row;

      if (!g_str_has_prefix (lines[i], "| ") || strstr (lines[i], ".pem") == NULL)
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      row.file = g_strdup (g_strstrip (cells[1]));
      row.serial = g_strdup (g_strstrip (cells[3]));
      row.fingerprint = g_strdup (g_strstrip (cells[5]));
      g_array_append_val (rows, row);
    }
  return rows;
}

static void
test_bundled_roots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = myna_certificate_load_bundled_roots (&error);
  g_autoptr(GArray) rows = read_readme_table ();

  g_assert_no_error (error);
  g_assert_nonnull (roots);
  g_assert_cmpuint (roots->len, ==, 4);
  g_assert_cmpuint (rows->len, ==, 4);

  for (guint i = 0; i < rows->len; i++)
    {
      ReadmeRow *row = &g_array_index (rows, ReadmeRow, i);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "jpki-ca",
                                                      row->file, NULL);
      g_autofree char *pem = NULL;
      g_autoptr(MynaCertificate) from_file = NULL;
      MynaCertificate *bundled = NULL;
      g_autofree char *sha = NULL;

      g_file_get_contents (path, &pem, NULL, &error);
      g_assert_no_error (error);
      from_file = myna_certificate_new_from_pem (pem, -1, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < roots->len; j++)
        if (g_bytes_equal (myna_certificate_get_der (g_ptr_array_index (roots, j)),
                           myna_certificate_get_der (from_file)))
          bundled = g_ptr_array_index (roots, j);
      g_assert_nonnull (bundled);

      sha = myna_certificate_get_sha256_hex (bundled);
      g_assert_cmpstr (sha, ==, row->fingerprint);
      g_assert_cmpstr (myna_certificate_get_serial (bundled), ==, row->serial);
      g_assert_true (myna_certificate_is_self_signed (bundled));
      g_assert_cmpuint (myna_certificate_get_key_bits (bundled), ==, 2048);
      g_assert_true (g_str_has_prefix (myna_certificate_get_subject (bundled), "C=JP, O=JPKI, OU=JPKI for "));

      g_free (row->file);
      g_free (row->serial);
      g_free (row->fingerprint);
    }
}

static MynaCertificate *
bundled_by_serial (GPtrArray  *roots,
                   const char *subject_part,
                   const char *serial)
{
  for (guint i = 0; i < roots->len; i++)
    {
      MynaCertificate *c = g_ptr_array_index (roots, i);

      if (g_str_equal (myna_certificate_get_serial (c), serial)
          && strstr (myna_certificate_get_subject (c), subject_part) != NULL)
        return c;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_bundled_generations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = myna_certificate_load_bundled_roots (&error);
  g_autoptr(GDateTime) in_2020 = g_date_time_new_utc (2020, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) in_2030 = g_date_time_new_utc (2030, 6, 1, 0, 0, 0);
  MynaCertificate *auth1, *auth3, *sign1;
  MynaTrustSource trust = MYNA_TRUST_NONE;

  g_assert_no_error (error);
  auth1 = bundled_by_serial (roots, "user authentication", "01");
  auth3 = bundled_by_serial (roots, "user authentication", "06D18006");
  sign1 = bundled_by_serial (roots, "digital signature", "01");

  /* Generations share one name. */
  g_assert_cmpstr (myna_certificate_get_subject (auth1), ==, myna_certificate_get_subject (auth3));

  /* Gen 1 verifies what it issued before it expired (itself, in 2015): valid in 2020,
   * expired by 2030 but still BUNDLED. Gen 3 is found by signature past gen 1, which has
   * the same name and comes first. */
  g_assert_cmpint (myna_certificate_check_chain (auth1, roots, NULL, in_2020, &trust), ==,
                   MYNA_CHAIN_VALID);
  g_assert_cmpint (trust, ==, MYNA_TRUST_BUNDLED);
  g_assert_cmpint (myna_certificate_check_chain (sign1, roots, NULL, in_2030, &trust), ==,
                   MYNA_CHAIN_EXPIRED);
  g_assert_cmpint (trust, ==, MYNA_TRUST_BUNDLED);
  g_assert_cmpint (myna_certificate_check_chain (auth3, roots, NULL, in_2030, &trust), ==,
                   MYNA_CHAIN_VALID);
  g_assert_cmpint (trust, ==, MYNA_TRUST_BUNDLED);

  /* The JPKI-TEST chain is not trusted by the real roots. */
  {
    g_autoptr(MynaCertificate) auth = load_cert ("auth.der");
    g_autoptr(MynaCertificate) test_ca = load_cert ("auth-ca.der");

    g_assert_cmpint (myna_certificate_check_chain (auth, roots, NULL, NULL, &trust), ==,
                     MYNA_CHAIN_UNKNOWN_CA);
    g_assert_cmpint (trust, ==, MYNA_TRUST_NONE);
    g_assert_cmpint (myna_certificate_check_chain (auth, roots, test_ca, NULL, &trust), ==,
                     MYNA_CHAIN_VALID);
    g_assert_cmpint (trust, ==, MYNA_TRUST_CARD);
  }
}

static void
test_find_bundled_root (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = myna_certificate_load_bundled_roots (&error);
  g_autoptr(GBytes) test_ca = read_pki ("auth-ca.der");

  g_assert_no_error (error);
  for (guint i = 0; i < roots->len; i++)
    {
      MynaCertificate *root = g_ptr_array_index (roots, i);
      gsize len;
      const guint8 *der = g_bytes_get_data (myna_certificate_get_der (root), &len);
      g_autofree guint8 *changed = g_memdup2 (der, 256);
      g_autofree guint8 *longer = g_malloc (len + 1);

      g_assert_cmpuint (len, >, 256);
      g_assert_true (myna_certificate_find_bundled_root (roots, der, 256) == root);
      g_assert_true (myna_certificate_find_bundled_root (roots, der, len) == root);
      g_assert_null (myna_certificate_find_bundled_root (roots, der, 0));
      changed[200] ^= 0x01;
      g_assert_null (myna_certificate_find_bundled_root (roots, changed, 256));
      /* A prefix longer than the root is not that root, whatever follows. */
      memcpy (longer, der, len);
      longer[len] = 0x00;
      g_assert_null (myna_certificate_find_bundled_root (roots, longer, len + 1));
    }
  g_assert_null (myna_certificate_find_bundled_root (roots, g_bytes_get_data (test_ca, NULL), 256));
  g_assert_null (myna_certificate_find_bundled_root (NULL, g_bytes_get_data (test_ca, NULL), 256));
}

static void
test_new_destroy (void)
{
  MynaCertificate *cert = load_cert ("sign.der");

  g_object_add_weak_pointer (G_OBJECT (cert), (gpointer *) &cert);
  g_object_unref (cert);
  g_assert_null (cert);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate/new-destroy", test_new_destroy);
  g_test_add_func ("/certificate/getters", test_getters);
  g_test_add_func ("/certificate/validity", test_validity);
  g_test_add_func ("/certificate/utf8-names", test_utf8_names);
  g_test_add_func ("/certificate/pem", test_pem);
  g_test_add_func ("/certificate/self-signed", test_self_signed);
  g_test_add_func ("/certificate/text", test_text);
  g_test_add_func ("/certificate/garbage", test_garbage);
  g_test_add_func ("/certificate/personal-data", test_personal_data);
  g_test_add_func ("/certificate/personal-data/absent", test_personal_data_absent);
  g_test_add_func ("/certificate/personal-data/order-and-partial", test_personal_data_order_and_partial);
  g_test_add_func ("/certificate/personal-data/malformed-values", test_personal_data_malformed_values);
  g_test_add_func ("/certificate/personal-data/birth-dates", test_birth_dates);
  g_test_add_func ("/certificate/personal-data/broken-san", test_personal_data_broken_san);
  g_test_add_func ("/certificate/verify-signature", test_verify_signature);
  g_test_add_func ("/certificate/chain/results", test_chain_results);
  g_test_add_func ("/certificate/chain/time", test_chain_time);
  g_test_add_func ("/certificate/chain/made-here", test_chain_made_here);
  g_test_add_func ("/certificate/bundled/roots", test_bundled_roots);
  g_test_add_func ("/certificate/bundled/generations", test_bundled_generations);
  g_test_add_func ("/certificate/bundled/find", test_find_bundled_root);

  return g_test_run ();
}
