/* myna-reminder.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-reminder"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "myna-reminder.h"

/* How often a reminder is repeated while renewal is not possible yet: the user asked to be
 * told how long is left, not to see the same banner every day for five years. */
#define OK_REPEAT_DAYS 30

/**
 * myna_reminder_parse_date:
 * @iso: (nullable): "YYYY-MM-DD"
 * @date: (out): the date
 *
 * Returns: %TRUE if @iso is a valid calendar date in exactly that form
 */
gboolean
myna_reminder_parse_date (const char *iso,
                          GDate      *date)
{
  guint y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (iso, NULL, 10);
  m = (guint) g_ascii_strtoull (iso + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (iso + 8, NULL, 10);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * myna_reminder_format_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): "YYYY-MM-DD"
 */
char *
myna_reminder_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static void
date_from_datetime (GDate     *date,
                    GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

/**
 * myna_reminder_expiry_from_not_after:
 * @not_after: a certificate's notAfter
 *
 * The date kept in GSettings: the local calendar day of the last valid second (JPKI
 * certificates end at 23:59:59 Japan time, so that is the date printed on the notice).
 *
 * Returns: (transfer full): "YYYY-MM-DD"
 */
char *
myna_reminder_expiry_from_not_after (GDateTime *not_after)
{
  GDate date;

  g_return_val_if_fail (not_after != NULL, NULL);

  date_from_datetime (&date, not_after);
  return myna_reminder_format_iso (&date);
}

/**
 * myna_reminder_evaluate:
 * @reminder: (out caller-allocates): the result
 * @cert: which certificate @expiry_iso belongs to
 * @expiry_iso: (nullable): the kept expiry date, "YYYY-MM-DD"; empty or %NULL when unknown
 * @now: the current time (injected so that tests can set the clock)
 *
 * Renewal is possible at the office from the same calendar day 3 months before the expiry
 * date (clamped to the end of a shorter month), up to and including the expiry date.
 */
void
myna_reminder_evaluate (MynaReminder     *reminder,
                        MynaReminderCert  cert,
                        const char       *expiry_iso,
                        GDateTime        *now)
{
  GDate today;

  g_return_if_fail (reminder != NULL);
  g_return_if_fail (now != NULL);

  memset (reminder, 0, sizeof *reminder);
  reminder->cert = cert;
  reminder->state = MYNA_REMINDER_NONE;
  g_date_clear (&reminder->window_start, 1);

  if (!myna_reminder_parse_date (expiry_iso, &reminder->expiry))
    return;

  date_from_datetime (&today, now);
  reminder->window_start = reminder->expiry;
  g_date_subtract_months (&reminder->window_start, MYNA_REMINDER_RENEWAL_MONTHS);
  reminder->days_left = g_date_days_between (&today, &reminder->expiry);

  if (reminder->days_left < 0)
    reminder->state = MYNA_REMINDER_EXPIRED;
  else if (g_date_compare (&today, &reminder->window_start) >= 0)
    reminder->state = MYNA_REMINDER_RENEWAL;
  else
    reminder->state = MYNA_REMINDER_OK;
}

/**
 * myna_reminder_most_urgent:
 * @a: a reminder
 * @b: another reminder
 *
 * Returns: (transfer none): the one to show first: expired before renewal before ok, then
 *   the earlier expiry date; %NULL when neither has a date
 */
const MynaReminder *
myna_reminder_most_urgent (const MynaReminder *a,
                           const MynaReminder *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  if (a->state == MYNA_REMINDER_NONE && b->state == MYNA_REMINDER_NONE)
    return NULL;
  if (a->state != b->state)
    return a->state > b->state ? a : b;
  return a->days_left <= b->days_left ? a : b;
}

/**
 * myna_reminder_should_show:
 * @reminder: a reminder
 * @last_shown_iso: (nullable): the day a reminder was last shown, "YYYY-MM-DD"
 * @now: the current time
 *
 * In the renewal window and after expiry a reminder is shown once a day; before that, once
 * every 30 days, just to say how long is left.
 */
gboolean
myna_reminder_should_show (const MynaReminder *reminder,
                           const char         *last_shown_iso,
                           GDateTime          *now)
{
  GDate today, last;
  gint since;

  g_return_val_if_fail (reminder != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (reminder->state == MYNA_REMINDER_NONE)
    return FALSE;
  if (!myna_reminder_parse_date (last_shown_iso, &last))
    return TRUE;

  date_from_datetime (&today, now);
  since = g_date_days_between (&last, &today);
  /* A date in the future means the clock was wrong; show rather than stay silent. */
  if (since < 0)
    return TRUE;
  if (reminder->state == MYNA_REMINDER_OK)
    return since >= OK_REPEAT_DAYS;
  return since >= 1;
}

/**
 * myna_reminder_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date for people, in the user's language
 */
char *
myna_reminder_format_date (const GDate *date)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
  /* Translators: a date for g_date_time_format(), e.g. "April 1, 2030". In Japanese use
   * "%Y年%-m月%-d日" (never slashes: screen readers read them as pauses). */
  return g_date_time_format (time, _("%B %-d, %Y"));
}

/**
 * myna_reminder_get_title:
 * @reminder: a reminder with a date
 *
 * Returns: (transfer full) (nullable): one sentence: how long is left, or since when the
 *   certificate has expired; %NULL for %MYNA_REMINDER_NONE
 */
char *
myna_reminder_get_title (const MynaReminder *reminder)
{
  gboolean auth;
  g_autofree char *date = NULL;

  g_return_val_if_fail (reminder != NULL, NULL);

  if (reminder->state == MYNA_REMINDER_NONE)
    return NULL;

  auth = reminder->cert == MYNA_REMINDER_CERT_AUTH;
  date = myna_reminder_format_date (&reminder->expiry);

  if (reminder->state == MYNA_REMINDER_EXPIRED)
    return g_strdup_printf (auth ? _("The user authentication certificate expired on %s.")
                                 : _("The signing certificate expired on %s."), date);

  /* 0 and 1 have their own sentences: "1 day" reads badly in Japanese speech. */
  if (reminder->days_left == 0)
    return g_strdup (auth ? _("The user authentication certificate expires today.")
                          : _("The signing certificate expires today."));
  if (reminder->days_left == 1)
    return g_strdup (auth ? _("The user authentication certificate expires tomorrow.")
                          : _("The signing certificate expires tomorrow."));

  if (auth)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The user authentication certificate expires on %s, in %d day.",
                                         "The user authentication certificate expires on %s, in %d days.",
                                         reminder->days_left),
                            date, reminder->days_left);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The signing certificate expires on %s, in %d day.",
                                       "The signing certificate expires on %s, in %d days.",
                                       reminder->days_left),
                          date, reminder->days_left);
}

/**
 * myna_reminder_get_advice:
 * @reminder: a reminder with a date
 *
 * Returns: (transfer full) (nullable): what to do now, the 5th-birthday rule, and that the
 *   card has an expiry date of its own; %NULL for %MYNA_REMINDER_NONE
 */
char *
myna_reminder_get_advice (const MynaReminder *reminder)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *start = NULL;

  g_return_val_if_fail (reminder != NULL, NULL);

  if (reminder->state == MYNA_REMINDER_NONE)
    return NULL;

  start = myna_reminder_format_date (&reminder->window_start);

  switch (reminder->state)
    {
    case MYNA_REMINDER_OK:
      g_string_append_printf (text,
                              _("Renewal becomes possible on %s, 3 months before the expiry date, "
                                "at the municipal office where you are registered as a resident."),
                              start);
      break;
    case MYNA_REMINDER_RENEWAL:
      g_string_append (text,
                       _("You can renew it now, free of charge, at the municipal office where you "
                         "are registered as a resident; it cannot be renewed online. J-LIS mails an "
                         "expiry notice (有効期限通知書) about 2 to 3 months before the date. Take "
                         "the notice and your card, and make sure you know your PINs, or have them "
                         "reset first."));
      break;
    case MYNA_REMINDER_EXPIRED:
      g_string_append (text,
                       _("Resetting a PIN will not make it usable again. Apply for a new "
                         "certificate at the municipal office where you are registered as a "
                         "resident."));
      /* The insurance grace period hangs on the user authentication certificate only. */
      if (reminder->cert == MYNA_REMINDER_CERT_AUTH)
        {
          g_string_append_c (text, ' ');
          g_string_append (text,
                           _("As a health insurance card, the card keeps working until the end "
                             "of the third month after the month of expiry."));
        }
      break;
    case MYNA_REMINDER_NONE:
    default:
      g_assert_not_reached ();
    }

  g_string_append_c (text, ' ');
  g_string_append (text,
                   _("Electronic certificates are valid until the 5th birthday after they were "
                     "issued, never longer than the card. The card itself has its own expiry date, "
                     "printed on its front (for adults usually the 10th birthday after issue); "
                     "renewing the certificates does not renew the card."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}
