/* myna-json.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The little JSON the CLI and the diagnostics print is written by hand (no json-glib on the
 * dependency list for a few objects); these are the pieces every writer needs.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  myna_json_append_string (GString    *out,
                               const char *value);
void  myna_json_append_time   (GString    *out,
                               GDateTime  *time);
char *myna_hex_string         (GBytes     *bytes);

G_END_DECLS
