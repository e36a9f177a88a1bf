/* myna-reminder.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expiry reminders: pure logic over dates. The caller passes "now", so tests can move the
 * clock; nothing here reads the clock, GSettings or the card.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MynaReminderState:
 * @MYNA_REMINDER_NONE: no expiry date is known (reminders off, or never read)
 * @MYNA_REMINDER_OK: valid, and renewal is not possible yet
 * @MYNA_REMINDER_RENEWAL: within the renewal window (from 3 months before the expiry date up
 *   to and including the expiry date)
 * @MYNA_REMINDER_EXPIRED: the expiry date has passed
 */
typedef enum
{
  MYNA_REMINDER_NONE,
  MYNA_REMINDER_OK,
  MYNA_REMINDER_RENEWAL,
  MYNA_REMINDER_EXPIRED,
} MynaReminderState;

typedef enum
{
  MYNA_REMINDER_CERT_AUTH,
  MYNA_REMINDER_CERT_SIGN,
} MynaReminderCert;

#define MYNA_REMINDER_RENEWAL_MONTHS 3

typedef struct
{
  MynaReminderCert  cert;
  MynaReminderState state;
  GDate             expiry;        /* last valid day (local date); invalid with _NONE */
  GDate             window_start;  /* first day renewal is possible */
  gint              days_left;     /* expiry - today: 0 = last day, negative once expired */
} MynaReminder;

gboolean          myna_reminder_parse_date     (const char        *iso,
                                                GDate             *date);
char             *myna_reminder_format_iso     (const GDate       *date);
char             *myna_reminder_expiry_from_not_after (GDateTime  *not_after);

void              myna_reminder_evaluate       (MynaReminder      *reminder,
                                                MynaReminderCert   cert,
                                                const char        *expiry_iso,
                                                GDateTime         *now);
const MynaReminder *myna_reminder_most_urgent  (const MynaReminder *a,
                                                const MynaReminder *b);
gboolean          myna_reminder_should_show    (const MynaReminder *reminder,
                                                const char        *last_shown_iso,
                                                GDateTime         *now);

char             *myna_reminder_format_date    (const GDate       *date);
char             *myna_reminder_get_title      (const MynaReminder *reminder);
char             *myna_reminder_get_advice     (const MynaReminder *reminder);

G_END_DECLS
