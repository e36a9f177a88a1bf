/* myna-diagnostics-dialog.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/myna-diagnostics.h"
#include "myna-session.h"

G_BEGIN_DECLS

#define MYNA_TYPE_DIAGNOSTICS_DIALOG (myna_diagnostics_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MynaDiagnosticsDialog, myna_diagnostics_dialog, MYNA, DIAGNOSTICS_DIALOG, AdwWindow)

MynaDiagnosticsDialog *myna_diagnostics_dialog_new        (GtkWindow             *parent,
                                                           MynaDiagnostics       *report);
MynaDiagnosticsDialog *myna_diagnostics_dialog_new_for_session (GtkWindow        *parent,
                                                           MynaSession           *session);
const char            *myna_diagnostics_dialog_get_text   (MynaDiagnosticsDialog *self);
gboolean               myna_diagnostics_dialog_get_include_personal_data (MynaDiagnosticsDialog *self);
void                   myna_diagnostics_dialog_set_include_personal_data (MynaDiagnosticsDialog *self,
                                                           gboolean               include);
void                   myna_diagnostics_dialog_copy       (MynaDiagnosticsDialog *self);

MynaDiagnostics       *myna_diagnostics_new_for_session   (MynaSession           *session);

G_END_DECLS
