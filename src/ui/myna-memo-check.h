/* myna-memo-check.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/myna-card-status.h"

G_BEGIN_DECLS

#define MYNA_TYPE_MEMO_CHECK (myna_memo_check_get_type ())
G_DECLARE_FINAL_TYPE (MynaMemoCheck, myna_memo_check, MYNA, MEMO_CHECK, AdwBin)

GtkWidget  *myna_memo_check_new          (MynaPinKind         kind);
void        myna_memo_check_set_status   (MynaMemoCheck      *self,
                                          MynaCardStatus     *status);
void        myna_memo_check_fill         (MynaMemoCheck      *self,
                                          GtkEditable        *entry,
                                          const MynaPinTries *tries);
void        myna_memo_check_submit       (MynaMemoCheck      *self,
                                          const char         *pin_text,
                                          const char         *new_pin_text);
void        myna_memo_check_accepted     (MynaMemoCheck      *self);
gboolean    myna_memo_check_rejected     (MynaMemoCheck      *self);
void        myna_memo_check_cancelled    (MynaMemoCheck      *self);

gboolean    myna_memo_check_get_active   (MynaMemoCheck      *self);
void        myna_memo_check_set_active   (MynaMemoCheck      *self,
                                          gboolean            active);
gboolean    myna_memo_check_get_filled   (MynaMemoCheck      *self);
gboolean    myna_memo_check_get_busy     (MynaMemoCheck      *self);
const char *myna_memo_check_get_note     (MynaMemoCheck      *self);

G_END_DECLS
