/* myna-welcome-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_WELCOME_PAGE (myna_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaWelcomePage, myna_welcome_page, MYNA, WELCOME_PAGE, MynaPage)

MynaWelcomePage *myna_welcome_page_new (MynaSession *session);

G_END_DECLS
