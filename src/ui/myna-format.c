/* myna-format.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared wording: dates with the Japanese era, tries left, the names and rules of the PINs.
 * Kept in one place so that every page says the same thing the same way.
 */

#define G_LOG_DOMAIN "myna-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-format.h"

typedef struct
{
  int         year, month, day;   /* first day of the era */
  const char *name;
} Era;

static const Era *
find_era (GDateTime *date)
{
  /* Newest first; dates before Meiji get no era. */
  static const Era eras[] = {
    { 2019, 5, 1, N_("Reiwa") },
    { 1989, 1, 8, N_("Heisei") },
    { 1926, 12, 25, N_("Showa") },
    { 1912, 7, 30, N_("Taisho") },
    { 1868, 10, 23, N_("Meiji") },
  };
  int y = g_date_time_get_year (date);
  int m = g_date_time_get_month (date);
  int d = g_date_time_get_day_of_month (date);

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      const Era *e = &eras[i];

      if (y > e->year || (y == e->year && (m > e->month || (m == e->month && d >= e->day))))
        return e;
    }

  return NULL;
}

/**
 * myna_format_date:
 *
 * Returns: (transfer full): the local calendar date, in the translated date format
 *   (Japanese: 2030年5月1日, never 2030/05/01, which a screen reader reads digit by digit).
 */
char *
myna_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  local = g_date_time_to_local (date);
  /* Translators: date format for g_date_time_format(). Japanese: "%Y年%-m月%-d日". */
  return g_date_time_format (local, C_("date format", "%-d %B %Y"));
}

/**
 * myna_format_era_year:
 *
 * Returns: (transfer full) (nullable): the Japanese era year, for example "Reiwa 12".
 */
char *
myna_format_era_year (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;
  const Era *era;
  int year;

  g_return_val_if_fail (date != NULL, NULL);

  local = g_date_time_to_local (date);
  era = find_era (local);
  if (era == NULL)
    return NULL;

  year = g_date_time_get_year (local) - era->year + 1;
  if (year == 1)
    /* Translators: the first year of an era. Japanese: "%s元年". */
    return g_strdup_printf (C_("era first year", "%s 1"), _(era->name));

  /* Translators: an era year: %1$s is the era name, %2$d the year. Japanese: "%1$s%2$d年". */
  return g_strdup_printf (C_("era year", "%1$s %2$d"), _(era->name), year);
}

/**
 * myna_format_date_with_era:
 *
 * Returns: (transfer full): the date followed by its era year, for example
 *   "1 May 2030 (Reiwa 12)".
 */
char *
myna_format_date_with_era (GDateTime *date)
{
  g_autofree char *day = myna_format_date (date);
  g_autofree char *era = myna_format_era_year (date);

  if (era == NULL)
    return g_steal_pointer (&day);

  /* Translators: %1$s is a date, %2$s the era year. Japanese: "%1$s(%2$s)". */
  return g_strdup_printf (C_("date with era", "%1$s (%2$s)"), day, era);
}

/**
 * myna_format_tries:
 *
 * Returns: (transfer full): "2 of 3 tries left", or "Locked".
 */
char *
myna_format_tries (guint    remaining,
                   guint    max,
                   gboolean blocked)
{
  if (blocked || remaining == 0)
    return g_strdup (C_("PIN state", "Locked"));

  /* The noun goes with the total, as in "1 of 3 tries left" (not "1 of 3 try left"). */
  /* Translators: %1$u tries are left out of %2$u; the plural follows %2$u. Japanese:
   * "残り%1$u回(全%2$u回)". */
  return g_strdup_printf (ngettext ("%1$u of %2$u try left", "%1$u of %2$u tries left", max),
                          remaining, max);
}

/**
 * myna_pin_kind_get_noun:
 *
 * The name of a PIN as used inside a sentence ("the %s will be locked").
 */
const char *
myna_pin_kind_get_noun (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return C_("in a sentence", "user authentication PIN");
    case MYNA_PIN_SIGN:
      return C_("in a sentence", "signing password");
    case MYNA_PIN_CARD_INFO:
      return C_("in a sentence", "card information PIN");
    default:
      g_assert_not_reached ();
    }
}

const char *
myna_pin_kind_get_rule (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("4 digits. Locked after 3 wrong entries in a row.");
    case MYNA_PIN_SIGN:
      return _("The signing password has 6 to 16 characters and contains both capital letters (A to Z) and digits (0 to 9). Lower-case letters are treated as capitals. Locked after 5 wrong entries in a row.");
    case MYNA_PIN_CARD_INFO:
      return _("4 digits. Locked after 3 wrong entries in a row.");
    default:
      g_assert_not_reached ();
    }
}

const char *
myna_pin_kind_get_uses (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("Used to prove it is you: logging in to Mynaportal and e-Tax, getting certificates such as a copy of the resident record at a convenience store, and the health insurance check at hospitals.");
    case MYNA_PIN_SIGN:
      return _("Used to sign electronic applications: filing a tax return with e-Tax, applications in Mynaportal, and identity checks of banks and other private services.");
    case MYNA_PIN_CARD_INFO:
      return _("Used when a form is filled in automatically with the name, address, date of birth and sex from the card.");
    default:
      g_assert_not_reached ();
    }
}

const char *
myna_pin_kind_get_lock_effect (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("No Mynaportal log-in with the card, no certificates at convenience stores, and no PIN at the hospital (face recognition still works). Waiting does not unlock it.");
    case MYNA_PIN_SIGN:
      return _("No electronic signatures, so no e-Tax filing or online applications that need one. Waiting does not unlock it.");
    case MYNA_PIN_CARD_INFO:
      return _("Forms can no longer be filled in from the card. It can be reset only at the municipal office.");
    default:
      g_assert_not_reached ();
    }
}
