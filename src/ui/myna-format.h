/* myna-format.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/myna-pin.h"   /* myna_pin_kind_get_title() lives there */

G_BEGIN_DECLS

char       *myna_format_date            (GDateTime   *date);
char       *myna_format_era_year        (GDateTime   *date);
char       *myna_format_date_with_era   (GDateTime   *date);
char       *myna_format_tries           (guint        remaining,
                                         guint        max,
                                         gboolean     blocked);
const char *myna_pin_kind_get_noun      (MynaPinKind  kind);
const char *myna_pin_kind_get_rule      (MynaPinKind  kind);
const char *myna_pin_kind_get_uses      (MynaPinKind  kind);
const char *myna_pin_kind_get_lock_effect (MynaPinKind kind);

G_END_DECLS
