/* myna-text-normalize.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-text"

#include "config.h"

#include <string.h>

#include "myna-text-normalize.h"

/* Characters that people, Japan Post and the Digital Agency write in different
 * ways for the same place. ヶ/ケ/ヵ/が/ガ all appear in names read "ga"
 * (鎌ケ谷市 is written 鎌ヶ谷 on many signs, 関ケ原 as 関が原); の/ノ/之 likewise.
 * Old kanji forms (龍 for 竜 and the like) are folded to the form most sources use. */
static const struct
{
  gunichar from;
  gunichar to;
} fold_table[] = {
  { 0x30F6, 0x30B1 },           /* ヶ → ケ */
  { 0x30F5, 0x30B1 },           /* ヵ → ケ */
  { 0x30AC, 0x30B1 },           /* ガ → ケ (が is already katakana here) */
  { 0x4E4B, 0x30CE },           /* 之 → ノ */
  { 0x9F8D, 0x7ADC },           /* 龍 → 竜 */
  { 0x6A9C, 0x6867 },           /* 檜 → 桧 */
  { 0x6FA4, 0x6CA2 },           /* 澤 → 沢 */
  { 0x6FF1, 0x6D5C },           /* 濱 → 浜 */
  { 0x908A, 0x8FBA },           /* 邊 → 辺 */
  { 0x9089, 0x8FBA },           /* 邉 → 辺 */
  { 0x9F4B, 0x658E },           /* 齋 → 斎 */
  { 0x9F4A, 0x6589 },           /* 齊 → 斉 */
  { 0x5D8B, 0x5CF6 },           /* 嶋 → 島 */
  { 0x5D8C, 0x5CF6 },           /* 嶌 → 島 */
  { 0xFA11, 0x5D0E },           /* 﨑 → 崎 */
  { 0x5D5C, 0x5D0E },           /* 嵜 → 崎 */
  { 0x570B, 0x56FD },           /* 國 → 国 */
  { 0x7E23, 0x770C },           /* 縣 → 県 */
  { 0x9A52, 0x9A28 },           /* 驒 → 騨 */
  { 0x5CEF, 0x5CF0 },           /* 峯 → 峰 */
  { 0x8218, 0x9928 },           /* 舘 → 館 */
  { 0x95DC, 0x95A2 },           /* 關 → 関 */
  { 0x5EE3, 0x5E83 },           /* 廣 → 広 */
  { 0x2010, '-' },              /* hyphens and dashes people type in addresses */
  { 0x2011, '-' },
  { 0x2012, '-' },
  { 0x2013, '-' },
  { 0x2014, '-' },
  { 0x2015, '-' },
  { 0x2212, '-' },
};

gboolean
myna_text_is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

static gunichar
fold_char (gunichar c)
{
  /* Hiragana → katakana, so かすみがうら and カスミガウラ (the reading) compare equal. */
  if (c >= 0x3041 && c <= 0x3096)
    c += 0x60;

  for (guint i = 0; i < G_N_ELEMENTS (fold_table); i++)
    if (fold_table[i].from == c)
      return fold_table[i].to;

  return c;
}

/**
 * myna_text_fold:
 * @text: UTF-8 text, possibly invalid
 *
 * Folds a place name for comparison: NFKC (full-width digits and letters become
 * ASCII), white space removed, hiragana turned into katakana, and the variant
 * characters of fold_table folded. Invalid UTF-8 yields an empty string.
 *
 * Returns: (transfer full): the folded text
 */
char *
myna_text_fold (const char *text)
{
  g_autofree char *nfkc = NULL;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (nfkc));
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (myna_text_is_space_char (c))
        continue;
      g_string_append_unichar (out, fold_char (c));
    }

  return g_string_free (out, FALSE);
}

static int
kanji_digit (gunichar c)
{
  static const gunichar digits[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                     0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };  /* 〇一二…九 */

  for (int i = 0; i < 10; i++)
    if (digits[i] == c)
      return i;
  return -1;
}

static int
kanji_unit (gunichar c)
{
  return c == 0x5341 ? 10 : c == 0x767E ? 100 : c == 0x5343 ? 1000 : 0;  /* 十 百 千 */
}

/* Kanji numerals to ASCII digits ("北一条西" → "北1条西", "二十四軒" → "24軒"), so a
 * town matches whichever way the user writes its number. Applied to both sides. */
static char *
arabic_numerals (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      guint total = 0, current = 0;
      gboolean in_number = FALSE;

      while (kanji_digit (c) >= 0 || kanji_unit (c) > 0)
        {
          int d = kanji_digit (c);

          if (d >= 0)
            current = current * 10 + (guint) d;
          else
            {
              total += (current > 0 ? current : 1) * (guint) kanji_unit (c);
              current = 0;
            }
          in_number = TRUE;
          p = g_utf8_next_char (p);
          c = g_utf8_get_char (p);
          if (total + current > 100000)
            break;
        }

      if (in_number)
        {
          g_string_append_printf (out, "%u", total + current);
          continue;
        }
      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * myna_text_fold_town:
 * @text: a town name (町域) as Japan Post writes it, or the rest of an address
 *
 * Folds like myna_text_fold(), writes kanji numerals as ASCII digits, then drops
 * what a person leaves out when writing an address: a parenthesised remark
 * ("北十条西(1〜4丁目)") and a leading 大字 or 字.
 *
 * Returns: (transfer full): the folded town key, possibly empty
 */
char *
myna_text_fold_town (const char *text)
{
  g_autofree char *plain = myna_text_fold (text);
  g_autofree char *folded = arabic_numerals (plain);
  const char *start = folded;
  const char *paren;

  if (g_str_has_prefix (start, "大字"))
    start += strlen ("大字");
  else if (g_str_has_prefix (start, "字"))
    start += strlen ("字");

  paren = strchr (start, '(');
  if (paren != NULL)
    return g_strndup (start, paren - start);

  return g_strdup (start);
}
