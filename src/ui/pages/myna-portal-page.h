/* myna-portal-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_PORTAL_PAGE (myna_portal_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaPortalPage, myna_portal_page, MYNA, PORTAL_PAGE, MynaPage)

MynaPortalPage *myna_portal_page_new (MynaSession *session);

G_END_DECLS
