/* myna-pin.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-pin"

#include "config.h"

#include <errno.h>
#include <sys/prctl.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "myna-error.h"
#include "myna-pin.h"

struct _MynaPin
{
  MynaPinKind kind;
  gsize       len;
  guint8      bytes[MYNA_PIN_MAX_LENGTH + 1];
};

static const struct
{
  const char *name;
  guint       max_tries;
} pin_kinds[MYNA_PIN_KIND_COUNT] = {
  [MYNA_PIN_AUTH] = { "auth", 3 },
  [MYNA_PIN_SIGN] = { "sign", 5 },
  [MYNA_PIN_CARD_INFO] = { "card-info", 3 },
};

/**
 * myna_secure_wipe:
 *
 * Overwrites @len bytes at @data in a way the compiler may not optimise away.
 */
void
myna_secure_wipe (gpointer data,
                  gsize    len)
{
  if (data != NULL && len > 0)
    explicit_bzero (data, len);
}

const char *
myna_pin_kind_to_string (MynaPinKind kind)
{
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, NULL);

  return pin_kinds[kind].name;
}

/**
 * myna_pin_kind_get_title:
 *
 * The name of a PIN as a title or label, translated: the one place the app, the dialogs and
 * the diagnostics report take it from, so they never name a PIN two ways.
 *
 * Returns: (transfer none): "User authentication PIN", "Signing password" or
 *   "Card information PIN"
 */
const char *
myna_pin_kind_get_title (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("User authentication PIN");
    case MYNA_PIN_SIGN:
      return _("Signing password");
    case MYNA_PIN_CARD_INFO:
      return _("Card information PIN");
    default:
      g_return_val_if_reached ("?");
    }
}

gboolean
myna_pin_kind_from_string (const char  *str,
                           MynaPinKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; str != NULL && i < MYNA_PIN_KIND_COUNT; i++)
    {
      if (g_strcmp0 (str, pin_kinds[i].name) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

guint
myna_pin_kind_max_tries (MynaPinKind kind)
{
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, 0);

  return pin_kinds[kind].max_tries;
}

static void
set_format_error (MynaPinKind   kind,
                  GError      **error)
{
  if (kind == MYNA_PIN_SIGN)
    g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT,
                         _("The signing password must be 6 to 16 characters long and use only "
                           "capital letters A to Z and digits 0 to 9, with at least one of each. "
                           "Nothing was sent to the card; no try was used."));
  else if (kind == MYNA_PIN_AUTH)
    g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT,
                         _("The user authentication PIN must be exactly 4 digits. "
                           "Nothing was sent to the card; no try was used."));
  else
    g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT,
                         _("The card information PIN must be exactly 4 digits. "
                           "Nothing was sent to the card; no try was used."));
}

/* Checks @len bytes, upper-casing into @out when given (the signing password is registered in
 * capitals, and the card does not fold case: a lower-case password would burn a try). */
static gboolean
check_and_normalise (MynaPinKind  kind,
                     const char  *text,
                     gsize        len,
                     guint8      *out)
{
  gboolean has_letter = FALSE;
  gboolean has_digit = FALSE;

  if (kind == MYNA_PIN_SIGN)
    {
      if (len < 6 || len > 16)
        return FALSE;
    }
  else if (len != 4)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c >= '0' && c <= '9')
        has_digit = TRUE;
      else if (kind == MYNA_PIN_SIGN && g_ascii_isalpha (c))
        {
          has_letter = TRUE;
          c = g_ascii_toupper (c);
        }
      else
        return FALSE;

      if (out != NULL)
        out[i] = (guint8) c;
    }

  return kind != MYNA_PIN_SIGN || (has_letter && has_digit);
}

/**
 * myna_pin_check_format:
 * @kind: which PIN
 * @text: (nullable): what the user typed
 * @error: a %MYNA_CARD_ERROR_PIN_FORMAT error that explains the rule (never the PIN)
 *
 * The first part of the PIN guard: a PIN that fails this is never sent to the card.
 * Lower-case letters are accepted for the signing password because they are upper-cased
 * before sending.
 */
gboolean
myna_pin_check_format (MynaPinKind   kind,
                       const char   *text,
                       GError      **error)
{
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, FALSE);

  if (text == NULL || !check_and_normalise (kind, text, strlen (text), NULL))
    {
      set_format_error (kind, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * myna_pin_new:
 *
 * Returns: (transfer full) (nullable): a checked, normalised copy of @text, or %NULL with a
 *   %MYNA_CARD_ERROR_PIN_FORMAT error. The caller still wipes its own copy of @text.
 */
MynaPin *
myna_pin_new (MynaPinKind   kind,
              const char   *text,
              GError      **error)
{
  MynaPin *pin;
  gsize len;

  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, NULL);

  if (text == NULL || (len = strlen (text)) > MYNA_PIN_MAX_LENGTH)
    {
      set_format_error (kind, error);
      return NULL;
    }

  pin = g_new0 (MynaPin, 1);
  pin->kind = kind;
  pin->len = len;

  if (!check_and_normalise (kind, text, len, pin->bytes))
    {
      myna_pin_free (pin);
      set_format_error (kind, error);
      return NULL;
    }

  return pin;
}

MynaPinKind
myna_pin_get_kind (const MynaPin *pin)
{
  g_return_val_if_fail (pin != NULL, MYNA_PIN_AUTH);

  return pin->kind;
}

/**
 * myna_pin_get_bytes:
 *
 * Returns: the ASCII bytes to send, not NUL-terminated for the caller's purposes
 */
const guint8 *
myna_pin_get_bytes (const MynaPin *pin,
                    gsize         *len)
{
  g_return_val_if_fail (pin != NULL, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  *len = pin->len;
  return pin->bytes;
}

void
myna_pin_free (MynaPin *pin)
{
  if (pin == NULL)
    return;

  myna_secure_wipe (pin, sizeof *pin);
  g_free (pin);
}

/**
 * myna_pin_read_line:
 * @fd: a file descriptor, usually standard input
 * @error: an error if nothing could be read
 *
 * Reads one line byte by byte, so that no stdio buffer keeps a copy of the PIN.
 * Trailing CR/LF are dropped. A line longer than any PIN is read to its end and returned
 * truncated to one character over the limit, so that the format check rejects it.
 *
 * Returns: (transfer full): the line; free it with myna_pin_text_free()
 */
char *
myna_pin_read_line (int      fd,
                    GError **error)
{
  char buffer[MYNA_PIN_MAX_LENGTH + 2];
  gsize len = 0;
  gboolean got_any = FALSE;
  gboolean pending_cr = FALSE;
  gboolean bad = FALSE;
  char *line;

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          myna_secure_wipe (buffer, sizeof buffer);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read the PIN: %s"), g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;

      got_any = TRUE;
      if (c == '\n')
        break;
      /* A NUL or a CR inside the line would silently turn it into another PIN ("12\r34" is
       * not "1234"): refuse the line instead. Only CR LF at the end is a line ending. */
      if (pending_cr || c == '\0')
        bad = TRUE;
      pending_cr = c == '\r';
      if (c == '\r')
        continue;
      if (len < sizeof buffer - 1)
        buffer[len++] = c;
    }

  if (!got_any)
    {
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT,
                           _("No PIN was given on standard input. Nothing was sent to the card."));
      return NULL;
    }

  if (bad)
    {
      myna_secure_wipe (buffer, sizeof buffer);
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT,
                           _("The PIN on standard input contains control characters. Nothing was "
                             "sent to the card; no try was used."));
      return NULL;
    }

  buffer[len] = '\0';
  line = g_strdup (buffer);
  myna_secure_wipe (buffer, sizeof buffer);
  return line;
}

void
myna_pin_text_free (char *text)
{
  if (text == NULL)
    return;

  myna_secure_wipe (text, strlen (text));
  g_free (text);
}

/**
 * myna_pin_protect_process:
 *
 * Makes the process non-dumpable, so a crash never writes a core file that could hold a PIN
 * and other processes of the user cannot read its memory through ptrace. Call once at start.
 */
void
myna_pin_protect_process (void)
{
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_debug ("Could not make the process non-dumpable: %s", g_strerror (errno));
}
