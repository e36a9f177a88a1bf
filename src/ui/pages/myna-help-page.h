/* myna-help-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_HELP_PAGE (myna_help_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaHelpPage, myna_help_page, MYNA, HELP_PAGE, MynaPage)

MynaHelpPage *myna_help_page_new (MynaSession *session);

G_END_DECLS
