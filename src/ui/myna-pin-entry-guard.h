/* myna-pin-entry-guard.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void      myna_pin_entry_guard_attach   (GtkPasswordEntry *entry);
char     *myna_pin_entry_guard_dup_text (GtkPasswordEntry *entry);
gboolean  myna_pin_entry_guard_is_empty (GtkPasswordEntry *entry);

G_END_DECLS
