/* myna-apdu.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-transport.h"

G_BEGIN_DECLS

/* A short APDU as built by the protocol code. Case 1–4 are derived from has_lc/has_le. */
typedef struct
{
  guint8  cla, ins, p1, p2;
  const guint8 *data;   /* not owned; may be a PIN */
  gsize   data_len;     /* 0..255 */
  gboolean has_le;
  guint   le;           /* 1..256; 256 is sent as 00 */
} MynaApdu;

/* A response: data and status word. */
typedef struct
{
  guint8  data[256];
  gsize   len;
  guint16 sw;
} MynaApduResponse;

gsize    myna_apdu_encode      (const MynaApdu   *apdu,
                                guint8           *out,
                                gsize             out_len);
gboolean myna_apdu_exchange    (MynaTransport    *transport,
                                const MynaApdu   *apdu,
                                MynaApduResponse *response,
                                GError          **error);
char    *myna_apdu_describe    (const guint8     *command,
                                gsize             len);
gboolean myna_der_total_length (const guint8     *header,
                                gsize             len,
                                gsize            *total);

#define MYNA_SW_OK              0x9000
#define MYNA_SW_IS_TRIES(sw)    (((sw) & 0xFFF0) == 0x63C0)

G_END_DECLS
