/* myna-memo-list.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MYNA_TYPE_MEMO_LIST (myna_memo_list_get_type ())
G_DECLARE_FINAL_TYPE (MynaMemoList, myna_memo_list, MYNA, MEMO_LIST, AdwBin)

GtkWidget *myna_memo_list_new          (void);
void       myna_memo_list_refresh      (MynaMemoList *self);
void       myna_memo_list_set_card_id  (MynaMemoList *self,
                                        const char   *card_id);
gboolean   myna_memo_list_get_loading  (MynaMemoList *self);
guint      myna_memo_list_get_n_memos  (MynaMemoList *self);

G_END_DECLS
