/* myna-virtual-transport.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-virtual-transport"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <PCSC/pcsclite.h>

#include "core/myna-error.h"
#include "myna-virtual-transport.h"

/* The reader name the demo card shows; like a PC/SC reader name it is not translated. */
#define VIRTUAL_READER_NAME "Mynassist demo card"

struct _MynaVirtualTransport
{
  GObject          parent_instance;

  MynaVirtualCard *card;
  gint             present;         /* atomic: set_present() may come from any thread */
};

static void myna_virtual_transport_iface_init (MynaTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MynaVirtualTransport, myna_virtual_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYNA_TYPE_TRANSPORT,
                                                      myna_virtual_transport_iface_init))

static gboolean
check_present (MynaVirtualTransport  *self,
               GError               **error)
{
  if (!g_atomic_int_get (&self->present))
    {
      /* Same error as a PC/SC reader reports for a pulled card. */
      myna_error_from_scard (SCARD_W_REMOVED_CARD, error);
      return FALSE;
    }
  /* First use, or first use after re-insertion: the card powers up with a clean status. */
  myna_virtual_card_power_on (self->card);
  return TRUE;
}

static gboolean
myna_virtual_transport_transmit (MynaTransport  *transport,
                                 const guint8   *command,
                                 gsize           command_len,
                                 guint8         *response,
                                 gsize          *response_len,
                                 GError        **error)
{
  MynaVirtualTransport *self = MYNA_VIRTUAL_TRANSPORT (transport);
  guint latency;
  gsize n;

  *response_len = 0;
  if (!check_present (self, error))
    return FALSE;

  latency = myna_virtual_card_get_latency_ms (self->card);
  if (latency > 0)
    g_usleep ((gulong) latency * 1000);

  /* The card may have been pulled while it "worked". */
  if (!g_atomic_int_get (&self->present))
    return check_present (self, error);

  n = myna_virtual_card_process (self->card, command, command_len,
                                 response, MYNA_APDU_MAX_RESPONSE);
  if (n < 2)
    {
      if (!g_atomic_int_get (&self->present))
        return check_present (self, error);
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                           _("The virtual card gave no answer."));
      return FALSE;
    }
  *response_len = n;
  return TRUE;
}

static gboolean
myna_virtual_transport_begin_transaction (MynaTransport  *transport,
                                          GError        **error)
{
  return check_present (MYNA_VIRTUAL_TRANSPORT (transport), error);
}

static void
myna_virtual_transport_end_transaction (MynaTransport *transport,
                                        gboolean       unpower)
{
  MynaVirtualTransport *self = MYNA_VIRTUAL_TRANSPORT (transport);

  if (unpower)
    myna_virtual_card_power_off (self->card);
}

static GBytes *
myna_virtual_transport_get_atr (MynaTransport *transport)
{
  MynaVirtualTransport *self = MYNA_VIRTUAL_TRANSPORT (transport);

  if (!g_atomic_int_get (&self->present))
    return NULL;
  return myna_virtual_card_get_atr (self->card);
}

static const char *
myna_virtual_transport_get_name (MynaTransport *transport)
{
  return VIRTUAL_READER_NAME;
}

static void
myna_virtual_transport_iface_init (MynaTransportInterface *iface)
{
  iface->transmit = myna_virtual_transport_transmit;
  iface->begin_transaction = myna_virtual_transport_begin_transaction;
  iface->end_transaction = myna_virtual_transport_end_transaction;
  iface->get_atr = myna_virtual_transport_get_atr;
  iface->get_name = myna_virtual_transport_get_name;
}

static void
myna_virtual_transport_finalize (GObject *object)
{
  MynaVirtualTransport *self = MYNA_VIRTUAL_TRANSPORT (object);

  g_clear_object (&self->card);

  G_OBJECT_CLASS (myna_virtual_transport_parent_class)->finalize (object);
}

static void
myna_virtual_transport_class_init (MynaVirtualTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = myna_virtual_transport_finalize;
}

static void
myna_virtual_transport_init (MynaVirtualTransport *self)
{
  self->present = TRUE;
}

/**
 * myna_virtual_transport_new:
 * @card: the card "in the reader"
 *
 * Returns: (transfer full): a transport holding @card, present
 */
MynaVirtualTransport *
myna_virtual_transport_new (MynaVirtualCard *card)
{
  MynaVirtualTransport *self;

  g_return_val_if_fail (MYNA_IS_VIRTUAL_CARD (card), NULL);

  self = g_object_new (MYNA_TYPE_VIRTUAL_TRANSPORT, NULL);
  self->card = g_object_ref (card);
  return self;
}

/**
 * myna_virtual_transport_get_card:
 *
 * Returns: (transfer none): the card
 */
MynaVirtualCard *
myna_virtual_transport_get_card (MynaVirtualTransport *self)
{
  g_return_val_if_fail (MYNA_IS_VIRTUAL_TRANSPORT (self), NULL);

  return self->card;
}

/**
 * myna_virtual_transport_set_present:
 * @present: %FALSE to pull the card out, %TRUE to put it back
 *
 * Pulling the card powers it off (its security status is lost); every later transmit fails
 * with %MYNA_CARD_ERROR_CARD_REMOVED until it is put back.
 */
void
myna_virtual_transport_set_present (MynaVirtualTransport *self,
                                    gboolean              present)
{
  g_return_if_fail (MYNA_IS_VIRTUAL_TRANSPORT (self));

  g_atomic_int_set (&self->present, present ? TRUE : FALSE);
  if (!present)
    myna_virtual_card_power_off (self->card);
}
