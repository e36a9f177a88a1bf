/* myna-cli-card.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How main.c opens the card, for sub-commands in their own files: the same --reader rules and
 * the same --demo / --virtual-card global options.
 */

#pragma once

#include "myna-transport.h"

G_BEGIN_DECLS

/* TRUE with --demo or --virtual-card: there is no PC/SC reader to list. */
gboolean       myna_cli_card_is_virtual (void);
gboolean       myna_cli_card_is_demo    (void);
MynaTransport *myna_cli_open_card       (const char  *reader_name,
                                         GError     **error);
/* The virtual card's ATR once it was opened, else NULL. */
GBytes        *myna_cli_virtual_atr     (void);
void           myna_cli_save_virtual_state (void);

G_END_DECLS
