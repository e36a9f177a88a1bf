/* myna-jpki.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JPKI AP and 券面事項入力補助AP operations, synchronous, over a MynaTransport. They run on
 * the card worker thread; nothing here touches the main context.
 */

#pragma once

#include "myna-transport.h"
#include "myna-pin.h"

G_BEGIN_DECLS

typedef enum
{
  MYNA_AP_JPKI,
  MYNA_AP_CARD_INFO,
} MynaAp;

/* The certificate EFs of the JPKI AP. */
typedef enum
{
  MYNA_CERT_AUTH,      /* EF 000A, free */
  MYNA_CERT_AUTH_CA,   /* EF 000B, free */
  MYNA_CERT_SIGN,      /* EF 0001, after the signing password */
  MYNA_CERT_SIGN_CA,   /* EF 0002, free */
} MynaCertSlot;

#define MYNA_CERT_SLOT_COUNT 4

#define MYNA_JPKI_AID      "\xD3\x92\xF0\x00\x26\x01\x00\x00\x00\x01"
#define MYNA_CARD_INFO_AID "\xD3\x92\x10\x00\x31\x00\x01\x01\x04\x08"

/* 基本4情報 from the 券面事項入力補助AP. */
typedef struct
{
  char *name;
  char *address;
  char *birth_date;   /* YYYYMMDD as on the card */
  char *sex;          /* "1", "2" or "9" */
} MynaCardInfo;

void myna_card_info_free (MynaCardInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaCardInfo, myna_card_info_free)

const char *myna_cert_slot_to_string (MynaCertSlot slot);

gboolean myna_jpki_select_ap        (MynaTransport  *transport,
                                     MynaAp          ap,
                                     GError        **error);
gboolean myna_jpki_detect           (MynaTransport  *transport,
                                     char          **token_label,
                                     GError        **error);
gboolean myna_jpki_query_tries      (MynaTransport  *transport,
                                     MynaPinKind     kind,
                                     guint          *remaining,
                                     gboolean       *verified,
                                     GError        **error);
GBytes  *myna_jpki_read_ef          (MynaTransport  *transport,
                                     guint16         fid,
                                     GError        **error);
GBytes  *myna_jpki_read_certificate (MynaTransport  *transport,
                                     MynaCertSlot    slot,
                                     GError        **error);
GBytes  *myna_jpki_read_certificate_head (MynaTransport *transport,
                                     MynaCertSlot    slot,
                                     gsize          *total_len,
                                     GError        **error);
GBytes  *myna_jpki_read_certificate_rest (MynaTransport *transport,
                                     GBytes         *head,
                                     gsize           total_len,
                                     GError        **error);
gboolean myna_jpki_verify           (MynaTransport  *transport,
                                     const MynaPin  *pin,
                                     gboolean        last_try_confirmed,
                                     guint          *remaining,
                                     GError        **error);
gboolean myna_jpki_change_pin       (MynaTransport  *transport,
                                     const MynaPin  *old_pin,
                                     const MynaPin  *new_pin,
                                     gboolean        last_try_confirmed,
                                     guint          *remaining,
                                     GError        **error);
GBytes  *myna_jpki_sign             (MynaTransport  *transport,
                                     MynaPinKind     key,
                                     const guint8   *digest_info,
                                     gsize           digest_info_len,
                                     GError        **error);
MynaCardInfo *myna_jpki_read_card_info (MynaTransport *transport,
                                     GError        **error);
MynaCardInfo *myna_card_info_parse  (const guint8   *data,
                                     gsize           len,
                                     GError        **error);

G_END_DECLS
