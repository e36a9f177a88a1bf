/* myna-window.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "myna-session.h"

G_BEGIN_DECLS

#define MYNA_TYPE_WINDOW (myna_window_get_type ())
G_DECLARE_FINAL_TYPE (MynaWindow, myna_window, MYNA, WINDOW, AdwApplicationWindow)

MynaWindow  *myna_window_new          (GtkApplication *application,
                                       MynaSession    *session);
MynaSession *myna_window_get_session  (MynaWindow     *self);
gboolean     myna_window_set_page     (MynaWindow     *self,
                                       const char     *name);
const char  *myna_window_get_page     (MynaWindow     *self);

G_END_DECLS
