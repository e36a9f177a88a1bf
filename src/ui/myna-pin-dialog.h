/* myna-pin-dialog.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "myna-session.h"

G_BEGIN_DECLS

typedef enum
{
  MYNA_PIN_DIALOG_TEST,
  MYNA_PIN_DIALOG_CHANGE,
  MYNA_PIN_DIALOG_READ_SIGN_CERT,
  MYNA_PIN_DIALOG_READ_CARD_INFO,
} MynaPinDialogMode;

#define MYNA_TYPE_PIN_DIALOG (myna_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MynaPinDialog, myna_pin_dialog, MYNA, PIN_DIALOG, AdwWindow)

MynaPinDialog *myna_pin_dialog_new          (GtkWindow         *parent,
                                             MynaSession       *session,
                                             MynaPinKind        kind,
                                             MynaPinDialogMode  mode);
MynaPinKind    myna_pin_dialog_get_kind     (MynaPinDialog     *self);
gboolean       myna_pin_dialog_get_can_submit (MynaPinDialog   *self);

G_END_DECLS
