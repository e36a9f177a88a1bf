/* myna-pcsc-transport.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-transport.h"

G_BEGIN_DECLS

#define MYNA_TYPE_PCSC_TRANSPORT (myna_pcsc_transport_get_type ())
G_DECLARE_FINAL_TYPE (MynaPcscTransport, myna_pcsc_transport, MYNA, PCSC_TRANSPORT, GObject)

/* Connects lazily, on the first transmit, from the thread that uses it. */
MynaPcscTransport *myna_pcsc_transport_new (const char *reader_name);

G_END_DECLS
