/* myna-application.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MYNA_TYPE_APPLICATION (myna_application_get_type ())
G_DECLARE_FINAL_TYPE (MynaApplication, myna_application, MYNA, APPLICATION, AdwApplication)

MynaApplication *myna_application_new (void);

G_END_DECLS
