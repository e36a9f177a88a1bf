/* myna-json.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-json"

#include "config.h"

#include "myna-json.h"

/**
 * myna_json_append_string:
 * @value: (nullable): UTF-8 text, or %NULL for `null`
 *
 * Appends @value as a JSON string, escaping quotes, backslashes and control characters.
 */
void
myna_json_append_string (GString    *out,
                         const char *value)
{
  g_return_if_fail (out != NULL);

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/**
 * myna_json_append_time:
 * @time: (nullable): a time, or %NULL for `null`
 *
 * Appends @time as an ISO 8601 UTC string, e.g. "2030-12-28T13:27:52Z".
 */
void
myna_json_append_time (GString   *out,
                       GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (out != NULL);

  if (time == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  utc = g_date_time_to_utc (time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_string_append_printf (out, "\"%s\"", text);
}

/**
 * myna_hex_string:
 * @bytes: (nullable): bytes
 *
 * Returns: (transfer full): upper-case hex without separators ("" for %NULL)
 */
char *
myna_hex_string (GBytes *bytes)
{
  GString *s = g_string_new (NULL);
  gsize len = 0;
  const guint8 *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}
