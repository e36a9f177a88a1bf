/* myna-reminder-banner.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/myna-card-status.h"
#include "core/myna-reminder.h"

G_BEGIN_DECLS

#define MYNA_TYPE_REMINDER_BANNER (myna_reminder_banner_get_type ())
G_DECLARE_FINAL_TYPE (MynaReminderBanner, myna_reminder_banner, MYNA, REMINDER_BANNER, AdwBin)

GtkWidget  *myna_reminder_banner_new                (GSettings          *settings);
void        myna_reminder_banner_set_now            (MynaReminderBanner *self,
                                                     GDateTime          *now);
void        myna_reminder_banner_update             (MynaReminderBanner *self);
void        myna_reminder_banner_remember_status    (MynaReminderBanner *self,
                                                     MynaCardStatus     *status);
void        myna_reminder_banner_remember_certificate (MynaReminderBanner *self,
                                                     MynaReminderCert    cert,
                                                     MynaCertificate    *certificate);
gboolean    myna_reminder_banner_get_revealed       (MynaReminderBanner *self);
const char *myna_reminder_banner_get_title          (MynaReminderBanner *self);
const char *myna_reminder_banner_get_advice         (MynaReminderBanner *self);

GtkWidget  *myna_reminder_consent_row_new           (GSettings          *settings);

G_END_DECLS
