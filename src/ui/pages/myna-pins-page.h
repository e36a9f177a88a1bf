/* myna-pins-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_PINS_PAGE (myna_pins_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaPinsPage, myna_pins_page, MYNA, PINS_PAGE, MynaPage)

MynaPinsPage *myna_pins_page_new (MynaSession *session);

G_END_DECLS
