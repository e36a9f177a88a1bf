/* myna-virtual-card.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-virtual-card"

#include "config.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "myna-virtual-card.h"

/* The card model of spec/jpki-card.md §9. Choices where the spec says [U] are listed in
 * docs/virtual-card.md; keep the two in step. */

#define SW_OK                 0x9000
#define SW_WRONG_LENGTH       0x6700
#define SW_CHANNEL            0x6881
#define SW_SM                 0x6882
#define SW_CHAINING           0x6884
#define SW_INCOMPATIBLE_FILE  0x6981
#define SW_SECURITY_STATUS    0x6982
#define SW_BLOCKED            0x6984
#define SW_CONDITIONS         0x6985
#define SW_NO_CURRENT_EF      0x6986
#define SW_SM_DATA_OBJECTS    0x69FC
#define SW_WRONG_DATA         0x6A80
#define SW_NOT_FOUND          0x6A82
#define SW_WRONG_P1P2         0x6A86
#define SW_END_OF_FILE        0x6B00
#define SW_INS                0x6D00
#define SW_CLA                0x6E00
#define SW_NO_DIAGNOSIS       0x6F00

/* Certificate EFs are allocated larger than any certificate and padded with FF, so clients
 * that read in whole 256-byte blocks until 6B 00 are exercised too. */
#define CERT_EF_SIZE          2048
#define TOKEN_EF_SIZE         160
#define BASIC4_EF_SIZE        512
#define MAX_PIN_LEN           16

typedef enum
{
  KEY_AUTH,
  KEY_SIGN,
  KEY_CARD_INFO,
  KEY_CARD_INFO_A,
  KEY_CARD_INFO_B,
  KEY_CARD_INFO_0012,
  KEY_JUKI,
  N_KEYS
} KeyId;

typedef struct
{
  const char *name;
  guint       default_max;
  gsize       min_len;
  gsize       max_len;
} KeyInfo;

static const KeyInfo key_info[N_KEYS] = {
  [KEY_AUTH]           = { "auth", 3, 4, 4 },
  [KEY_SIGN]           = { "sign", 5, 6, 16 },
  [KEY_CARD_INFO]      = { "card-info", 3, 4, 4 },
  [KEY_CARD_INFO_A]    = { "card-info-a", 3, 12, 12 },
  [KEY_CARD_INFO_B]    = { "card-info-b", 3, 14, 14 },
  [KEY_CARD_INFO_0012] = { "card-info-0012", 3, 4, 4 },
  [KEY_JUKI]           = { "juki", 3, 4, 4 },
};

typedef struct
{
  gboolean present;                 /* FALSE: the EF does not exist (SELECT gives 6A 82) */
  gboolean has_value;               /* FALSE: no reference data, the key answers as blocked */
  guint8   value[MAX_PIN_LEN];
  gsize    value_len;
  guint8   profile_value[MAX_PIN_LEN];
  gsize    profile_value_len;
  guint    max;
  guint    tries;
  gboolean verified;
} Key;

typedef enum
{
  EF_BINARY,                        /* transparent EF with content */
  EF_PIN,                           /* key reference: VERIFY / CHANGE REFERENCE DATA target */
  EF_PRIVATE_KEY,                   /* signing key: COMPUTE DIGITAL SIGNATURE */
  EF_OPAQUE,                        /* exists on the real card, content not modelled */
} EfKind;

typedef struct
{
  guint16   fid;
  EfKind    kind;
  GBytes   *content;                /* EF_BINARY */
  int       key;                    /* EF_PIN: the key; EF_PRIVATE_KEY: the key that unlocks it */
  int       protect[2];             /* EF_BINARY: readable once one of these is verified; -1 = none */
  EVP_PKEY *pkey;                   /* EF_PRIVATE_KEY; NULL when the card holds no such key */
} Ef;

typedef struct
{
  const char   *name;
  guint8        aid[16];
  gsize         aid_len;
  GArray       *efs;                /* of Ef */
} Df;

typedef enum
{
  DF_JPKI,
  DF_CARD_INFO,
  DF_SURFACE,
  DF_JUKI_0100,
  DF_JUKI_0401,
  DF_GP_ISD,
  N_DFS
} DfId;

#define DF_NONE (-1)
#define EF_NONE (-1)

struct _MynaVirtualCard
{
  GObject   parent_instance;

  GMutex    mutex;

  GBytes   *atr;
  Df        dfs[N_DFS];
  Key       keys[N_KEYS];

  /* [behaviour] switches */
  guint     latency_ms;
  gboolean  verified_query_ok;
  gboolean  sticky_reset;
  gboolean  power_up_6f00;
  gboolean  t0_get_response;
  gboolean  exact_le;
  gboolean  foreign_card;           /* [behaviour] foreign-card: no My Number application */

  /* volatile card state */
  gboolean  powered;
  gboolean  answered_since_power_up;
  int       df;                     /* DfId or DF_NONE (the GP ISD after power-up) */
  int       ef;                     /* index into dfs[df].efs or EF_NONE */

  GBytes   *pending;                /* response data waiting for GET RESPONSE (t0-get-response) */
  gsize     pending_offset;

  char     *state_path;
  guint     command_count;
  guint     verify_count;
};

G_DEFINE_FINAL_TYPE (MynaVirtualCard, myna_virtual_card, G_TYPE_OBJECT)

static const guint8 aid_jpki[] = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };
static const guint8 aid_card_info[] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08 };
static const guint8 aid_surface[] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 };
static const guint8 aid_juki_0100[] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00 };
static const guint8 aid_juki_0401[] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01 };
static const guint8 aid_gp_isd[] = { 0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00 };

static const guint8 default_atr[] = { 0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14 };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static void
wipe (void   *data,
      gsize   len)
{
  if (data != NULL && len > 0)
    OPENSSL_cleanse (data, len);
}

static void
wipe_string (char *s)
{
  if (s != NULL)
    wipe (s, strlen (s));
  g_free (s);
}

static int
key_from_name (const char *name)
{
  for (int i = 0; i < N_KEYS; i++)
    if (g_strcmp0 (key_info[i].name, name) == 0)
      return i;
  return -1;
}

static gsize
put_sw (guint8 *response,
        gsize   response_size,
        gsize   data_len,
        guint   sw)
{
  if (response_size < data_len + 2)
    return 0;
  response[data_len] = (sw >> 8) & 0xFF;
  response[data_len + 1] = sw & 0xFF;
  return data_len + 2;
}

static void
df_add_ef (Df      *df,
           guint16  fid,
           EfKind   kind,
           GBytes  *content,
           int      key,
           int      protect0,
           int      protect1,
           EVP_PKEY *pkey)
{
  Ef ef = { fid, kind, content, key, { protect0, protect1 }, pkey };

  g_array_append_val (df->efs, ef);
}

static void
ef_clear (gpointer data)
{
  Ef *ef = data;

  g_clear_pointer (&ef->content, g_bytes_unref);
  g_clear_pointer (&ef->pkey, EVP_PKEY_free);
}

static void
df_init (Df           *df,
         const char   *name,
         const guint8 *aid,
         gsize         aid_len)
{
  df->name = name;
  memcpy (df->aid, aid, aid_len);
  df->aid_len = aid_len;
  df->efs = g_array_new (FALSE, TRUE, sizeof (Ef));
  g_array_set_clear_func (df->efs, ef_clear);
}

static int
df_find_ef (Df      *df,
            guint16  fid)
{
  for (guint i = 0; i < df->efs->len; i++)
    if (g_array_index (df->efs, Ef, i).fid == fid)
      return (int) i;
  return EF_NONE;
}

static Ef *
current_ef (MynaVirtualCard *self)
{
  if (self->df == DF_NONE || self->ef == EF_NONE)
    return NULL;
  return &g_array_index (self->dfs[self->df].efs, Ef, self->ef);
}

static void
clear_security_status (MynaVirtualCard *self)
{
  for (int i = 0; i < N_KEYS; i++)
    self->keys[i].verified = FALSE;
}

static gboolean
key_blocked (const Key *key)
{
  return !key->has_value || key->tries == 0;
}

/* Constant-time compare, so even the virtual card does not leak how much of a PIN matched. */
static gboolean
key_matches (const Key    *key,
             const guint8 *data,
             gsize         len)
{
  return key->has_value && len == key->value_len && CRYPTO_memcmp (key->value, data, len) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Profile loading                                                                            */

static char *
profile_file (const char *profile_dir,
              const char *name)
{
  if (g_path_is_absolute (name))
    return g_strdup (name);
  return g_build_filename (profile_dir, name, NULL);
}

/* Loads a certificate (DER, or PEM for convenience) and returns its DER. */
static GBytes *
load_certificate (const char  *path,
                  X509       **out_x509,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  X509 *x509 = NULL;
  unsigned char *der = NULL;
  int der_len;
  GBytes *bytes;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  if (len > 10 && g_str_has_prefix (contents, "-----BEGIN"))
    {
      BIO *bio = BIO_new_mem_buf (contents, (int) len);

      x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
      BIO_free (bio);
    }
  else
    {
      const unsigned char *p = (const unsigned char *) contents;

      x509 = d2i_X509 (NULL, &p, (long) len);
    }

  if (x509 == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not an X.509 certificate", path);
      return NULL;
    }

  der_len = i2d_X509 (x509, &der);
  if (der_len <= 0)
    {
      X509_free (x509);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s cannot be encoded as DER", path);
      return NULL;
    }
  bytes = g_bytes_new (der, (gsize) der_len);
  OPENSSL_free (der);

  if (out_x509 != NULL)
    *out_x509 = x509;
  else
    X509_free (x509);
  return bytes;
}

static EVP_PKEY *
load_private_key (const char  *path,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  BIO *bio;
  EVP_PKEY *pkey;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  bio = BIO_new_mem_buf (contents, (int) len);
  pkey = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  wipe (contents, len);

  if (pkey == NULL || EVP_PKEY_get_base_id (pkey) != EVP_PKEY_RSA)
    {
      g_clear_pointer (&pkey, EVP_PKEY_free);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a PEM RSA private key", path);
      return NULL;
    }
  return pkey;
}

/* The EF as the card stores it: the DER followed by FF filler (only filler when absent). */
static GBytes *
padded_ef (GBytes *der,
           gsize   min_size)
{
  gsize der_len = der != NULL ? g_bytes_get_size (der) : 0;
  gsize size = MAX (min_size, ((der_len + 16 + 255) / 256) * 256);
  guint8 *buf = g_malloc (size);

  memset (buf, 0xFF, size);
  if (der_len > 0)
    memcpy (buf, g_bytes_get_data (der, NULL), der_len);
  return g_bytes_new_take (buf, size);
}

static gboolean
load_key (MynaVirtualCard  *self,
          GKeyFile         *profile,
          const char       *group,
          KeyId             id,
          const char       *fallback_pin,
          GError          **error)
{
  Key *key = &self->keys[id];
  char *pin = NULL;
  g_autoptr(GError) local_error = NULL;
  int remaining;

  key->present = TRUE;
  key->max = key_info[id].default_max;

  if (group != NULL && g_key_file_has_group (profile, group))
    {
      pin = g_key_file_get_string (profile, group, "pin", NULL);
      if (g_key_file_has_key (profile, group, "max", NULL))
        {
          int max = g_key_file_get_integer (profile, group, "max", &local_error);

          if (local_error != NULL || max < 1 || max > 15)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "[%s] max must be 1–15", group);
              wipe_string (pin);
              return FALSE;
            }
          key->max = (guint) max;
        }
    }
  if (pin == NULL && fallback_pin != NULL)
    pin = g_strdup (fallback_pin);

  key->tries = key->max;
  if (group != NULL && g_key_file_has_key (profile, group, "remaining", NULL))
    {
      remaining = g_key_file_get_integer (profile, group, "remaining", &local_error);
      if (local_error != NULL || remaining < 0 || (guint) remaining > key->max)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] remaining must be 0–%u", group, key->max);
          wipe_string (pin);
          return FALSE;
        }
      key->tries = (guint) remaining;
    }

  if (pin != NULL)
    {
      gsize len = strlen (pin);

      if (len == 0 || len > MAX_PIN_LEN)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] pin must have 1–%d characters", group, MAX_PIN_LEN);
          wipe_string (pin);
          return FALSE;
        }
      memcpy (key->value, pin, len);
      key->value_len = len;
      memcpy (key->profile_value, pin, len);
      key->profile_value_len = len;
      key->has_value = TRUE;
    }
  wipe_string (pin);
  return TRUE;
}

/* Loads [auth] or [sign]: certificate, key and CA. A missing certificate means the card was
 * issued without it: the EFs still exist but hold only filler. */
static gboolean
load_jpki_section (MynaVirtualCard  *self,
                   GKeyFile         *profile,
                   const char       *profile_dir,
                   const char       *group,
                   GBytes          **out_cert,
                   GBytes          **out_ca,
                   EVP_PKEY        **out_pkey,
                   GError          **error)
{
  g_autofree char *cert_name = g_key_file_get_string (profile, group, "certificate", NULL);
  g_autofree char *key_name = g_key_file_get_string (profile, group, "key", NULL);
  g_autofree char *ca_name = g_key_file_get_string (profile, group, "ca", NULL);
  X509 *x509 = NULL;

  if (ca_name != NULL && *ca_name != '\0')
    {
      g_autofree char *path = profile_file (profile_dir, ca_name);

      *out_ca = load_certificate (path, NULL, error);
      if (*out_ca == NULL)
        return FALSE;
    }

  if (cert_name != NULL && *cert_name != '\0')
    {
      g_autofree char *path = profile_file (profile_dir, cert_name);

      *out_cert = load_certificate (path, &x509, error);
      if (*out_cert == NULL)
        return FALSE;
    }

  if (key_name != NULL && *key_name != '\0')
    {
      g_autofree char *path = profile_file (profile_dir, key_name);

      *out_pkey = load_private_key (path, error);
      if (*out_pkey == NULL)
        {
          X509_free (x509);
          return FALSE;
        }
      /* A key that does not match the certificate would make every signature test fail
       * in a confusing way; refuse the profile instead. */
      if (x509 != NULL && EVP_PKEY_eq (X509_get0_pubkey (x509), *out_pkey) != 1)
        {
          X509_free (x509);
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] key does not match the certificate", group);
          return FALSE;
        }
    }

  X509_free (x509);
  return TRUE;
}

static GBytes *
make_token_ef (const char *label,
               const char *serial)
{
  guint8 *buf = g_malloc (TOKEN_EF_SIZE);
  guint8 *p = buf;
  static const char manufacturer[] = "Mynassist virtual card";
  static const char model[] = "JPKI-TEST";

  /* CK_TOKEN_INFO with 4-byte big-endian CK_ULONGs (spec §2.3). */
  memset (buf, ' ', 32 + 32 + 16 + 16);
  memcpy (p, label, MIN (strlen (label), 32));
  p += 32;
  memcpy (p, manufacturer, strlen (manufacturer));
  p += 32;
  memcpy (p, model, strlen (model));
  p += 16;
  memcpy (p, serial, MIN (strlen (serial), 16));
  p += 16;

#define PUT32(v) G_STMT_START { guint32 v_ = (v); p[0] = v_ >> 24; p[1] = v_ >> 16; \
                                p[2] = v_ >> 8; p[3] = v_; p += 4; } G_STMT_END
  PUT32 (0x0000040D);               /* flags */
  PUT32 (0);                        /* max sessions */
  PUT32 (0xFFFFFFFF);               /* sessions */
  PUT32 (0);                        /* max RW sessions */
  PUT32 (0xFFFFFFFF);               /* RW sessions */
  PUT32 (16);                       /* max PIN length */
  PUT32 (6);                        /* min PIN length */
  PUT32 (0xFFFFFFFF);               /* total public memory */
  PUT32 (0xFFFFFFFF);               /* free public memory */
  PUT32 (0xFFFFFFFF);               /* total private memory */
  PUT32 (0xFFFFFFFF);               /* free private memory */
#undef PUT32
  memcpy (p, "0301", 4);            /* hardware and firmware version, as observed */
  p += 4;
  memset (p, ' ', 16);              /* utcTime: not available */
  p += 16;
  g_assert (p == buf + TOKEN_EF_SIZE);

  return g_bytes_new_take (buf, TOKEN_EF_SIZE);
}

static void
append_tlv (GByteArray   *out,
            guint8        tag0,
            guint8        tag1,
            const guint8 *value,
            gsize         len)
{
  guint8 header[5];
  gsize n = 0;

  header[n++] = tag0;
  header[n++] = tag1;
  if (len < 0x80)
    header[n++] = (guint8) len;
  else if (len < 0x100)
    {
      header[n++] = 0x81;
      header[n++] = (guint8) len;
    }
  else
    {
      header[n++] = 0x82;
      header[n++] = (guint8) (len >> 8);
      header[n++] = (guint8) len;
    }
  g_byte_array_append (out, header, (guint) n);
  if (len > 0)
    g_byte_array_append (out, value, (guint) len);
}

static gsize
tlv_header_len (gsize len)
{
  return 2 + (len < 0x80 ? 1 : len < 0x100 ? 2 : 3);
}

/* EF 0002 of the 券面事項入力補助AP, spec §7.2 (TV10 is one instance). */
static GBytes *
make_basic4_ef (const char *name,
                const char *address,
                const char *birthdate,
                const char *sex)
{
  gsize name_len = strlen (name), address_len = strlen (address);
  gsize birth_len = strlen (birthdate), sex_len = strlen (sex);
  gsize inner_len, outer_header, o1, o2, o3, o4;
  g_autoptr(GByteArray) inner = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint8 offsets[8];
  gsize size;

  inner_len = tlv_header_len (8) + 8 + tlv_header_len (name_len) + name_len
              + tlv_header_len (address_len) + address_len
              + tlv_header_len (birth_len) + birth_len + tlv_header_len (sex_len) + sex_len;
  outer_header = tlv_header_len (inner_len);

  o1 = outer_header + tlv_header_len (8) + 8;
  o2 = o1 + tlv_header_len (name_len) + name_len;
  o3 = o2 + tlv_header_len (address_len) + address_len;
  o4 = o3 + tlv_header_len (birth_len) + birth_len;
  offsets[0] = o1 >> 8; offsets[1] = o1 & 0xFF;
  offsets[2] = o2 >> 8; offsets[3] = o2 & 0xFF;
  offsets[4] = o3 >> 8; offsets[5] = o3 & 0xFF;
  offsets[6] = o4 >> 8; offsets[7] = o4 & 0xFF;

  append_tlv (inner, 0xDF, 0x21, offsets, 8);
  append_tlv (inner, 0xDF, 0x22, (const guint8 *) name, name_len);
  append_tlv (inner, 0xDF, 0x23, (const guint8 *) address, address_len);
  append_tlv (inner, 0xDF, 0x24, (const guint8 *) birthdate, birth_len);
  append_tlv (inner, 0xDF, 0x25, (const guint8 *) sex, sex_len);
  g_assert (inner->len == inner_len);

  append_tlv (out, 0xFF, 0x20, inner->data, inner->len);

  /* FF filler after the object, as on the real card. */
  size = MAX (BASIC4_EF_SIZE, out->len + 16);
  while (out->len < size)
    {
      guint8 ff = 0xFF;

      g_byte_array_append (out, &ff, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static gboolean
my_number_valid (const char *s)
{
  int sum = 0, rem, check;

  if (s == NULL || strlen (s) != 12)
    return FALSE;
  for (int i = 0; i < 12; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;

  /* Check digit: P_n is the n-th of the first 11 digits counted from the right. */
  for (int n = 1; n <= 11; n++)
    {
      int p = s[11 - n] - '0';
      int q = n <= 6 ? n + 1 : n - 5;

      sum += p * q;
    }
  rem = sum % 11;
  check = rem <= 1 ? 0 : 11 - rem;
  return check == s[11] - '0';
}

static gboolean
load_profile (MynaVirtualCard  *self,
              const char       *profile_path,
              GError          **error)
{
  g_autoptr(GKeyFile) profile = g_key_file_new ();
  g_autofree char *profile_dir = NULL;
  g_autofree char *atr_hex = NULL;
  g_autofree char *label = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *birthdate = NULL;
  g_autofree char *sex = NULL;
  g_autofree char *my_number = NULL;
  char *card_info_pin = NULL;
  char *verification_b = NULL;
  GBytes *auth_cert = NULL, *auth_ca = NULL, *sign_cert = NULL, *sign_ca = NULL;
  EVP_PKEY *auth_pkey = NULL, *sign_pkey = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;
  Df *df;

  if (!g_key_file_load_from_file (profile, profile_path, G_KEY_FILE_NONE, error))
    return FALSE;
  profile_dir = g_path_get_dirname (profile_path);

  /* [card] */
  atr_hex = g_key_file_get_string (profile, "card", "atr", NULL);
  if (atr_hex != NULL)
    {
      gsize len = strlen (atr_hex);
      g_autofree guint8 *atr = NULL;
      gsize n = 0;

      atr = g_malloc (len / 2 + 1);
      for (gsize i = 0; i < len; i++)
        {
          int hi, lo;

          if (g_ascii_isspace (atr_hex[i]) || atr_hex[i] == ':')
            continue;
          hi = g_ascii_xdigit_value (atr_hex[i]);
          lo = i + 1 < len ? g_ascii_xdigit_value (atr_hex[i + 1]) : -1;
          if (hi < 0 || lo < 0)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "[card] atr is not hexadecimal");
              goto out;
            }
          atr[n++] = (guint8) (hi << 4 | lo);
          i++;
        }
      if (n < 2 || n > 33)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[card] atr must have 2–33 bytes");
          goto out;
        }
      self->atr = g_bytes_new (atr, n);
    }
  else
    self->atr = g_bytes_new_static (default_atr, sizeof default_atr);

  label = g_key_file_get_string (profile, "card", "token-label", NULL);
  serial = g_key_file_get_string (profile, "card", "serial", NULL);

  /* [behaviour] */
  if (g_key_file_has_key (profile, "behaviour", "latency-ms", NULL))
    {
      int latency = g_key_file_get_integer (profile, "behaviour", "latency-ms", &local_error);

      if (local_error != NULL || latency < 0 || latency > 60000)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[behaviour] latency-ms must be 0–60000");
          goto out;
        }
      self->latency_ms = (guint) latency;
    }
  self->verified_query_ok = g_key_file_get_boolean (profile, "behaviour", "verified-query-ok", NULL);
  self->sticky_reset = g_key_file_get_boolean (profile, "behaviour", "sticky-reset", NULL);
  self->power_up_6f00 = g_key_file_get_boolean (profile, "behaviour", "power-up-6f00", NULL);
  self->t0_get_response = g_key_file_get_boolean (profile, "behaviour", "t0-get-response", NULL);
  self->exact_le = g_key_file_get_boolean (profile, "behaviour", "exact-le", NULL);
  self->foreign_card = g_key_file_get_boolean (profile, "behaviour", "foreign-card", NULL);

  /* Keys */
  if (!load_key (self, profile, "auth", KEY_AUTH, NULL, error)
      || !load_key (self, profile, "sign", KEY_SIGN, NULL, error)
      || !load_key (self, profile, "card-info", KEY_CARD_INFO, NULL, error))
    goto out;

  card_info_pin = g_key_file_get_string (profile, "card-info", "pin", NULL);
  if (!load_key (self, profile, "juki", KEY_JUKI, card_info_pin, error))
    goto out;

  /* EF 0012 of the card-info AP is blocked on every card examined (spec §7.1). */
  self->keys[KEY_CARD_INFO_0012].present = TRUE;
  self->keys[KEY_CARD_INFO_0012].max = 3;

  /* Certificates and keys */
  if (!load_jpki_section (self, profile, profile_dir, "auth", &auth_cert, &auth_ca, &auth_pkey, error)
      || !load_jpki_section (self, profile, profile_dir, "sign", &sign_cert, &sign_ca, &sign_pkey, error))
    goto out;

  /* [card-info] */
  name = g_key_file_get_string (profile, "card-info", "name", NULL);
  address = g_key_file_get_string (profile, "card-info", "address", NULL);
  birthdate = g_key_file_get_string (profile, "card-info", "birthdate", NULL);
  sex = g_key_file_get_string (profile, "card-info", "sex", NULL);
  my_number = g_key_file_get_string (profile, "card-info", "my-number", NULL);
  verification_b = g_key_file_get_string (profile, "card-info", "verification-b", NULL);

  if (birthdate != NULL
      && (strlen (birthdate) != 8 || strspn (birthdate, "0123456789") != 8))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[card-info] birthdate must be YYYYMMDD");
      goto out;
    }
  if (sex != NULL && g_strcmp0 (sex, "1") != 0 && g_strcmp0 (sex, "2") != 0
      && g_strcmp0 (sex, "9") != 0)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[card-info] sex must be 1, 2 or 9");
      goto out;
    }
  if (my_number != NULL && !my_number_valid (my_number))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[card-info] my-number must be 12 digits with a valid check digit");
      goto out;
    }
  if ((name != NULL && !g_utf8_validate (name, -1, NULL))
      || (address != NULL && !g_utf8_validate (address, -1, NULL)))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[card-info] name and address must be UTF-8");
      goto out;
    }

  /* 照合番号A is the My Number; 照合番号B is modelled only when the profile gives it. */
  if (my_number != NULL)
    {
      Key *a = &self->keys[KEY_CARD_INFO_A];

      a->present = a->has_value = TRUE;
      a->max = a->tries = key_info[KEY_CARD_INFO_A].default_max;
      memcpy (a->value, my_number, 12);
      memcpy (a->profile_value, my_number, 12);
      a->value_len = a->profile_value_len = 12;
    }
  if (verification_b != NULL && strlen (verification_b) == 14)
    {
      Key *b = &self->keys[KEY_CARD_INFO_B];

      b->present = b->has_value = TRUE;
      b->max = b->tries = key_info[KEY_CARD_INFO_B].default_max;
      memcpy (b->value, verification_b, 14);
      memcpy (b->profile_value, verification_b, 14);
      b->value_len = b->profile_value_len = 14;
    }

  /* JPKI AP, spec §2.1 */
  df = &self->dfs[DF_JPKI];
  {
    guint8 availability[3] = { sign_cert != NULL ? 0x8F : 0x00,
                               auth_cert != NULL ? 0x8F : 0x00,
                               0x00 };

    df_add_ef (df, 0x0001, EF_BINARY, padded_ef (sign_cert, CERT_EF_SIZE), -1, KEY_SIGN, -1, NULL);
    df_add_ef (df, 0x0002, EF_BINARY, padded_ef (sign_ca, CERT_EF_SIZE), -1, -1, -1, NULL);
    df_add_ef (df, 0x0005, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0006, EF_BINARY,
               make_token_ef (label != NULL ? label : "JPKIAPICCTOKEN2",
                              serial != NULL ? serial : "0000000000000001"),
               -1, -1, -1, NULL);
    df_add_ef (df, 0x0008, EF_BINARY, g_bytes_new (availability, 3), -1, -1, -1, NULL);
    df_add_ef (df, 0x0009, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x000A, EF_BINARY, padded_ef (auth_cert, CERT_EF_SIZE), -1, -1, -1, NULL);
    df_add_ef (df, 0x000B, EF_BINARY, padded_ef (auth_ca, CERT_EF_SIZE), -1, -1, -1, NULL);
    df_add_ef (df, 0x0010, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0016, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0017, EF_PRIVATE_KEY, NULL, KEY_AUTH, -1, -1, g_steal_pointer (&auth_pkey));
    df_add_ef (df, 0x0018, EF_PIN, NULL, KEY_AUTH, -1, -1, NULL);
    df_add_ef (df, 0x0019, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x001A, EF_PRIVATE_KEY, NULL, KEY_SIGN, -1, -1, g_steal_pointer (&sign_pkey));
    df_add_ef (df, 0x001B, EF_PIN, NULL, KEY_SIGN, -1, -1, NULL);
    df_add_ef (df, 0x001C, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x001E, EF_OPAQUE, NULL, -1, -1, -1, NULL);
  }

  /* 券面事項入力補助AP, spec §7.1 */
  df = &self->dfs[DF_CARD_INFO];
  {
    guint8 my_number_ef[17];
    guint8 filler16[16];

    memset (my_number_ef, 0xFF, sizeof my_number_ef);
    if (my_number != NULL)
      {
        my_number_ef[0] = 0xFF;
        my_number_ef[1] = 0x10;
        my_number_ef[2] = 0x0C;
        memcpy (my_number_ef + 3, my_number, 12);
      }
    memset (filler16, 0xFF, sizeof filler16);

    df_add_ef (df, 0x0001, EF_BINARY, g_bytes_new (my_number_ef, sizeof my_number_ef),
               -1, KEY_CARD_INFO, KEY_CARD_INFO_A, NULL);
    df_add_ef (df, 0x0002, EF_BINARY,
               make_basic4_ef (name != NULL ? name : "", address != NULL ? address : "",
                               birthdate != NULL ? birthdate : "", sex != NULL ? sex : ""),
               -1, KEY_CARD_INFO, KEY_CARD_INFO_B, NULL);
    df_add_ef (df, 0x0003, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0004, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0005, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0006, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0007, EF_OPAQUE, NULL, -1, -1, -1, NULL);
    df_add_ef (df, 0x0008, EF_BINARY, g_bytes_new (filler16, sizeof filler16), -1, -1, -1, NULL);
    df_add_ef (df, 0x0011, EF_PIN, NULL, KEY_CARD_INFO, -1, -1, NULL);
    df_add_ef (df, 0x0012, EF_PIN, NULL, KEY_CARD_INFO_0012, -1, -1, NULL);
    if (self->keys[KEY_CARD_INFO_A].present)
      df_add_ef (df, 0x0014, EF_PIN, NULL, KEY_CARD_INFO_A, -1, -1, NULL);
    if (self->keys[KEY_CARD_INFO_B].present)
      df_add_ef (df, 0x0015, EF_PIN, NULL, KEY_CARD_INFO_B, -1, -1, NULL);
  }

  /* The 住基 APs only answer SELECT and their PIN; the surface AP and the ISD only SELECT. */
  df_add_ef (&self->dfs[DF_JUKI_0100], 0x001C, EF_PIN, NULL, KEY_JUKI, -1, -1, NULL);
  df_add_ef (&self->dfs[DF_JUKI_0401], 0x001C, EF_PIN, NULL, KEY_JUKI, -1, -1, NULL);

  ok = TRUE;

out:
  g_clear_pointer (&auth_cert, g_bytes_unref);
  g_clear_pointer (&auth_ca, g_bytes_unref);
  g_clear_pointer (&sign_cert, g_bytes_unref);
  g_clear_pointer (&sign_ca, g_bytes_unref);
  g_clear_pointer (&auth_pkey, EVP_PKEY_free);
  g_clear_pointer (&sign_pkey, EVP_PKEY_free);
  if (my_number != NULL)
    wipe (my_number, strlen (my_number));
  wipe_string (card_info_pin);
  wipe_string (verification_b);
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* State file                                                                                 */

static gboolean
save_state_locked (MynaVirtualCard  *self,
                   const char       *state_path,
                   GError          **error)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  char *data;
  gsize len;
  gboolean ok;

  g_key_file_set_comment (state, NULL, NULL,
                          " mynassist-vcard state: PIN counters (and PINs changed on the card)",
                          NULL);
  for (int i = 0; i < N_KEYS; i++)
    {
      Key *key = &self->keys[i];

      if (!key->present)
        continue;
      g_key_file_set_integer (state, key_info[i].name, "remaining", (int) key->tries);
      g_key_file_set_integer (state, key_info[i].name, "max", (int) key->max);
      g_key_file_set_boolean (state, key_info[i].name, "blocked", key_blocked (key));
      /* Only a PIN changed with CHANGE REFERENCE DATA is written; the profile has the rest. */
      if (key->has_value
          && (key->value_len != key->profile_value_len
              || memcmp (key->value, key->profile_value, key->value_len) != 0))
        {
          char pin[MAX_PIN_LEN + 1];

          memcpy (pin, key->value, key->value_len);
          pin[key->value_len] = '\0';
          g_key_file_set_string (state, key_info[i].name, "pin", pin);
          wipe (pin, sizeof pin);
        }
    }

  data = g_key_file_to_data (state, &len, NULL);
  /* g_file_set_contents() writes a temporary file and renames it: atomic. */
  ok = g_file_set_contents (state_path, data, (gssize) len, error);
  wipe (data, len);
  g_free (data);
  return ok;
}

static void
state_changed_locked (MynaVirtualCard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->state_path == NULL)
    return;
  if (!save_state_locked (self, self->state_path, &error))
    g_warning ("Cannot save the card state to %s: %s", self->state_path, error->message);
}

static gboolean
load_state_locked (MynaVirtualCard  *self,
                   const char       *state_path,
                   GError          **error)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();

  if (!g_key_file_load_from_file (state, state_path, G_KEY_FILE_NONE, error))
    return FALSE;

  for (int i = 0; i < N_KEYS; i++)
    {
      Key *key = &self->keys[i];
      const char *group = key_info[i].name;
      g_autoptr(GError) local_error = NULL;
      char *pin;
      int remaining;

      if (!key->present || !g_key_file_has_group (state, group))
        continue;

      remaining = g_key_file_get_integer (state, group, "remaining", &local_error);
      if (local_error != NULL || remaining < 0 || (guint) remaining > key->max)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: [%s] remaining must be 0–%u", state_path, group, key->max);
          return FALSE;
        }
      key->tries = (guint) remaining;

      pin = g_key_file_get_string (state, group, "pin", NULL);
      if (pin != NULL)
        {
          gsize len = strlen (pin);

          if (len == 0 || len > MAX_PIN_LEN)
            {
              wipe_string (pin);
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "%s: [%s] pin has a bad length", state_path, group);
              return FALSE;
            }
          wipe (key->value, sizeof key->value);
          memcpy (key->value, pin, len);
          key->value_len = len;
          key->has_value = TRUE;
          wipe_string (pin);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Commands                                                                                   */

typedef struct
{
  guint8        cla, ins, p1, p2;
  const guint8 *data;
  gsize         lc;
  gsize         ne;                 /* 0 = no Le */
} Apdu;

/* ISO 7816-4 short and extended cases; FALSE when the length bytes do not add up. */
static gboolean
parse_apdu (const guint8 *cmd,
            gsize         len,
            Apdu         *apdu)
{
  memset (apdu, 0, sizeof *apdu);
  if (len < 4)
    return FALSE;

  apdu->cla = cmd[0];
  apdu->ins = cmd[1];
  apdu->p1 = cmd[2];
  apdu->p2 = cmd[3];

  if (len == 4)
    return TRUE;
  if (len == 5)
    {
      apdu->ne = cmd[4] == 0 ? 256 : cmd[4];
      return TRUE;
    }
  if (cmd[4] != 0)
    {
      apdu->lc = cmd[4];
      apdu->data = cmd + 5;
      if (len == 5 + apdu->lc)
        return TRUE;
      if (len == 6 + apdu->lc)
        {
          apdu->ne = cmd[len - 1] == 0 ? 256 : cmd[len - 1];
          return TRUE;
        }
      return FALSE;
    }

  /* Extended length: 00 followed by two bytes. */
  if (len == 7)
    {
      apdu->ne = (gsize) cmd[5] << 8 | cmd[6];
      if (apdu->ne == 0)
        apdu->ne = 65536;
      return TRUE;
    }
  apdu->lc = (gsize) cmd[5] << 8 | cmd[6];
  apdu->data = cmd + 7;
  if (apdu->lc == 0)
    return FALSE;
  if (len == 7 + apdu->lc)
    return TRUE;
  if (len == 9 + apdu->lc)
    {
      apdu->ne = (gsize) cmd[len - 2] << 8 | cmd[len - 1];
      if (apdu->ne == 0)
        apdu->ne = 65536;
      return TRUE;
    }
  return FALSE;
}

static int
find_df_by_name (const guint8 *name,
                 gsize         len,
                 MynaVirtualCard *self)
{
  int found = DF_NONE;
  int count = 0;

  /* A unique prefix of a DF name selects it (JICSAP); an ambiguous one selects nothing. */
  for (int i = 0; i < N_DFS; i++)
    if (len <= self->dfs[i].aid_len && memcmp (self->dfs[i].aid, name, len) == 0)
      {
        if (len == self->dfs[i].aid_len)
          return i;
        found = i;
        count++;
      }
  return count == 1 ? found : DF_NONE;
}

static guint
cmd_select (MynaVirtualCard *self,
            const Apdu      *apdu)
{
  guint16 fid;
  int df, ef;

  if (apdu->p2 != 0x0C && apdu->p2 != 0x00 && apdu->p2 != 0x04)
    return SW_WRONG_P1P2;

  switch (apdu->p1)
    {
    case 0x04:                      /* by DF name */
      if (apdu->lc < 1 || apdu->lc > 16)
        return SW_WRONG_LENGTH;
      /* Another kind of card (a bank or transit card) has none of the card's applications:
       * it answers SELECT of every AID as an unknown one does (spec: 6A 82). */
      if (self->foreign_card)
        return SW_NOT_FOUND;
      df = find_df_by_name (apdu->data, apdu->lc, self);
      if (df == DF_NONE)
        return SW_NOT_FOUND;
      /* Leaving an application drops its security status (docs/virtual-card.md). */
      if (df != self->df)
        clear_security_status (self);
      self->df = df;
      self->ef = EF_NONE;
      return SW_OK;

    case 0x00:                      /* MF, or a file id under the current DF */
      if (apdu->lc == 0)
        return self->df == DF_NONE ? SW_WRONG_P1P2 : SW_OK;
      if (apdu->lc != 2)
        return SW_WRONG_LENGTH;
      if (apdu->data[0] == 0x3F && apdu->data[1] == 0x00)
        return SW_NOT_FOUND;
      G_GNUC_FALLTHROUGH;

    case 0x02:                      /* EF under the current DF */
      if (apdu->lc != 2)
        return SW_WRONG_LENGTH;
      if (self->df == DF_NONE)
        return SW_NOT_FOUND;
      fid = (guint16) (apdu->data[0] << 8 | apdu->data[1]);
      ef = df_find_ef (&self->dfs[self->df], fid);
      if (ef == EF_NONE)
        return SW_NOT_FOUND;
      self->ef = ef;
      return SW_OK;

    default:
      return SW_WRONG_P1P2;
    }
}

static gboolean
ef_readable (MynaVirtualCard *self,
             const Ef        *ef)
{
  if (ef->protect[0] < 0 && ef->protect[1] < 0)
    return TRUE;
  for (int i = 0; i < 2; i++)
    if (ef->protect[i] >= 0 && self->keys[ef->protect[i]].verified)
      return TRUE;
  return FALSE;
}

static gsize
cmd_read_binary (MynaVirtualCard *self,
                 const Apdu      *apdu,
                 guint8          *response,
                 gsize            response_size,
                 guint           *sw)
{
  gsize offset, size, n;
  const guint8 *content;
  Ef *ef;

  if (apdu->lc != 0 || apdu->ne == 0)
    {
      *sw = SW_WRONG_LENGTH;
      return 0;
    }

  if (apdu->p1 & 0x80)
    {
      /* Short EF identifier: P1 = 100 SFI, P2 = offset; the EF becomes current. */
      int index;

      if (apdu->p1 & 0x60)
        {
          *sw = SW_WRONG_P1P2;
          return 0;
        }
      if (self->df == DF_NONE
          || (index = df_find_ef (&self->dfs[self->df], apdu->p1 & 0x1F)) == EF_NONE)
        {
          *sw = SW_NOT_FOUND;
          return 0;
        }
      self->ef = index;
      offset = apdu->p2;
    }
  else
    offset = (gsize) apdu->p1 << 8 | apdu->p2;

  ef = current_ef (self);
  if (ef == NULL)
    {
      *sw = SW_NO_CURRENT_EF;
      return 0;
    }
  if (ef->kind == EF_PIN || ef->kind == EF_PRIVATE_KEY)
    {
      *sw = SW_INCOMPATIBLE_FILE;
      return 0;
    }
  if (ef->kind == EF_OPAQUE || !ef_readable (self, ef))
    {
      *sw = SW_SECURITY_STATUS;
      return 0;
    }

  content = g_bytes_get_data (ef->content, &size);
  if (offset >= size)
    {
      *sw = SW_END_OF_FILE;
      return 0;
    }

  /* Le beyond the end: the rest of the EF with 90 00 (JICSAP 6.4.1), or, in the T=0 style
   * of [behaviour] exact-le, 6C xx telling the length to ask for. */
  if (self->exact_le && apdu->ne <= 256 && apdu->ne > size - offset)
    {
      *sw = 0x6C00 | ((size - offset) & 0xFF);
      return 0;
    }
  n = MIN (apdu->ne, size - offset);
  if (response_size < 2)
    n = 0;
  else
    n = MIN (n, response_size - 2);
  memcpy (response, content + offset, n);
  *sw = SW_OK;
  return n;
}

/* The key a VERIFY / CHANGE REFERENCE DATA addresses: P2 = 80 (current EF) or 80|SFI. */
static guint
addressed_key (MynaVirtualCard *self,
               guint8           p2,
               Key            **out_key)
{
  Ef *ef;

  if ((p2 & 0x80) == 0 || (p2 & 0x60) != 0)
    return SW_WRONG_P1P2;

  if (p2 == 0x80)
    {
      ef = current_ef (self);
      if (ef == NULL)
        return SW_NO_CURRENT_EF;
    }
  else
    {
      int index;

      if (self->df == DF_NONE
          || (index = df_find_ef (&self->dfs[self->df], p2 & 0x1F)) == EF_NONE)
        return SW_NOT_FOUND;
      ef = &g_array_index (self->dfs[self->df].efs, Ef, index);
    }

  if (ef->kind != EF_PIN)
    return SW_NO_CURRENT_EF;
  *out_key = &self->keys[ef->key];
  return SW_OK;
}

static guint
cmd_verify (MynaVirtualCard *self,
            const Apdu      *apdu)
{
  Key *key = NULL;
  guint sw;

  if (apdu->p1 != 0x00)
    return SW_WRONG_P1P2;
  sw = addressed_key (self, apdu->p2, &key);
  if (sw != SW_OK)
    return sw;

  if (apdu->lc == 0)
    {
      /* The query: never changes anything. */
      if (key_blocked (key))
        return 0x63C0;
      if (key->verified && self->verified_query_ok)
        return SW_OK;
      return 0x63C0 | key->tries;
    }

  self->verify_count++;
  if (key_blocked (key))
    return SW_BLOCKED;

  if (key_matches (key, apdu->data, apdu->lc))
    {
      key->tries = key->max;
      key->verified = TRUE;
      sw = SW_OK;
    }
  else
    {
      key->tries--;
      key->verified = FALSE;
      sw = 0x63C0 | key->tries;
    }
  state_changed_locked (self);
  return sw;
}

static guint
cmd_change_reference_data (MynaVirtualCard *self,
                           const Apdu      *apdu)
{
  Key *key = NULL;
  guint sw;
  int id;

  if (apdu->p1 != 0x01)
    return SW_WRONG_P1P2;
  sw = addressed_key (self, apdu->p2, &key);
  if (sw != SW_OK)
    return sw;
  if (apdu->lc == 0)
    return SW_WRONG_LENGTH;
  if (key_blocked (key))
    return SW_BLOCKED;
  if (!key->verified)
    return SW_SECURITY_STATUS;

  /* The real card's answer to a bad new value is unknown; refuse lengths the key cannot hold. */
  id = (int) (key - self->keys);
  if (apdu->lc < key_info[id].min_len || apdu->lc > key_info[id].max_len)
    return SW_WRONG_DATA;

  wipe (key->value, sizeof key->value);
  memcpy (key->value, apdu->data, apdu->lc);
  key->value_len = apdu->lc;
  key->tries = key->max;
  state_changed_locked (self);
  return SW_OK;
}

static gsize
cmd_compute_signature (MynaVirtualCard *self,
                       const Apdu      *apdu,
                       guint8          *response,
                       gsize            response_size,
                       guint           *sw)
{
  guint8 input[EVP_MAX_MD_SIZE + 32];
  const guint8 *data;
  gsize data_len;
  guint8 sig[512];
  size_t sig_len = sizeof sig;
  EVP_PKEY_CTX *ctx = NULL;
  Ef *ef;

  *sw = SW_OK;

  /* P2 = 80 (the current EF) or 80|SFI (97 auth key, 9A signing key). */
  if ((apdu->p2 & 0x80) == 0 || (apdu->p2 & 0x60) != 0)
    {
      *sw = SW_WRONG_P1P2;
      return 0;
    }
  if (apdu->p2 == 0x80)
    ef = current_ef (self);
  else
    {
      int index = self->df == DF_NONE ? EF_NONE
                                      : df_find_ef (&self->dfs[self->df], apdu->p2 & 0x1F);

      ef = index == EF_NONE ? NULL : &g_array_index (self->dfs[self->df].efs, Ef, index);
    }
  if (ef == NULL)
    {
      *sw = SW_NO_CURRENT_EF;
      return 0;
    }
  if (ef->kind != EF_PRIVATE_KEY)
    {
      *sw = SW_CONDITIONS;
      return 0;
    }
  if (!self->keys[ef->key].verified)
    {
      *sw = SW_SECURITY_STATUS;
      return 0;
    }
  if (ef->pkey == NULL)
    {
      /* A card issued without this certificate has no usable key. */
      *sw = SW_CONDITIONS;
      return 0;
    }
  if (apdu->lc == 0)
    {
      *sw = SW_WRONG_LENGTH;
      return 0;
    }

  /* P1: 00 pad the given bytes; 01 hash, pad the bare hash; 02 wrap a given SHA-256 hash in a
   * DigestInfo; 03 hash and wrap (spec §5.2). The PSS schemes 04/05 are not modelled. */
  switch (apdu->p1)
    {
    case 0x00:
      data = apdu->data;
      data_len = apdu->lc;
      break;

    case 0x01:
      SHA256 (apdu->data, apdu->lc, input);
      data = input;
      data_len = 32;
      break;

    case 0x02:
    case 0x03:
      {
        static const guint8 prefix[] = { 0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48,
                                         0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
                                         0x20 };

        if (apdu->p1 == 0x02 && apdu->lc != 32)
          {
            *sw = SW_WRONG_LENGTH;
            return 0;
          }
        memcpy (input, prefix, sizeof prefix);
        if (apdu->p1 == 0x02)
          memcpy (input + sizeof prefix, apdu->data, 32);
        else
          SHA256 (apdu->data, apdu->lc, input + sizeof prefix);
        data = input;
        data_len = sizeof prefix + 32;
      }
      break;

    default:
      *sw = SW_WRONG_P1P2;
      return 0;
    }

  if (data_len + 11 > (gsize) EVP_PKEY_get_size (ef->pkey))
    {
      *sw = SW_WRONG_LENGTH;
      return 0;
    }

  /* No signature digest set: OpenSSL applies PKCS#1 v1.5 type-1 padding to the bytes as given
   * and does the private-key operation, which is exactly what the card does. */
  ctx = EVP_PKEY_CTX_new_from_pkey (NULL, ef->pkey, NULL);
  if (ctx == NULL
      || EVP_PKEY_sign_init (ctx) <= 0
      || EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING) <= 0
      || EVP_PKEY_sign (ctx, sig, &sig_len, data, data_len) <= 0)
    {
      EVP_PKEY_CTX_free (ctx);
      *sw = SW_NO_DIAGNOSIS;
      return 0;
    }
  EVP_PKEY_CTX_free (ctx);

  if (response_size < sig_len + 2)
    {
      *sw = SW_WRONG_LENGTH;
      return 0;
    }
  memcpy (response, sig, sig_len);
  return sig_len;
}

static gsize
cmd_get_response (MynaVirtualCard *self,
                  const Apdu      *apdu,
                  guint8          *response,
                  gsize            response_size,
                  guint           *sw)
{
  g_autoptr(GBytes) pending = g_steal_pointer (&self->pending);
  const guint8 *data;
  gsize size, n, left;

  if (pending == NULL)
    {
      *sw = SW_CONDITIONS;
      return 0;
    }
  if (apdu->p1 != 0 || apdu->p2 != 0)
    {
      *sw = SW_WRONG_P1P2;
      return 0;
    }
  if (apdu->lc != 0 || apdu->ne == 0)
    {
      *sw = SW_WRONG_LENGTH;
      return 0;
    }

  data = g_bytes_get_data (pending, &size);
  n = MIN (apdu->ne, size - self->pending_offset);
  n = MIN (n, response_size - 2);
  memcpy (response, data + self->pending_offset, n);
  self->pending_offset += n;
  left = size - self->pending_offset;
  if (left > 0)
    {
      self->pending = g_steal_pointer (&pending);
      *sw = 0x6100 | (left >= 256 ? 0 : left);
    }
  else
    *sw = SW_OK;
  return n;
}

static gsize
process_locked (MynaVirtualCard *self,
                const guint8    *command,
                gsize            command_len,
                guint8          *response,
                gsize            response_size)
{
  Apdu apdu;
  guint sw = SW_OK;
  gsize n = 0;

  if (command_len < 4)
    return put_sw (response, response_size, 0, SW_WRONG_LENGTH);

  if (self->power_up_6f00 && !self->answered_since_power_up)
    {
      /* Mimics the one card that answers the first command after power-up with 6F 00. */
      self->answered_since_power_up = TRUE;
      return put_sw (response, response_size, 0, SW_NO_DIAGNOSIS);
    }
  self->answered_since_power_up = TRUE;

  /* CLA: 00 (interindustry) and 80 (proprietary, for COMPUTE DIGITAL SIGNATURE) only. */
  if ((command[0] & 0x60) == 0x00 && command[0] != 0xFF)
    {
      if (command[0] & 0x10)
        return put_sw (response, response_size, 0, SW_CHAINING);
      if (command[0] & 0x03)
        return put_sw (response, response_size, 0, SW_CHANNEL);
      if (command[0] & 0x0C)
        {
          /* Secure messaging is not available on these APs (spec §8). */
          if (command[1] == 0xB0 || command[1] == 0x20)
            return put_sw (response, response_size, 0, SW_SM_DATA_OBJECTS);
          return put_sw (response, response_size, 0, SW_SM);
        }
    }
  else if (command[0] >= 0x40 && command[0] <= 0x7F)
    return put_sw (response, response_size, 0, SW_CHANNEL);
  else
    return put_sw (response, response_size, 0, SW_CLA);

  if (!parse_apdu (command, command_len, &apdu))
    return put_sw (response, response_size, 0, SW_WRONG_LENGTH);

  if (self->t0_get_response && apdu.cla == 0x00 && apdu.ins == 0xC0)
    {
      n = cmd_get_response (self, &apdu, response, response_size, &sw);
      return put_sw (response, response_size, n, sw);
    }
  /* Any other command drops response data nobody fetched. */
  g_clear_pointer (&self->pending, g_bytes_unref);

  if (apdu.cla == 0x80)
    {
      if (apdu.ins == 0x2A)
        n = cmd_compute_signature (self, &apdu, response, response_size, &sw);
      else
        sw = SW_INS;
    }
  else
    {
      switch (apdu.ins)
        {
        case 0xA4:
          sw = cmd_select (self, &apdu);
          break;
        case 0xB0:
          n = cmd_read_binary (self, &apdu, response, response_size, &sw);
          break;
        case 0x20:
          sw = cmd_verify (self, &apdu);
          break;
        case 0x24:
          sw = cmd_change_reference_data (self, &apdu);
          break;
        default:
          sw = SW_INS;
          break;
        }
    }

  /* [behaviour] t0-get-response: data comes only through GET RESPONSE, as over T=0. */
  if (self->t0_get_response && n > 0 && sw == SW_OK)
    {
      self->pending = g_bytes_new (response, n);
      self->pending_offset = 0;
      return put_sw (response, response_size, 0, 0x6100 | (n >= 256 ? 0 : n));
    }

  return put_sw (response, response_size, n, sw);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
myna_virtual_card_finalize (GObject *object)
{
  MynaVirtualCard *self = MYNA_VIRTUAL_CARD (object);

  for (int i = 0; i < N_DFS; i++)
    g_clear_pointer (&self->dfs[i].efs, g_array_unref);
  wipe (self->keys, sizeof self->keys);
  g_clear_pointer (&self->atr, g_bytes_unref);
  g_clear_pointer (&self->pending, g_bytes_unref);
  g_clear_pointer (&self->state_path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (myna_virtual_card_parent_class)->finalize (object);
}

static void
myna_virtual_card_class_init (MynaVirtualCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = myna_virtual_card_finalize;
}

static void
myna_virtual_card_init (MynaVirtualCard *self)
{
  g_mutex_init (&self->mutex);
  df_init (&self->dfs[DF_JPKI], "JPKI", aid_jpki, sizeof aid_jpki);
  df_init (&self->dfs[DF_CARD_INFO], "card-info", aid_card_info, sizeof aid_card_info);
  df_init (&self->dfs[DF_SURFACE], "surface", aid_surface, sizeof aid_surface);
  df_init (&self->dfs[DF_JUKI_0100], "juki-0100", aid_juki_0100, sizeof aid_juki_0100);
  df_init (&self->dfs[DF_JUKI_0401], "juki-0401", aid_juki_0401, sizeof aid_juki_0401);
  df_init (&self->dfs[DF_GP_ISD], "ISD", aid_gp_isd, sizeof aid_gp_isd);
  self->df = DF_NONE;
  self->ef = EF_NONE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * myna_virtual_card_new_from_profile:
 * @profile_path: a card profile (docs/virtual-card.md); relative file names in it are
 *   relative to the profile's folder
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a powered-off card
 */
MynaVirtualCard *
myna_virtual_card_new_from_profile (const char  *profile_path,
                                    GError     **error)
{
  g_autoptr(MynaVirtualCard) self = NULL;

  g_return_val_if_fail (profile_path != NULL, NULL);

  self = g_object_new (MYNA_TYPE_VIRTUAL_CARD, NULL);
  if (!load_profile (self, profile_path, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * myna_virtual_card_load_state:
 *
 * Restores PIN counters (and changed PINs) saved by myna_virtual_card_save_state().
 */
gboolean
myna_virtual_card_load_state (MynaVirtualCard  *self,
                              const char       *state_path,
                              GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), FALSE);
  g_return_val_if_fail (state_path != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ok = load_state_locked (self, state_path, error);
  g_mutex_unlock (&self->mutex);
  return ok;
}

gboolean
myna_virtual_card_save_state (MynaVirtualCard  *self,
                              const char       *state_path,
                              GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), FALSE);
  g_return_val_if_fail (state_path != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ok = save_state_locked (self, state_path, error);
  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * myna_virtual_card_set_state_path:
 * @state_path: (nullable): the state file
 *
 * Loads @state_path if it exists, writes it at once, and from then on rewrites it
 * (atomically) after every change of a PIN counter or value.
 */
gboolean
myna_virtual_card_set_state_path (MynaVirtualCard  *self,
                                  const char       *state_path,
                                  GError          **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), FALSE);

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->state_path, g_free);
  if (state_path != NULL)
    {
      if (g_file_test (state_path, G_FILE_TEST_EXISTS))
        ok = load_state_locked (self, state_path, error);
      if (ok)
        ok = save_state_locked (self, state_path, error);
      if (ok)
        self->state_path = g_strdup (state_path);
    }
  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * myna_virtual_card_get_atr:
 *
 * Returns: (transfer full): the ATR
 */
GBytes *
myna_virtual_card_get_atr (MynaVirtualCard *self)
{
  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), NULL);

  return g_bytes_ref (self->atr);
}

void
myna_virtual_card_power_on (MynaVirtualCard *self)
{
  g_return_if_fail (MYNA_IS_VIRTUAL_CARD (self));

  g_mutex_lock (&self->mutex);
  if (!self->powered)
    {
      self->powered = TRUE;
      self->answered_since_power_up = FALSE;
      self->df = DF_NONE;
      self->ef = EF_NONE;
      clear_security_status (self);
    }
  g_mutex_unlock (&self->mutex);
}

void
myna_virtual_card_power_off (MynaVirtualCard *self)
{
  g_return_if_fail (MYNA_IS_VIRTUAL_CARD (self));

  g_mutex_lock (&self->mutex);
  self->powered = FALSE;
  self->df = DF_NONE;
  self->ef = EF_NONE;
  g_clear_pointer (&self->pending, g_bytes_unref);
  clear_security_status (self);
  g_mutex_unlock (&self->mutex);
}

/**
 * myna_virtual_card_reset:
 *
 * A warm reset: powers the card if needed and returns to the state after power-up. The
 * security status is cleared unless the profile sets `[behaviour] sticky-reset=true`.
 */
void
myna_virtual_card_reset (MynaVirtualCard *self)
{
  g_return_if_fail (MYNA_IS_VIRTUAL_CARD (self));

  g_mutex_lock (&self->mutex);
  if (!self->sticky_reset || !self->powered)
    clear_security_status (self);
  self->powered = TRUE;
  self->answered_since_power_up = FALSE;
  self->df = DF_NONE;
  self->ef = EF_NONE;
  g_clear_pointer (&self->pending, g_bytes_unref);
  g_mutex_unlock (&self->mutex);
}

gboolean
myna_virtual_card_is_powered (MynaVirtualCard *self)
{
  gboolean powered;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), FALSE);

  g_mutex_lock (&self->mutex);
  powered = self->powered;
  g_mutex_unlock (&self->mutex);
  return powered;
}

/**
 * myna_virtual_card_process:
 * @command: a command APDU (any bytes; malformed ones get a status word, never a crash)
 * @response: (out caller-allocates): where the response goes
 * @response_size: its size; %MYNA_APDU_MAX_RESPONSE (258) holds every short response
 *
 * Returns: the response length (data and SW1 SW2), or 0 when the card is not powered or
 *   @response_size is below 2
 */
gsize
myna_virtual_card_process (MynaVirtualCard *self,
                           const guint8    *command,
                           gsize            command_len,
                           guint8          *response,
                           gsize            response_size)
{
  gsize n;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), 0);
  g_return_val_if_fail (command != NULL || command_len == 0, 0);
  g_return_val_if_fail (response != NULL, 0);

  if (response_size < 2)
    return 0;

  g_mutex_lock (&self->mutex);
  if (!self->powered)
    n = 0;
  else
    {
      self->command_count++;
      n = process_locked (self, command, command_len, response, response_size);
    }
  g_mutex_unlock (&self->mutex);
  return n;
}

/**
 * myna_virtual_card_get_tries:
 * @key: "auth", "sign", "card-info", …
 *
 * Returns: the tries left (0 when blocked or unknown)
 */
guint
myna_virtual_card_get_tries (MynaVirtualCard *self,
                             const char      *key)
{
  int id;
  guint tries = 0;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), 0);

  id = key_from_name (key);
  g_return_val_if_fail (id >= 0, 0);

  g_mutex_lock (&self->mutex);
  if (self->keys[id].present && self->keys[id].has_value)
    tries = self->keys[id].tries;
  g_mutex_unlock (&self->mutex);
  return tries;
}

guint
myna_virtual_card_get_max_tries (MynaVirtualCard *self,
                                 const char      *key)
{
  int id;
  guint max;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), 0);

  id = key_from_name (key);
  g_return_val_if_fail (id >= 0, 0);

  g_mutex_lock (&self->mutex);
  max = self->keys[id].max;
  g_mutex_unlock (&self->mutex);
  return max;
}

gboolean
myna_virtual_card_is_verified (MynaVirtualCard *self,
                               const char      *key)
{
  int id;
  gboolean verified;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), FALSE);

  id = key_from_name (key);
  g_return_val_if_fail (id >= 0, FALSE);

  g_mutex_lock (&self->mutex);
  verified = self->keys[id].verified;
  g_mutex_unlock (&self->mutex);
  return verified;
}

guint
myna_virtual_card_get_latency_ms (MynaVirtualCard *self)
{
  guint latency;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), 0);

  g_mutex_lock (&self->mutex);
  latency = self->latency_ms;
  g_mutex_unlock (&self->mutex);
  return latency;
}

void
myna_virtual_card_set_latency_ms (MynaVirtualCard *self,
                                  guint            latency_ms)
{
  g_return_if_fail (MYNA_IS_VIRTUAL_CARD (self));

  g_mutex_lock (&self->mutex);
  self->latency_ms = latency_ms;
  g_mutex_unlock (&self->mutex);
}

/**
 * myna_virtual_card_get_command_count:
 *
 * Returns: the number of APDUs the powered card has answered
 */
guint
myna_virtual_card_get_command_count (MynaVirtualCard *self)
{
  guint count;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), 0);

  g_mutex_lock (&self->mutex);
  count = self->command_count;
  g_mutex_unlock (&self->mutex);
  return count;
}

/**
 * myna_virtual_card_get_verify_count:
 *
 * Returns: the number of VERIFY commands that carried a PIN (attempts, whatever their
 *   outcome); status queries without data are not counted
 */
guint
myna_virtual_card_get_verify_count (MynaVirtualCard *self)
{
  guint count;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (self), 0);

  g_mutex_lock (&self->mutex);
  count = self->verify_count;
  g_mutex_unlock (&self->mutex);
  return count;
}

/**
 * myna_demo_profile_path:
 *
 * The demo card's profile: `$MYNASSIST_DEMO_PROFILE` if set, else the one in the build tree
 * (when running uninstalled), else the installed one.
 *
 * Returns: (transfer full): a path
 */
char *
myna_demo_profile_path (void)
{
  const char *env = g_getenv ("MYNASSIST_DEMO_PROFILE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
#ifdef MYNA_DEMO_PROFILE_BUILD
  if (g_file_test (MYNA_DEMO_PROFILE_BUILD, G_FILE_TEST_IS_REGULAR))
    return g_strdup (MYNA_DEMO_PROFILE_BUILD);
#endif
  return g_build_filename (PKGDATADIR, "demo", "demo.ini", NULL);
}
