/* myna-transport.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest short-APDU response: 256 data bytes and the status word. */
#define MYNA_APDU_MAX_RESPONSE 258

#define MYNA_TYPE_TRANSPORT (myna_transport_get_type ())
G_DECLARE_INTERFACE (MynaTransport, myna_transport, MYNA, TRANSPORT, GObject)

/**
 * MynaTransportInterface:
 * @transmit: send one command APDU and receive the raw response (data and SW1 SW2).
 *   @response has room for %MYNA_APDU_MAX_RESPONSE bytes. Must not log @command: it may hold
 *   a PIN. Called only from the card worker thread.
 * @begin_transaction: (nullable): hold the card for several APDUs (SCardBeginTransaction)
 * @end_transaction: (nullable): release it again; @unpower clears the card's security status
 * @get_atr: the card's ATR, or %NULL when no card is present
 * @get_name: a human-readable name of the reader
 */
struct _MynaTransportInterface
{
  GTypeInterface parent_iface;

  gboolean  (*transmit)          (MynaTransport  *self,
                                  const guint8   *command,
                                  gsize           command_len,
                                  guint8         *response,
                                  gsize          *response_len,
                                  GError        **error);
  gboolean  (*begin_transaction) (MynaTransport  *self,
                                  GError        **error);
  void      (*end_transaction)   (MynaTransport  *self,
                                  gboolean        unpower);
  GBytes   *(*get_atr)           (MynaTransport  *self);
  const char *(*get_name)        (MynaTransport  *self);
};

gboolean    myna_transport_transmit          (MynaTransport  *self,
                                              const guint8   *command,
                                              gsize           command_len,
                                              guint8         *response,
                                              gsize          *response_len,
                                              GError        **error);
gboolean    myna_transport_begin_transaction (MynaTransport  *self,
                                              GError        **error);
void        myna_transport_end_transaction   (MynaTransport  *self,
                                              gboolean        unpower);
GBytes     *myna_transport_get_atr           (MynaTransport  *self);
const char *myna_transport_get_name          (MynaTransport  *self);

G_END_DECLS
