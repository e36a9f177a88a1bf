/* myna-reader-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-page.h"

G_BEGIN_DECLS

#define MYNA_TYPE_READER_PAGE (myna_reader_page_get_type ())
G_DECLARE_FINAL_TYPE (MynaReaderPage, myna_reader_page, MYNA, READER_PAGE, MynaPage)

MynaReaderPage *myna_reader_page_new (MynaSession *session);

G_END_DECLS
