/* test-reminder.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expiry reminders (myna-reminder.c) with the clock set by the test: the state on each side of
 * the 3-month renewal boundary, on the expiry day, after it and far before it, and when a
 * reminder is shown again. Runs in Japan time, where the certificates' dates are printed.
 */

#define G_LOG_DOMAIN "test-reminder"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "myna-reminder.h"

static GDateTime *
local_noon (const char *iso)
{
  GDate date;

  g_assert_true (myna_reminder_parse_date (iso, &date));
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
}

typedef struct
{
  const char       *now;
  const char       *expiry;
  MynaReminderState state;
  int               days_left;
} Case;

static const Case cases[] = {
  /* Expiry on the 15th: renewal opens on the 15th three months earlier. */
  { "2030-01-14", "2030-04-15", MYNA_REMINDER_OK, 91 },
  { "2030-01-15", "2030-04-15", MYNA_REMINDER_RENEWAL, 90 },
  { "2030-01-16", "2030-04-15", MYNA_REMINDER_RENEWAL, 89 },
  { "2030-04-14", "2030-04-15", MYNA_REMINDER_RENEWAL, 1 },
  { "2030-04-15", "2030-04-15", MYNA_REMINDER_RENEWAL, 0 },
  { "2030-04-16", "2030-04-15", MYNA_REMINDER_EXPIRED, -1 },
  /* End of a long month: 3 months before 31 May is the last day of February. */
  { "2030-02-27", "2030-05-31", MYNA_REMINDER_OK, 93 },
  { "2030-02-28", "2030-05-31", MYNA_REMINDER_RENEWAL, 92 },
  { "2030-06-01", "2030-05-31", MYNA_REMINDER_EXPIRED, -1 },
  /* Leap year. */
  { "2032-02-28", "2032-05-29", MYNA_REMINDER_OK, 91 },
  { "2032-02-29", "2032-05-29", MYNA_REMINDER_RENEWAL, 90 },
  /* Across a year end. */
  { "2029-10-31", "2030-01-31", MYNA_REMINDER_RENEWAL, 92 },
  { "2029-10-30", "2030-01-31", MYNA_REMINDER_OK, 93 },
  /* Far future and long expired. */
  { "2025-11-26", "2030-11-25", MYNA_REMINDER_OK, 1825 },
  { "2036-01-01", "2030-11-25", MYNA_REMINDER_EXPIRED, -1863 },
  /* Unknown dates. */
  { "2030-01-01", "", MYNA_REMINDER_NONE, 0 },
  { "2030-01-01", NULL, MYNA_REMINDER_NONE, 0 },
  { "2030-01-01", "2030-02-30", MYNA_REMINDER_NONE, 0 },
  { "2030-01-01", "2030-1-5", MYNA_REMINDER_NONE, 0 },
  { "2030-01-01", "20300105xx", MYNA_REMINDER_NONE, 0 },
};

static void
test_states (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GDateTime) now = local_noon (c->now);
      MynaReminder r;

      myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_AUTH, c->expiry, now);
      g_test_message ("now %s, expiry %s", c->now, c->expiry ? c->expiry : "(null)");
      g_assert_cmpint (r.state, ==, c->state);
      if (c->state != MYNA_REMINDER_NONE)
        g_assert_cmpint (r.days_left, ==, c->days_left);
    }
}

/* The time of day does not matter, only the local date: just after midnight and just before. */
static void
test_time_of_day (void)
{
  g_autoptr(GDateTime) early = g_date_time_new_local (2030, 1, 15, 0, 0, 1);
  g_autoptr(GDateTime) late = g_date_time_new_local (2030, 1, 14, 23, 59, 59);
  g_autoptr(GDateTime) after = g_date_time_new_local (2030, 4, 16, 0, 0, 0);
  MynaReminder r;

  myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_SIGN, "2030-04-15", early);
  g_assert_cmpint (r.state, ==, MYNA_REMINDER_RENEWAL);
  myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_SIGN, "2030-04-15", late);
  g_assert_cmpint (r.state, ==, MYNA_REMINDER_OK);
  myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_SIGN, "2030-04-15", after);
  g_assert_cmpint (r.state, ==, MYNA_REMINDER_EXPIRED);
  g_assert_cmpint (r.cert, ==, MYNA_REMINDER_CERT_SIGN);
}

/* notAfter is a UTC time; JPKI certificates end at 23:59:59 in Japan, which is 14:59:59Z. */
static void
test_expiry_from_not_after (void)
{
  g_autoptr(GDateTime) last_second = g_date_time_new_utc (2030, 4, 15, 14, 59, 59);
  g_autoptr(GDateTime) next_day = g_date_time_new_utc (2030, 4, 15, 15, 0, 0);
  g_autofree char *a = myna_reminder_expiry_from_not_after (last_second);
  g_autofree char *b = myna_reminder_expiry_from_not_after (next_day);

  g_assert_cmpstr (a, ==, "2030-04-15");
  g_assert_cmpstr (b, ==, "2030-04-16");
}

static void
test_most_urgent (void)
{
  g_autoptr(GDateTime) now = local_noon ("2030-02-01");
  MynaReminder auth, sign, none_a, none_b;

  myna_reminder_evaluate (&auth, MYNA_REMINDER_CERT_AUTH, "2031-01-01", now);
  myna_reminder_evaluate (&sign, MYNA_REMINDER_CERT_SIGN, "2030-04-01", now);
  g_assert_true (myna_reminder_most_urgent (&auth, &sign) == &sign);
  g_assert_true (myna_reminder_most_urgent (&sign, &auth) == &sign);

  /* Both fine: the earlier date. */
  myna_reminder_evaluate (&auth, MYNA_REMINDER_CERT_AUTH, "2031-01-01", now);
  myna_reminder_evaluate (&sign, MYNA_REMINDER_CERT_SIGN, "2032-01-01", now);
  g_assert_true (myna_reminder_most_urgent (&auth, &sign) == &auth);

  /* Expired beats renewal even when renewal ends sooner in absolute terms. */
  myna_reminder_evaluate (&auth, MYNA_REMINDER_CERT_AUTH, "2030-01-31", now);
  myna_reminder_evaluate (&sign, MYNA_REMINDER_CERT_SIGN, "2030-02-02", now);
  g_assert_true (myna_reminder_most_urgent (&sign, &auth) == &auth);

  /* One unknown. */
  myna_reminder_evaluate (&none_a, MYNA_REMINDER_CERT_AUTH, "", now);
  g_assert_true (myna_reminder_most_urgent (&none_a, &sign) == &sign);
  myna_reminder_evaluate (&none_b, MYNA_REMINDER_CERT_SIGN, NULL, now);
  g_assert_null (myna_reminder_most_urgent (&none_a, &none_b));
}

static void
test_should_show (void)
{
  g_autoptr(GDateTime) now = local_noon ("2030-03-01");
  MynaReminder renewal, ok, none;

  myna_reminder_evaluate (&renewal, MYNA_REMINDER_CERT_AUTH, "2030-04-15", now);
  myna_reminder_evaluate (&ok, MYNA_REMINDER_CERT_AUTH, "2031-04-15", now);
  myna_reminder_evaluate (&none, MYNA_REMINDER_CERT_AUTH, "", now);
  g_assert_cmpint (renewal.state, ==, MYNA_REMINDER_RENEWAL);
  g_assert_cmpint (ok.state, ==, MYNA_REMINDER_OK);

  /* Renewal: once a day. */
  g_assert_true (myna_reminder_should_show (&renewal, "", now));
  g_assert_true (myna_reminder_should_show (&renewal, NULL, now));
  g_assert_false (myna_reminder_should_show (&renewal, "2030-03-01", now));
  g_assert_true (myna_reminder_should_show (&renewal, "2030-02-28", now));
  /* A "last shown" in the future (clock moved back): show. */
  g_assert_true (myna_reminder_should_show (&renewal, "2030-03-02", now));

  /* Before the window: every 30 days. */
  g_assert_true (myna_reminder_should_show (&ok, "", now));
  g_assert_false (myna_reminder_should_show (&ok, "2030-03-01", now));
  g_assert_false (myna_reminder_should_show (&ok, "2030-02-01", now));   /* 28 days */
  g_assert_true (myna_reminder_should_show (&ok, "2030-01-30", now));    /* 30 days */

  g_assert_false (myna_reminder_should_show (&none, "", now));
}

static void
test_texts (void)
{
  static const struct
  {
    const char *now;
    const char *expiry;
    MynaReminderCert cert;
    const char *title_has;
    const char *advice_has;
  } texts[] = {
    { "2030-04-15", "2030-04-15", MYNA_REMINDER_CERT_AUTH, "user authentication certificate expires today", "renew it now" },
    { "2030-04-14", "2030-04-15", MYNA_REMINDER_CERT_SIGN, "signing certificate expires tomorrow", "expiry notice" },
    { "2030-04-13", "2030-04-15", MYNA_REMINDER_CERT_AUTH, "in 2 days", "municipal office" },
    { "2030-04-16", "2030-04-15", MYNA_REMINDER_CERT_SIGN, "expired on April 15, 2030", "Resetting a PIN will not" },
    { "2029-01-01", "2030-04-15", MYNA_REMINDER_CERT_AUTH, "expires on April 15, 2030, in 469 days", "possible on January 15, 2030" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GDateTime) now = local_noon (texts[i].now);
      g_autofree char *title = NULL, *advice = NULL;
      MynaReminder r;

      myna_reminder_evaluate (&r, texts[i].cert, texts[i].expiry, now);
      title = myna_reminder_get_title (&r);
      advice = myna_reminder_get_advice (&r);
      g_test_message ("%s / %s", title, advice);
      g_assert_nonnull (strstr (title, texts[i].title_has));
      g_assert_nonnull (strstr (advice, texts[i].advice_has));
      /* Every piece of advice explains the 5th-birthday rule and the card's own date. */
      g_assert_nonnull (strstr (advice, "5th birthday"));
      g_assert_nonnull (strstr (advice, "card itself has its own expiry date"));
    }

  /* The insurance grace period belongs to the user authentication certificate only. */
  {
    g_autoptr(GDateTime) now = local_noon ("2030-05-01");
    g_autofree char *auth_advice = NULL, *sign_advice = NULL;
    MynaReminder r;

    myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_AUTH, "2030-04-15", now);
    auth_advice = myna_reminder_get_advice (&r);
    myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_SIGN, "2030-04-15", now);
    sign_advice = myna_reminder_get_advice (&r);
    g_assert_nonnull (strstr (auth_advice, "health insurance card"));
    g_assert_null (strstr (sign_advice, "health insurance card"));
  }

  {
    g_autoptr(GDateTime) now = local_noon ("2030-01-01");
    MynaReminder r;

    myna_reminder_evaluate (&r, MYNA_REMINDER_CERT_AUTH, "", now);
    g_assert_null (myna_reminder_get_title (&r));
    g_assert_null (myna_reminder_get_advice (&r));
  }
}

static void
test_iso_round_trip (void)
{
  GDate date;
  g_autofree char *iso = NULL;

  g_assert_true (myna_reminder_parse_date ("2032-02-29", &date));
  iso = myna_reminder_format_iso (&date);
  g_assert_cmpstr (iso, ==, "2032-02-29");
  g_assert_false (myna_reminder_parse_date ("2031-02-29", &date));
  g_assert_false (myna_reminder_parse_date ("2031-13-01", &date));
  g_assert_false (myna_reminder_parse_date (" 2031-01-01", &date));
}

int
main (int    argc,
      char **argv)
{
  /* Dates are local dates; fix the zone so the suite means the same everywhere. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminder/states", test_states);
  g_test_add_func ("/reminder/time-of-day", test_time_of_day);
  g_test_add_func ("/reminder/expiry-from-not-after", test_expiry_from_not_after);
  g_test_add_func ("/reminder/most-urgent", test_most_urgent);
  g_test_add_func ("/reminder/should-show", test_should_show);
  g_test_add_func ("/reminder/texts", test_texts);
  g_test_add_func ("/reminder/iso", test_iso_round_trip);

  return g_test_run ();
}
