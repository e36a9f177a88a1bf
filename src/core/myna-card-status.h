/* myna-card-status.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-certificate.h"
#include "myna-jpki.h"
#include "myna-pin.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean known;      /* FALSE when the card did not report a count (90 00 after VERIFY) */
  guint    remaining;
  guint    max;
  gboolean blocked;
} MynaPinTries;

typedef struct
{
  gboolean         present;
  MynaCertificate *certificate;   /* NULL when absent, or when only the head was read */
  char            *subject, *issuer, *serial;
  GDateTime       *not_before, *not_after;
  MynaChainResult  chain;
  MynaTrustSource  trust;
  gboolean         bundled_root;  /* a CA slot whose content is one of the bundled roots */
} MynaCertInfo;

/**
 * MynaCardStatus:
 *
 * What a card told us without any PIN: filled on the worker thread, read-only afterwards.
 * Reference counted; safe to pass between threads once built.
 */
typedef struct
{
  gatomicrefcount ref_count;
  char        *reader;
  GBytes      *atr;
  gboolean     is_mynumber;
  char        *token_label;
  MynaPinTries pins[MYNA_PIN_KIND_COUNT];
  MynaCertInfo certs[MYNA_CERT_SLOT_COUNT];   /* MYNA_CERT_SIGN stays not present */
  guint        apdu_count;
} MynaCardStatus;

#define MYNA_TYPE_CARD_STATUS (myna_card_status_get_type ())
GType           myna_card_status_get_type (void) G_GNUC_CONST;
MynaCardStatus *myna_card_status_new      (void);
MynaCardStatus *myna_card_status_ref      (MynaCardStatus *self);
void            myna_card_status_unref    (MynaCardStatus *self);
gboolean        myna_card_status_has_certificates (const MynaCardStatus *self);
char           *myna_card_status_to_json  (const MynaCardStatus *self,
                                           GDateTime            *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaCardStatus, myna_card_status_unref)

MynaCardStatus *myna_card_read_status     (MynaTransport  *transport,
                                           GDateTime      *now,
                                           GError        **error);

G_END_DECLS
