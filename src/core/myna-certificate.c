/* myna-certificate.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-certificate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "myna-certificate.h"
#include "myna-core-resources.h"
#include "myna-error.h"

#define JPKI_CA_RESOURCE_PATH "/io/github/mynassist/Mynassist/jpki-ca/"

/* The JPKI personal-data arc of spec §6.2: 1.2.392.200149.8.5.5.N */
#define JPKI_OID_NAME                "1.2.392.200149.8.5.5.1"
#define JPKI_OID_NAME_SUBSTITUTES    "1.2.392.200149.8.5.5.2"
#define JPKI_OID_SEX                 "1.2.392.200149.8.5.5.3"
#define JPKI_OID_BIRTH_DATE          "1.2.392.200149.8.5.5.4"
#define JPKI_OID_ADDRESS             "1.2.392.200149.8.5.5.5"
#define JPKI_OID_ADDRESS_SUBSTITUTES "1.2.392.200149.8.5.5.6"

/* Names print in certificate order ("C=JP, O=JPKI, …", as J-LIS documents them), with
 * RFC 2253 escaping but UTF-8 kept as it is so Japanese stays readable. */
#define NAME_FLAGS ((ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) \
                    | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN | XN_FLAG_DUMP_UNKNOWN_FIELDS)

struct _MynaCertificate
{
  GObject    parent_instance;

  X509      *x509;
  GBytes    *der;
  char      *subject;
  char      *issuer;
  char      *serial;
  GDateTime *not_before;
  GDateTime *not_after;
};

G_DEFINE_FINAL_TYPE (MynaCertificate, myna_certificate, G_TYPE_OBJECT)

/* OpenSSL leaves its reasons on a per-thread queue; clear them once handled so they do not
 * show up in an unrelated later check on the same (worker) thread. */
static void
set_malformed_error (GError **error)
{
  ERR_clear_error ();
  g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                       _("The electronic certificate could not be read because its data is "
                         "damaged. Insert the card again and retry."));
}

static void
set_empty_error (GError **error)
{
  g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                       _("The electronic certificate contains no data. Insert the card again "
                         "and retry."));
}

/* Drains a memory BIO into a UTF-8 string; invalid bytes are replaced, never passed on. */
static char *
bio_to_utf8 (BIO *bio)
{
  char *data = NULL;
  long len = BIO_get_mem_data (bio, &data);

  if (len <= 0 || data == NULL)
    return g_strdup ("");
  return g_utf8_make_valid (data, len);
}

static char *
name_to_string (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *result;

  if (bio == NULL)
    return g_strdup ("");
  if (name == NULL || X509_NAME_print_ex (bio, name, 0, NAME_FLAGS) < 0)
    {
      BIO_free (bio);
      return g_strdup ("");
    }
  result = bio_to_utf8 (bio);
  BIO_free (bio);
  return result;
}

static GDateTime *
asn1_time_to_date_time (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static char *
serial_to_hex (const ASN1_INTEGER *serial)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (serial, NULL);
  char *hex;
  char *result;

  if (bn == NULL)
    return g_strdup ("");
  hex = BN_bn2hex (bn);
  BN_free (bn);
  if (hex == NULL)
    return g_strdup ("");
  /* BN_bn2hex() prints whole bytes in upper case ("01", "06D18006"), as J-LIS lists them;
   * zero is the one exception it prints as "0". */
  result = g_strcmp0 (hex, "0") == 0 ? g_strdup ("00") : g_strdup (hex);
  OPENSSL_free (hex);
  return result;
}

/* Takes ownership of @x509 in every case. */
static MynaCertificate *
certificate_new_take (X509    *x509,
                      GError **error)
{
  g_autoptr(MynaCertificate) self = NULL;
  unsigned char *der = NULL;
  int der_len;

  der_len = i2d_X509 (x509, &der);
  if (der_len <= 0)
    {
      X509_free (x509);
      set_malformed_error (error);
      return NULL;
    }

  self = g_object_new (MYNA_TYPE_CERTIFICATE, NULL);
  self->x509 = x509;
  self->der = g_bytes_new (der, der_len);
  OPENSSL_free (der);

  self->subject = name_to_string (X509_get_subject_name (x509));
  self->issuer = name_to_string (X509_get_issuer_name (x509));
  self->serial = serial_to_hex (X509_get0_serialNumber (x509));
  self->not_before = asn1_time_to_date_time (X509_get0_notBefore (x509));
  self->not_after = asn1_time_to_date_time (X509_get0_notAfter (x509));

  if (self->not_before == NULL || self->not_after == NULL)
    {
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                           _("The validity period of the electronic certificate cannot be read."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* Returns the UTF-8 text of a directory-string-like value, or NULL. JPKI uses UTF8String;
 * PrintableString and IA5String are ASCII subsets and accepted too, anything else is not. */
static char *
asn1_type_to_utf8 (const ASN1_TYPE *value)
{
  const ASN1_STRING *str;
  const unsigned char *data;
  int len;

  if (value == NULL)
    return NULL;
  switch (ASN1_TYPE_get (value))
    {
    case V_ASN1_UTF8STRING:
      str = value->value.utf8string;
      break;
    case V_ASN1_PRINTABLESTRING:
      str = value->value.printablestring;
      break;
    case V_ASN1_IA5STRING:
      str = value->value.ia5string;
      break;
    default:
      return NULL;
    }
  if (str == NULL)
    return NULL;
  data = ASN1_STRING_get0_data (str);
  len = ASN1_STRING_length (str);
  if (data == NULL || len < 0)
    return NULL;
  if (!g_utf8_validate_len ((const char *) data, len, NULL) || memchr (data, '\0', len) != NULL)
    return NULL;
  return g_strndup ((const char *) data, len);
}

/* "EYYYYMMDD" (spec §6.2), era 0–5. Also takes a bare "YYYYMMDD" as era 0 (unknown). */
static gboolean
parse_jpki_birth_date (const char *value,
                       int        *era,
                       char      **iso)
{
  gsize len = strlen (value);
  const char *date = value;
  int e = 0;
  guint year, month, day;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;

  if (len == 9)
    {
      e = value[0] - '0';
      if (e > 5)
        return FALSE;
      date = value + 1;
    }
  else if (len != 8)
    return FALSE;

  year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
  month = (date[4] - '0') * 10 + (date[5] - '0');
  day = (date[6] - '0') * 10 + (date[7] - '0');
  if (year < 1 || month < 1 || month > 12 || day < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  *era = e;
  *iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

typedef enum
{
  ISSUER_OTHER_NAME,    /* not this certificate's issuer */
  ISSUER_BAD_SIGNATURE, /* right name, but its key did not sign the certificate */
  ISSUER_NOT_IN_TIME,   /* signed it, but the issuer was not valid when it was issued */
  ISSUER_OK,
} IssuerMatch;

static IssuerMatch
match_issuer (MynaCertificate *self,
              MynaCertificate *issuer)
{
  EVP_PKEY *key;

  if (X509_NAME_cmp (X509_get_subject_name (issuer->x509), X509_get_issuer_name (self->x509)) != 0)
    return ISSUER_OTHER_NAME;
  /* Only a CA certificate may issue; JPKI roots are CA:TRUE. */
  if (X509_check_ca (issuer->x509) == 0)
    return ISSUER_OTHER_NAME;
  key = X509_get0_pubkey (issuer->x509);
  if (key == NULL || X509_verify (self->x509, key) != 1)
    {
      ERR_clear_error ();
      return ISSUER_BAD_SIGNATURE;
    }
  /* All generations of a root share one name and the oldest has expired; what matters is
   * that the root was valid when it issued the certificate. */
  if (g_date_time_compare (self->not_before, issuer->not_before) < 0
      || g_date_time_compare (self->not_before, issuer->not_after) > 0)
    return ISSUER_NOT_IN_TIME;
  return ISSUER_OK;
}

static void
myna_certificate_finalize (GObject *object)
{
  MynaCertificate *self = MYNA_CERTIFICATE (object);

  X509_free (self->x509);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);

  G_OBJECT_CLASS (myna_certificate_parent_class)->finalize (object);
}

static void
myna_certificate_class_init (MynaCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = myna_certificate_finalize;
}

static void
myna_certificate_init (MynaCertificate *self)
{
}

/**
 * myna_certificate_new_from_der:
 * @der: a DER-encoded X.509 certificate; bytes after the end of the DER structure (filler
 *   read from a card file) are ignored
 * @error: return location for a #MYNA_CARD_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the certificate, or %NULL if @der is not a certificate
 */
MynaCertificate *
myna_certificate_new_from_der (GBytes  *der,
                               GError **error)
{
  const unsigned char *data;
  const unsigned char *p;
  gsize len = 0;
  X509 *x509;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = der != NULL ? g_bytes_get_data (der, &len) : NULL;
  if (data == NULL || len == 0 || len > G_MAXLONG)
    {
      set_empty_error (error);
      return NULL;
    }

  p = data;
  x509 = d2i_X509 (NULL, &p, (long) len);
  if (x509 == NULL)
    {
      set_malformed_error (error);
      return NULL;
    }
  if ((gsize) (p - data) < len)
    g_debug ("Ignoring %" G_GSIZE_FORMAT " bytes after the certificate", len - (gsize) (p - data));

  return certificate_new_take (x509, error);
}

/**
 * myna_certificate_new_from_pem:
 * @pem: PEM text ("-----BEGIN CERTIFICATE-----"); the first certificate is used
 * @len: length of @pem, or -1 if it is nul-terminated
 * @error: return location for a #MYNA_CARD_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the certificate, or %NULL
 */
MynaCertificate *
myna_certificate_new_from_pem (const char *pem,
                               gssize      len,
                               GError    **error)
{
  BIO *bio;
  X509 *x509;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pem == NULL)
    {
      set_empty_error (error);
      return NULL;
    }
  if (len < 0)
    len = strlen (pem);
  if (len == 0 || len > G_MAXINT)
    {
      set_empty_error (error);
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, (int) len);
  if (bio == NULL)
    {
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_FAILED,
                           _("Out of memory while reading an electronic certificate."));
      return NULL;
    }
  x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  BIO_free (bio);
  if (x509 == NULL)
    {
      set_malformed_error (error);
      return NULL;
    }

  return certificate_new_take (x509, error);
}

/**
 * myna_certificate_get_der:
 *
 * Returns: (transfer none): the certificate's DER encoding
 */
GBytes *
myna_certificate_get_der (MynaCertificate *self)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  return self->der;
}

/**
 * myna_certificate_get_pem:
 *
 * Returns: (transfer full): the certificate as PEM text
 */
char *
myna_certificate_get_pem (MynaCertificate *self)
{
  BIO *bio;
  char *result = NULL;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  bio = BIO_new (BIO_s_mem ());
  if (bio == NULL)
    return NULL;
  if (PEM_write_bio_X509 (bio, self->x509) == 1)
    result = bio_to_utf8 (bio);
  BIO_free (bio);
  return result;
}

/**
 * myna_certificate_get_subject:
 *
 * Returns: the subject DN in one line, in certificate order, e.g.
 *   "C=JP, O=JPKI, OU=JPKI for user authentication, OU=…", UTF-8
 */
const char *
myna_certificate_get_subject (MynaCertificate *self)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  return self->subject;
}

/**
 * myna_certificate_get_issuer:
 *
 * Returns: the issuer DN, formatted as myna_certificate_get_subject()
 */
const char *
myna_certificate_get_issuer (MynaCertificate *self)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  return self->issuer;
}

/**
 * myna_certificate_get_serial:
 *
 * Returns: the serial number in upper-case hex, whole bytes ("01", "0705D990")
 */
const char *
myna_certificate_get_serial (MynaCertificate *self)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  return self->serial;
}

/**
 * myna_certificate_get_not_before:
 *
 * Returns: (transfer none): the start of validity, in UTC
 */
GDateTime *
myna_certificate_get_not_before (MynaCertificate *self)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  return self->not_before;
}

/**
 * myna_certificate_get_not_after:
 *
 * Returns: (transfer none): the end of validity, in UTC
 */
GDateTime *
myna_certificate_get_not_after (MynaCertificate *self)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  return self->not_after;
}

/**
 * myna_certificate_get_days_left:
 * @now: (nullable): the reference time; %NULL for the current time
 *
 * Returns: whole days from @now until the end of validity, rounded down: 0 on the last day,
 *   negative once expired (-1 on the first day after)
 */
gint64
myna_certificate_get_days_left (MynaCertificate *self,
                                GDateTime       *now)
{
  g_autoptr(GDateTime) current = NULL;
  GTimeSpan diff;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), 0);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  diff = g_date_time_difference (self->not_after, now);
  if (diff >= 0)
    return diff / G_TIME_SPAN_DAY;
  return -((-diff + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
}

/**
 * myna_certificate_get_key_bits:
 *
 * Returns: the size of the public key in bits (2048 for JPKI), 0 if unknown
 */
guint
myna_certificate_get_key_bits (MynaCertificate *self)
{
  EVP_PKEY *key;
  int bits;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), 0);

  key = X509_get0_pubkey (self->x509);
  if (key == NULL)
    return 0;
  bits = EVP_PKEY_get_bits (key);
  return bits > 0 ? (guint) bits : 0;
}

/**
 * myna_certificate_get_key_usage:
 *
 * Returns: (transfer full): the key usage bits as RFC 5280 names separated by ", "
 *   ("digitalSignature, nonRepudiation"); "" when the certificate has no keyUsage extension
 */
char *
myna_certificate_get_key_usage (MynaCertificate *self)
{
  static const struct { guint32 bit; const char *name; } usages[] = {
    { KU_DIGITAL_SIGNATURE, "digitalSignature" },
    { KU_NON_REPUDIATION, "nonRepudiation" },
    { KU_KEY_ENCIPHERMENT, "keyEncipherment" },
    { KU_DATA_ENCIPHERMENT, "dataEncipherment" },
    { KU_KEY_AGREEMENT, "keyAgreement" },
    { KU_KEY_CERT_SIGN, "keyCertSign" },
    { KU_CRL_SIGN, "cRLSign" },
    { KU_ENCIPHER_ONLY, "encipherOnly" },
    { KU_DECIPHER_ONLY, "decipherOnly" },
  };
  GString *out;
  guint32 usage;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  out = g_string_new (NULL);
  /* X509_get_key_usage() also caches the extensions; without the extension every usage
   * is allowed, which is not the same as having all the bits, so report nothing. */
  usage = X509_get_key_usage (self->x509);
  if ((X509_get_extension_flags (self->x509) & EXFLAG_KUSAGE) == 0)
    return g_string_free (out, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (usages); i++)
    {
      if ((usage & usages[i].bit) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, usages[i].name);
    }
  return g_string_free (out, FALSE);
}

/**
 * myna_certificate_is_self_signed:
 *
 * Returns: %TRUE if subject and issuer match and the certificate's signature verifies
 *   under its own key
 */
gboolean
myna_certificate_is_self_signed (MynaCertificate *self)
{
  gboolean self_signed;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), FALSE);

  self_signed = X509_self_signed (self->x509, 1) == 1;
  ERR_clear_error ();
  return self_signed;
}

/**
 * myna_certificate_get_sha256_hex:
 *
 * Returns: (transfer full): the SHA-256 fingerprint of the DER, 64 upper-case hex digits
 */
char *
myna_certificate_get_sha256_hex (MynaCertificate *self)
{
  guchar md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  GString *out;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  if (X509_digest (self->x509, EVP_sha256 (), md, &md_len) != 1)
    return NULL;
  out = g_string_sized_new (md_len * 2);
  for (unsigned int i = 0; i < md_len; i++)
    g_string_append_printf (out, "%02X", md[i]);
  return g_string_free (out, FALSE);
}

/**
 * myna_jpki_personal_data_free:
 * @data: (nullable): personal data, freed
 */
void
myna_jpki_personal_data_free (MynaJpkiPersonalData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_free (data->name_substitutes);
  g_free (data->sex);
  g_free (data->birth_date);
  g_free (data->address);
  g_free (data->address_substitutes);
  g_free (data);
}

/**
 * myna_certificate_get_personal_data:
 *
 * Decodes the JPKI otherNames of the subjectAltName (spec §6.2) in whatever order they come.
 * Fields that are absent or malformed stay %NULL (birth_era -1); a SAN that cannot be parsed
 * counts as absent.
 *
 * Returns: (transfer full) (nullable): the personal data, or %NULL if the certificate carries
 *   none of the JPKI fields (the authentication certificate, CA certificates)
 */
MynaJpkiPersonalData *
myna_certificate_get_personal_data (MynaCertificate *self)
{
  g_autoptr(MynaJpkiPersonalData) data = NULL;
  GENERAL_NAMES *names;
  gboolean found = FALSE;
  int crit = 0;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  names = X509_get_ext_d2i (self->x509, NID_subject_alt_name, &crit, NULL);
  if (names == NULL)
    {
      ERR_clear_error ();
      /* crit -2: several SAN extensions, also not something to trust. */
      if (crit != -1)
        g_debug ("The subjectAltName cannot be decoded (%d)", crit);
      return NULL;
    }

  data = g_new0 (MynaJpkiPersonalData, 1);
  data->birth_era = -1;

  for (int i = 0; i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *gn = sk_GENERAL_NAME_value (names, i);
      char oid[80];
      char *value;
      char **slot = NULL;

      if (gn == NULL || gn->type != GEN_OTHERNAME || gn->d.otherName == NULL)
        continue;
      if (OBJ_obj2txt (oid, sizeof oid, gn->d.otherName->type_id, 1) <= 0
          || !g_str_has_prefix (oid, "1.2.392.200149.8.5.5."))
        continue;
      found = TRUE;

      value = asn1_type_to_utf8 (gn->d.otherName->value);
      if (value == NULL)
        {
          g_debug ("Ignoring JPKI field %s: not a character string", oid);
          continue;
        }

      if (g_str_equal (oid, JPKI_OID_NAME))
        slot = &data->name;
      else if (g_str_equal (oid, JPKI_OID_NAME_SUBSTITUTES))
        slot = &data->name_substitutes;
      else if (g_str_equal (oid, JPKI_OID_SEX))
        slot = &data->sex;
      else if (g_str_equal (oid, JPKI_OID_ADDRESS))
        slot = &data->address;
      else if (g_str_equal (oid, JPKI_OID_ADDRESS_SUBSTITUTES))
        slot = &data->address_substitutes;
      else if (g_str_equal (oid, JPKI_OID_BIRTH_DATE))
        {
          int era;
          char *iso = NULL;

          if (parse_jpki_birth_date (value, &era, &iso))
            {
              g_free (data->birth_date);
              data->birth_date = iso;
              data->birth_era = era;
            }
          else
            g_debug ("Ignoring a malformed JPKI birth date");
        }

      if (slot != NULL)
        {
          /* A repeated field: keep the last, as there is no better rule. */
          g_free (*slot);
          *slot = g_steal_pointer (&value);
        }
      g_free (value);
    }

  GENERAL_NAMES_free (names);

  if (!found)
    return NULL;
  return g_steal_pointer (&data);
}

/**
 * myna_certificate_to_text:
 *
 * Returns: (transfer full): a human-readable dump: a summary (with the decoded JPKI fields,
 *   which OpenSSL cannot print) followed by OpenSSL's full text form
 */
char *
myna_certificate_to_text (MynaCertificate *self)
{
  g_autoptr(MynaJpkiPersonalData) pd = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;
  GString *out;
  BIO *bio;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), NULL);

  usage = myna_certificate_get_key_usage (self);
  fingerprint = myna_certificate_get_sha256_hex (self);
  not_before = g_date_time_format_iso8601 (self->not_before);
  not_after = g_date_time_format_iso8601 (self->not_after);

  out = g_string_new (NULL);
  g_string_append_printf (out, "Subject: %s\n", self->subject);
  g_string_append_printf (out, "Issuer: %s\n", self->issuer);
  g_string_append_printf (out, "Serial: %s\n", self->serial);
  g_string_append_printf (out, "Not before: %s\n", not_before);
  g_string_append_printf (out, "Not after: %s\n", not_after);
  g_string_append_printf (out, "Key: %u bits\n", myna_certificate_get_key_bits (self));
  g_string_append_printf (out, "Key usage: %s\n", usage);
  g_string_append_printf (out, "SHA-256: %s\n", fingerprint ? fingerprint : "");

  pd = myna_certificate_get_personal_data (self);
  if (pd != NULL)
    {
      g_string_append (out, "JPKI personal data:\n");
      if (pd->name != NULL)
        g_string_append_printf (out, "  Name: %s\n", pd->name);
      if (pd->name_substitutes != NULL)
        g_string_append_printf (out, "  Name substitute characters: %s\n", pd->name_substitutes);
      if (pd->sex != NULL)
        g_string_append_printf (out, "  Sex: %s\n", pd->sex);
      if (pd->birth_date != NULL)
        g_string_append_printf (out, "  Birth date: %s (era %d)\n", pd->birth_date, pd->birth_era);
      if (pd->address != NULL)
        g_string_append_printf (out, "  Address: %s\n", pd->address);
      if (pd->address_substitutes != NULL)
        g_string_append_printf (out, "  Address substitute characters: %s\n",
                                pd->address_substitutes);
    }

  bio = BIO_new (BIO_s_mem ());
  if (bio != NULL)
    {
      if (X509_print_ex (bio, self->x509, NAME_FLAGS, 0) == 1)
        {
          g_autofree char *dump = bio_to_utf8 (bio);

          g_string_append_c (out, '\n');
          g_string_append (out, dump);
        }
      BIO_free (bio);
      /* Printing an undecodable extension leaves reasons behind. */
      ERR_clear_error ();
    }

  return g_string_free (out, FALSE);
}

/**
 * myna_certificate_verify_signature:
 * @digest_info: the DER DigestInfo that was signed (what the card's COMPUTE DIGITAL
 *   SIGNATURE receives)
 * @signature: the signature
 *
 * Checks an RSASSA-PKCS1-v1_5 signature over @digest_info with the certificate's public key.
 *
 * Returns: %TRUE if it verifies
 */
gboolean
myna_certificate_verify_signature (MynaCertificate *self,
                                   const guint8    *digest_info,
                                   gsize            digest_info_len,
                                   const guint8    *signature,
                                   gsize            signature_len)
{
  EVP_PKEY *key;
  EVP_PKEY_CTX *ctx;
  gboolean ok = FALSE;

  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), FALSE);

  if (digest_info == NULL || digest_info_len == 0 || signature == NULL || signature_len == 0)
    return FALSE;

  key = X509_get0_pubkey (self->x509);
  if (key == NULL || EVP_PKEY_get_base_id (key) != EVP_PKEY_RSA)
    return FALSE;

  ctx = EVP_PKEY_CTX_new (key, NULL);
  if (ctx == NULL)
    return FALSE;
  /* No signature digest is set: with PKCS#1 v1.5 padding OpenSSL then compares the
   * recovered block with the given DigestInfo as it is, which is what the card signs. */
  if (EVP_PKEY_verify_init (ctx) == 1
      && EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING) == 1)
    ok = EVP_PKEY_verify (ctx, signature, signature_len, digest_info, digest_info_len) == 1;
  EVP_PKEY_CTX_free (ctx);
  ERR_clear_error ();
  return ok;
}

/**
 * myna_certificate_load_bundled_roots:
 * @error: return location for an error
 *
 * Loads the J-LIS roots shipped in the GResource (data/jpki-ca/), sorted by file name.
 *
 * Returns: (transfer full) (element-type MynaCertificate): the roots
 */
GPtrArray *
myna_certificate_load_bundled_roots (GError **error)
{
  g_autoptr(GPtrArray) roots = NULL;
  g_auto(GStrv) names = NULL;
  GResource *resource;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Referencing the resource directly also keeps the linker from dropping it out of the
   * static library, which would leave its constructor unregistered. */
  resource = myna_core_get_resource ();
  names = g_resource_enumerate_children (resource, JPKI_CA_RESOURCE_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  n = g_strv_length (names);
  qsort (names, n, sizeof (char *), compare_names);

  roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      MynaCertificate *root;
      const char *data;
      gsize len;

      if (!g_str_has_suffix (names[i], ".pem"))
        continue;
      path = g_strconcat (JPKI_CA_RESOURCE_PATH, names[i], NULL);
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      root = myna_certificate_new_from_pem (data, len, error);
      if (root == NULL)
        {
          g_prefix_error (error, "%s: ", names[i]);
          return NULL;
        }
      g_ptr_array_add (roots, root);
    }

  return g_steal_pointer (&roots);
}

/**
 * myna_chain_result_to_string:
 *
 * Returns: the stable token used in JSON: "valid", "expired", "not-yet-valid",
 *   "unknown-ca" or "bad-signature"
 */
const char *
myna_chain_result_to_string (MynaChainResult result)
{
  switch (result)
    {
    case MYNA_CHAIN_VALID:
      return "valid";
    case MYNA_CHAIN_EXPIRED:
      return "expired";
    case MYNA_CHAIN_NOT_YET_VALID:
      return "not-yet-valid";
    case MYNA_CHAIN_UNKNOWN_CA:
      return "unknown-ca";
    case MYNA_CHAIN_BAD_SIGNATURE:
      return "bad-signature";
    default:
      return "unknown-ca";
    }
}

/**
 * myna_chain_result_get_label:
 *
 * Returns: the result in a few words for people, translated ("expired"); the CLI and the
 * diagnostics report use the same words. myna_chain_result_to_string() is for JSON.
 */
const char *
myna_chain_result_get_label (MynaChainResult result)
{
  switch (result)
    {
    case MYNA_CHAIN_VALID:
      return C_("certificate check", "valid");
    case MYNA_CHAIN_EXPIRED:
      return _("expired");
    case MYNA_CHAIN_NOT_YET_VALID:
      return _("not valid yet");
    case MYNA_CHAIN_UNKNOWN_CA:
      return _("issuer unknown");
    case MYNA_CHAIN_BAD_SIGNATURE:
      return _("signature does not match the issuer");
    default:
      return _("issuer unknown");
    }
}

/**
 * myna_certificate_check_chain:
 * @roots: (nullable) (element-type MynaCertificate): trusted roots, usually from
 *   myna_certificate_load_bundled_roots()
 * @card_ca: (nullable): the CA certificate read from the card
 * @now: (nullable): the time to check validity against; %NULL for the current time
 * @trust: (out) (optional): which issuer was used
 *
 * Checks that @self was signed by one of @roots (the issuer is picked by signature, as every
 * generation of a J-LIS root has the same name) or, failing that, by @card_ca if that is a
 * self-signed CA whose own signature verifies (a generation-2 root that is not bundled);
 * the issuer must have been valid at @self's notBefore. Then checks @self's validity at @now.
 * Revocation is not checked (JPKI has no public revocation service).
 *
 * Returns: the result; *@trust is %MYNA_TRUST_NONE unless the issuer's signature verified
 */
MynaChainResult
myna_certificate_check_chain (MynaCertificate *self,
                              GPtrArray       *roots,
                              MynaCertificate *card_ca,
                              GDateTime       *now,
                              MynaTrustSource *trust)
{
  g_autoptr(GDateTime) current = NULL;
  MynaTrustSource source = MYNA_TRUST_NONE;
  gboolean name_known = FALSE;
  gboolean signed_out_of_time = FALSE;

  if (trust != NULL)
    *trust = MYNA_TRUST_NONE;
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (self), MYNA_CHAIN_UNKNOWN_CA);
  g_return_val_if_fail (card_ca == NULL || MYNA_IS_CERTIFICATE (card_ca), MYNA_CHAIN_UNKNOWN_CA);

  for (guint i = 0; roots != NULL && i < roots->len && source == MYNA_TRUST_NONE; i++)
    {
      MynaCertificate *root = g_ptr_array_index (roots, i);

      switch (match_issuer (self, root))
        {
        case ISSUER_OK:
          source = MYNA_TRUST_BUNDLED;
          break;
        case ISSUER_NOT_IN_TIME:
          signed_out_of_time = TRUE;
          name_known = TRUE;
          break;
        case ISSUER_BAD_SIGNATURE:
          name_known = TRUE;
          break;
        case ISSUER_OTHER_NAME:
        default:
          break;
        }
    }

  /* The card's own CA is only a fallback, and only if it at least vouches for itself. */
  if (source == MYNA_TRUST_NONE && card_ca != NULL)
    {
      IssuerMatch match = ISSUER_OTHER_NAME;

      if (myna_certificate_is_self_signed (card_ca))
        match = match_issuer (self, card_ca);
      else
        g_debug ("The card's CA certificate is not self-signed; not trusted");

      if (match == ISSUER_OK)
        source = MYNA_TRUST_CARD;
      else if (match == ISSUER_NOT_IN_TIME)
        signed_out_of_time = name_known = TRUE;
      else if (match == ISSUER_BAD_SIGNATURE)
        name_known = TRUE;
    }

  if (source == MYNA_TRUST_NONE)
    {
      /* A root that signed it but was not valid at the time cannot have issued it. */
      if (signed_out_of_time || !name_known)
        return MYNA_CHAIN_UNKNOWN_CA;
      return MYNA_CHAIN_BAD_SIGNATURE;
    }

  if (trust != NULL)
    *trust = source;

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();
  if (g_date_time_compare (now, self->not_before) < 0)
    return MYNA_CHAIN_NOT_YET_VALID;
  if (g_date_time_compare (now, self->not_after) > 0)
    return MYNA_CHAIN_EXPIRED;
  return MYNA_CHAIN_VALID;
}

/**
 * myna_certificate_find_bundled_root:
 * @roots: (element-type MynaCertificate): roots to search
 * @der_prefix: the first bytes of a certificate's DER (e.g. the first chunk read off a card)
 * @prefix_len: length of @der_prefix; 0 never matches
 *
 * Lets a reader stop reading a CA certificate as soon as its beginning identifies a bundled
 * root. Prefixes shorter than the certificate can in principle be shared by two roots; the
 * first one in @roots wins, so pass enough bytes (256 cover the serial, names and validity).
 *
 * Returns: (transfer none) (nullable): the root whose DER starts with @der_prefix
 */
MynaCertificate *
myna_certificate_find_bundled_root (GPtrArray    *roots,
                                    const guint8 *der_prefix,
                                    gsize         prefix_len)
{
  if (roots == NULL || der_prefix == NULL || prefix_len == 0)
    return NULL;

  for (guint i = 0; i < roots->len; i++)
    {
      MynaCertificate *root = g_ptr_array_index (roots, i);
      gsize len;
      const guint8 *der = g_bytes_get_data (root->der, &len);

      if (len >= prefix_len && memcmp (der, der_prefix, prefix_len) == 0)
        return root;
    }
  return NULL;
}
