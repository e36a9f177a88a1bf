/* myna-office-finder.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/myna-office-directory.h"

G_BEGIN_DECLS

#define MYNA_TYPE_OFFICE_FINDER (myna_office_finder_get_type ())

G_DECLARE_FINAL_TYPE (MynaOfficeFinder, myna_office_finder, MYNA, OFFICE_FINDER, AdwBin)

GtkWidget *myna_office_finder_new         (void);
void       myna_office_finder_search      (MynaOfficeFinder *self,
                                           const char       *text);
void       myna_office_finder_search_card_address (MynaOfficeFinder *self,
                                                   const char       *address);
GPtrArray *myna_office_finder_get_results (MynaOfficeFinder *self);
char      *myna_office_finder_map_uri     (double            lat,
                                           double            lon);
void       myna_office_finder_set_pin_name (MynaOfficeFinder *self,
                                            const char       *pin_name);
char      *myna_office_finder_checklist_markup (MynaOfficeFinder *self,
                                                const MynaOffice *office);
gboolean   myna_office_finder_export_checklist (MynaOfficeFinder *self,
                                                const MynaOffice *office,
                                                const char       *pdf_path,
                                                GError          **error);

G_END_DECLS
