/* myna-text-normalize.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Folding of Japanese place names for matching. The office data compiler
 * (tools/myna-office-compile.c) and the office directory share this code, so the
 * keys stored in the compiled data and the keys made from what a user types are
 * always folded the same way.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *myna_text_fold           (const char *text);
char     *myna_text_fold_town      (const char *text);
gboolean  myna_text_is_space_char  (gunichar    c);

G_END_DECLS
