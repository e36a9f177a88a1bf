/* myna-virtual-transport.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core/myna-transport.h"
#include "myna-virtual-card.h"

G_BEGIN_DECLS

#define MYNA_TYPE_VIRTUAL_TRANSPORT (myna_virtual_transport_get_type ())
G_DECLARE_FINAL_TYPE (MynaVirtualTransport, myna_virtual_transport, MYNA, VIRTUAL_TRANSPORT, GObject)

/* The in-process transport for tests and the demo: sleeps the card's latency per APDU.
 * myna_virtual_transport_set_present (FALSE) simulates pulling the card out. */
MynaVirtualTransport *myna_virtual_transport_new         (MynaVirtualCard      *card);
MynaVirtualCard      *myna_virtual_transport_get_card    (MynaVirtualTransport *self);
void                  myna_virtual_transport_set_present (MynaVirtualTransport *self,
                                                          gboolean              present);

G_END_DECLS
