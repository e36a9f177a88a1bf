/* myna-certificate.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MynaChainResult:
 * @MYNA_CHAIN_VALID: signed by a trusted J-LIS root (or, see
 *   myna_certificate_check_chain(), by the card's own CA) and within its validity
 * @MYNA_CHAIN_EXPIRED: signature fine, but the certificate has expired
 * @MYNA_CHAIN_NOT_YET_VALID: signature fine, but the certificate is not valid yet
 * @MYNA_CHAIN_UNKNOWN_CA: no root that could have issued it is known
 * @MYNA_CHAIN_BAD_SIGNATURE: an issuer with the right name exists but the signature is wrong
 */
typedef enum
{
  MYNA_CHAIN_VALID,
  MYNA_CHAIN_EXPIRED,
  MYNA_CHAIN_NOT_YET_VALID,
  MYNA_CHAIN_UNKNOWN_CA,
  MYNA_CHAIN_BAD_SIGNATURE,
} MynaChainResult;

/**
 * MynaTrustSource:
 * @MYNA_TRUST_NONE: no issuer was found
 * @MYNA_TRUST_BUNDLED: the issuer is one of the J-LIS roots shipped with the app
 * @MYNA_TRUST_CARD: the issuer is only the CA certificate read from the card itself (for example
 *   a generation-2 root, which is not bundled); weaker than @MYNA_TRUST_BUNDLED and said so
 */
typedef enum
{
  MYNA_TRUST_NONE,
  MYNA_TRUST_BUNDLED,
  MYNA_TRUST_CARD,
} MynaTrustSource;

/* The JPKI personal data from the signing certificate's subjectAltName (spec §6.2). */
typedef struct
{
  char *name;                  /* UTF-8, or NULL */
  char *name_substitutes;      /* one '0'/'1' a character, or NULL */
  char *sex;                   /* "1" male, "2" female, "9" not applicable, or NULL */
  char *birth_date;            /* ISO "YYYY-MM-DD", or NULL */
  int   birth_era;             /* 0 unknown, 1 明治 … 5 令和, -1 when absent */
  char *address;               /* UTF-8, or NULL */
  char *address_substitutes;   /* or NULL */
} MynaJpkiPersonalData;

void myna_jpki_personal_data_free (MynaJpkiPersonalData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaJpkiPersonalData, myna_jpki_personal_data_free)

#define MYNA_TYPE_CERTIFICATE (myna_certificate_get_type ())
G_DECLARE_FINAL_TYPE (MynaCertificate, myna_certificate, MYNA, CERTIFICATE, GObject)

/* Ownership: get_der, get_not_before, get_not_after, the const char getters and
 * find_bundled_root return borrowed values (transfer none); get_pem, get_key_usage (empty
 * when there is no keyUsage), get_sha256_hex, to_text and get_personal_data (NULL when the
 * certificate carries no JPKI fields) return new ones. new_from_der ignores filler after the
 * DER. */

MynaCertificate *myna_certificate_new_from_der       (GBytes           *der,
                                                      GError          **error);
MynaCertificate *myna_certificate_new_from_pem       (const char       *pem,
                                                      gssize            len,
                                                      GError          **error);
GBytes          *myna_certificate_get_der            (MynaCertificate  *self);
char            *myna_certificate_get_pem            (MynaCertificate  *self);
const char      *myna_certificate_get_subject        (MynaCertificate  *self);
const char      *myna_certificate_get_issuer         (MynaCertificate  *self);
const char      *myna_certificate_get_serial         (MynaCertificate  *self);
GDateTime       *myna_certificate_get_not_before     (MynaCertificate  *self);
GDateTime       *myna_certificate_get_not_after      (MynaCertificate  *self);
gint64           myna_certificate_get_days_left      (MynaCertificate  *self,
                                                      GDateTime        *now);
guint            myna_certificate_get_key_bits       (MynaCertificate  *self);
char            *myna_certificate_get_key_usage      (MynaCertificate  *self);
gboolean         myna_certificate_is_self_signed     (MynaCertificate  *self);
char            *myna_certificate_get_sha256_hex     (MynaCertificate  *self);
char            *myna_certificate_to_text            (MynaCertificate  *self);
MynaJpkiPersonalData *myna_certificate_get_personal_data (MynaCertificate *self);
gboolean         myna_certificate_verify_signature   (MynaCertificate  *self,
                                                      const guint8     *digest_info,
                                                      gsize             digest_info_len,
                                                      const guint8     *signature,
                                                      gsize             signature_len);

GPtrArray       *myna_certificate_load_bundled_roots (GError          **error);
MynaChainResult  myna_certificate_check_chain        (MynaCertificate  *self,
                                                      GPtrArray        *roots,
                                                      MynaCertificate  *card_ca,
                                                      GDateTime        *now,
                                                      MynaTrustSource  *trust);
const char      *myna_chain_result_to_string         (MynaChainResult   result);
const char      *myna_chain_result_get_label         (MynaChainResult   result);
MynaCertificate *myna_certificate_find_bundled_root  (GPtrArray        *roots,
                                                      const guint8     *der_prefix,
                                                      gsize             prefix_len);

G_END_DECLS
