/* myna-reset-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_RESET_PAGE (myna_reset_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaResetPage, myna_reset_page, MYNA, RESET_PAGE, MynaPage)

MynaResetPage *myna_reset_page_new        (MynaSession   *session);
void           myna_reset_page_show_guide (MynaResetPage *self,
                                           const char    *pin,
                                           const char    *situation);

G_END_DECLS
