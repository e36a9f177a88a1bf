/* myna-jpki-private.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-jpki.h"

G_BEGIN_DECLS

/* As myna_jpki_query_tries(), for a PIN of the AP that is already selected (saves a SELECT). */
gboolean _myna_jpki_query_tries_in_ap (MynaTransport  *transport,
                                       MynaPinKind     kind,
                                       guint          *remaining,
                                       gboolean       *verified,
                                       GError        **error);

G_END_DECLS
