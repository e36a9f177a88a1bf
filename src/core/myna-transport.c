/* myna-transport.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-transport"

#include "config.h"

#include "myna-transport.h"

G_DEFINE_INTERFACE (MynaTransport, myna_transport, G_TYPE_OBJECT)

static void
myna_transport_default_init (MynaTransportInterface *iface)
{
}

/**
 * myna_transport_transmit:
 * @self: a #MynaTransport
 * @command: the command APDU
 * @command_len: its length
 * @response: (out caller-allocates): room for %MYNA_APDU_MAX_RESPONSE bytes
 * @response_len: (out): the length of the response including SW1 SW2
 * @error: return location for a #MYNA_CARD_ERROR
 *
 * Sends one APDU as it is. Status words are not interpreted here; see myna-apdu.h.
 *
 * Returns: %TRUE when a response of at least two bytes was received
 */
gboolean
myna_transport_transmit (MynaTransport  *self,
                         const guint8   *command,
                         gsize           command_len,
                         guint8         *response,
                         gsize          *response_len,
                         GError        **error)
{
  g_return_val_if_fail (MYNA_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (command != NULL && command_len >= 4, FALSE);
  g_return_val_if_fail (response != NULL && response_len != NULL, FALSE);

  return MYNA_TRANSPORT_GET_IFACE (self)->transmit (self, command, command_len,
                                                    response, response_len, error);
}

gboolean
myna_transport_begin_transaction (MynaTransport  *self,
                                  GError        **error)
{
  MynaTransportInterface *iface;

  g_return_val_if_fail (MYNA_IS_TRANSPORT (self), FALSE);

  iface = MYNA_TRANSPORT_GET_IFACE (self);
  return iface->begin_transaction == NULL || iface->begin_transaction (self, error);
}

void
myna_transport_end_transaction (MynaTransport *self,
                                gboolean       unpower)
{
  MynaTransportInterface *iface;

  g_return_if_fail (MYNA_IS_TRANSPORT (self));

  iface = MYNA_TRANSPORT_GET_IFACE (self);
  if (iface->end_transaction != NULL)
    iface->end_transaction (self, unpower);
}

/**
 * myna_transport_get_atr:
 *
 * Returns: (transfer full) (nullable): the ATR
 */
GBytes *
myna_transport_get_atr (MynaTransport *self)
{
  g_return_val_if_fail (MYNA_IS_TRANSPORT (self), NULL);

  return MYNA_TRANSPORT_GET_IFACE (self)->get_atr (self);
}

const char *
myna_transport_get_name (MynaTransport *self)
{
  g_return_val_if_fail (MYNA_IS_TRANSPORT (self), NULL);

  return MYNA_TRANSPORT_GET_IFACE (self)->get_name (self);
}
