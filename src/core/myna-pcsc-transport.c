/* myna-pcsc-transport.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-pcsc-transport"

#include "config.h"

#include <string.h>
#include <PCSC/winscard.h>
#include <PCSC/pcsclite.h>

#include "myna-error.h"
#include "myna-pcsc-transport.h"
#include "myna-pin.h"

struct _MynaPcscTransport
{
  GObject       parent_instance;

  char         *reader;
  SCARDCONTEXT  context;
  SCARDHANDLE   handle;
  DWORD         protocol;
  gboolean      has_context;
  gboolean      connected;
  gboolean      in_transaction;
  gboolean      unpower_pending;   /* a PIN command was sent since the card was powered */
  GBytes       *atr;
};

static void transport_iface_init (MynaTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MynaPcscTransport, myna_pcsc_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYNA_TYPE_TRANSPORT, transport_iface_init))

/* Once a PIN command was sent, the card is powered off on every way out — errors included —
 * so that no other program inherits a card on which a PIN may be verified (spec §5.3). The
 * transaction ends with the same disposition, so nobody gets the card in between. */
static void
disconnect (MynaPcscTransport *self,
            DWORD              disposition)
{
  if (self->unpower_pending)
    disposition = SCARD_UNPOWER_CARD;

  if (self->connected)
    {
      if (self->in_transaction)
        SCardEndTransaction (self->handle, disposition);
      SCardDisconnect (self->handle, disposition);
    }
  self->connected = FALSE;
  self->in_transaction = FALSE;
  self->unpower_pending = FALSE;
}

static void
release_context (MynaPcscTransport *self)
{
  disconnect (self, SCARD_LEAVE_CARD);
  if (self->has_context)
    SCardReleaseContext (self->context);
  self->has_context = FALSE;
}

static gboolean
ensure_connected (MynaPcscTransport  *self,
                  GError            **error)
{
  LONG rv;

  if (self->connected)
    return TRUE;

  if (!self->has_context)
    {
      rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &self->context);
      if (!myna_error_from_scard (rv, error))
        return FALSE;
      self->has_context = TRUE;
    }

  /* The card is T=1 on contact readers; contactless readers may announce T=0 too. */
  rv = SCardConnect (self->context, self->reader, SCARD_SHARE_SHARED,
                     SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &self->handle, &self->protocol);
  if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED || rv == SCARD_E_INVALID_HANDLE)
    {
      /* pcscd was restarted: our context is stale. */
      release_context (self);
    }
  if (!myna_error_from_scard (rv, error))
    return FALSE;

  self->connected = TRUE;

  {
    BYTE atr[MAX_ATR_SIZE];
    DWORD atr_len = sizeof atr;
    DWORD state, proto;
    char name[MAX_READERNAME];
    DWORD name_len = sizeof name;

    g_clear_pointer (&self->atr, g_bytes_unref);
    if (SCardStatus (self->handle, name, &name_len, &state, &proto, atr, &atr_len) == SCARD_S_SUCCESS)
      self->atr = g_bytes_new (atr, atr_len);
  }

  return TRUE;
}

static gboolean
pcsc_transmit (MynaTransport  *transport,
               const guint8   *command,
               gsize           command_len,
               guint8         *response,
               gsize          *response_len,
               GError        **error)
{
  MynaPcscTransport *self = MYNA_PCSC_TRANSPORT (transport);
  DWORD len = MYNA_APDU_MAX_RESPONSE;
  LONG rv;

  if (!ensure_connected (self, error))
    return FALSE;

  if (command_len > 4 && (command[1] == 0x20 || command[1] == 0x24))
    self->unpower_pending = TRUE;

  rv = SCardTransmit (self->handle,
                      self->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1,
                      command, command_len, NULL, response, &len);

  if (rv != SCARD_S_SUCCESS)
    {
      /* Removed, reset or pcscd gone: the handle is useless now; the next job reconnects.
       * Nothing is resent here — the caller decides, and PIN commands are never resent. */
      if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED)
        release_context (self);
      else
        disconnect (self, SCARD_LEAVE_CARD);
      return myna_error_from_scard (rv, error);
    }

  if (len == 0)
    {
      /* No status word at all: vpcd and some readers answer so when the card vanished in the
       * middle of the command, before the reader state says so. A card always sends SW1 SW2. */
      disconnect (self, SCARD_LEAVE_CARD);
      return myna_error_from_scard (SCARD_W_REMOVED_CARD, error);
    }

  *response_len = len;
  return TRUE;
}

static gboolean
pcsc_begin_transaction (MynaTransport  *transport,
                        GError        **error)
{
  MynaPcscTransport *self = MYNA_PCSC_TRANSPORT (transport);
  LONG rv;

  if (!ensure_connected (self, error))
    return FALSE;

  rv = SCardBeginTransaction (self->handle);
  if (rv == SCARD_W_RESET_CARD || rv == SCARD_W_REMOVED_CARD)
    {
      /* The card was reset or replaced since we connected: start afresh once. */
      disconnect (self, SCARD_LEAVE_CARD);
      if (!ensure_connected (self, error))
        return FALSE;
      rv = SCardBeginTransaction (self->handle);
    }

  if (!myna_error_from_scard (rv, error))
    {
      disconnect (self, SCARD_LEAVE_CARD);
      return FALSE;
    }

  self->in_transaction = TRUE;
  return TRUE;
}

static void
pcsc_end_transaction (MynaTransport *transport,
                      gboolean       unpower)
{
  MynaPcscTransport *self = MYNA_PCSC_TRANSPORT (transport);

  /* After a PIN operation, power the card off so that no other program inherits a card on
   * which a PIN has been verified (spec §5.3); disconnect() also ends the transaction. */
  if (unpower || self->unpower_pending)
    {
      disconnect (self, SCARD_UNPOWER_CARD);
      return;
    }

  /* Let go of the card between jobs, not only of the transaction: a shared connection kept
   * open makes every other program's exclusive connect (some e-Tax and browser middleware)
   * fail with a sharing violation for as long as Mynassist runs. Nothing was verified, so
   * the card is left as it is; the next job connects again (a few milliseconds). */
  disconnect (self, SCARD_LEAVE_CARD);
}

static GBytes *
pcsc_get_atr (MynaTransport *transport)
{
  MynaPcscTransport *self = MYNA_PCSC_TRANSPORT (transport);

  return self->atr ? g_bytes_ref (self->atr) : NULL;
}

static const char *
pcsc_get_name (MynaTransport *transport)
{
  return MYNA_PCSC_TRANSPORT (transport)->reader;
}

static void
transport_iface_init (MynaTransportInterface *iface)
{
  iface->transmit = pcsc_transmit;
  iface->begin_transaction = pcsc_begin_transaction;
  iface->end_transaction = pcsc_end_transaction;
  iface->get_atr = pcsc_get_atr;
  iface->get_name = pcsc_get_name;
}

static void
myna_pcsc_transport_finalize (GObject *object)
{
  MynaPcscTransport *self = MYNA_PCSC_TRANSPORT (object);

  release_context (self);
  g_clear_pointer (&self->atr, g_bytes_unref);
  g_free (self->reader);

  G_OBJECT_CLASS (myna_pcsc_transport_parent_class)->finalize (object);
}

static void
myna_pcsc_transport_class_init (MynaPcscTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myna_pcsc_transport_finalize;
}

static void
myna_pcsc_transport_init (MynaPcscTransport *self)
{
}

MynaPcscTransport *
myna_pcsc_transport_new (const char *reader_name)
{
  MynaPcscTransport *self;

  g_return_val_if_fail (reader_name != NULL, NULL);

  self = g_object_new (MYNA_TYPE_PCSC_TRANSPORT, NULL);
  self->reader = g_strdup (reader_name);
  return self;
}
