/* myna-page.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "myna-session.h"

G_BEGIN_DECLS

#define MYNA_TYPE_PAGE (myna_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (MynaPage, myna_page, MYNA, PAGE, AdwBin)

/**
 * MynaPageClass:
 * @update: refresh the page from the session (called on every MynaSession::changed)
 */
struct _MynaPageClass
{
  AdwBinClass parent_class;

  void (*update) (MynaPage *page);
};

MynaSession *myna_page_get_session   (MynaPage    *self);
void         myna_page_set_session   (MynaPage    *self,
                                      MynaSession *session);
const char  *myna_page_get_title     (MynaPage    *self);
void         myna_page_set_title     (MynaPage    *self,
                                      const char  *title);
const char  *myna_page_get_icon_name (MynaPage    *self);
void         myna_page_set_icon_name (MynaPage    *self,
                                      const char  *icon_name);
const char  *myna_page_get_summary   (MynaPage    *self);
void         myna_page_set_summary   (MynaPage    *self,
                                      const char  *summary);
void         myna_page_update        (MynaPage    *self);
gboolean     myna_page_focus_first   (MynaPage    *self);
void         myna_show_focus         (GtkWidget   *widget);
void         myna_page_set_waiting   (AdwStatusPage *status,
                                      GtkStack      *stack,
                                      MynaSession   *session,
                                      const char    *not_read,
                                      const char    *reading);
void         myna_keep_focus_in_view (GtkWindow   *window);
void         myna_open_uri           (GtkWidget   *widget,
                                      const char  *uri);
void         myna_open_links_with_fallback (GtkWidget *root);

/* Object data on a MynaWindow: set while its last input was a key rather than a click. */
#define MYNA_LAST_INPUT_KEYBOARD "myna-last-input-keyboard"
void         myna_page_name_rows     (GtkWidget   *root);
void         myna_accessible_name_scrolled (GtkWidget *root,
                                      const char  *name);
void         myna_accessible_set_label (GtkWidget *button,
                                      const char  *label);
void         myna_accessible_set_description (GtkWidget *widget,
                                      const char  *description);
void         myna_accessible_set_row_description (GtkWidget *row,
                                      const char  *description);
void         myna_accessible_name_icon_button (GtkWidget *button,
                                      const char  *label);
void         myna_page_activate_action (MynaPage  *self,
                                      const char  *action,
                                      GVariant    *parameter);

G_END_DECLS
