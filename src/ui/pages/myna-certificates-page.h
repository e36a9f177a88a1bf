/* myna-certificates-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_CERTIFICATES_PAGE (myna_certificates_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaCertificatesPage, myna_certificates_page, MYNA, CERTIFICATES_PAGE, MynaPage)

MynaCertificatesPage *myna_certificates_page_new (MynaSession *session);

G_END_DECLS
