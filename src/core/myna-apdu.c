/* myna-apdu.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-apdu"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "myna-apdu.h"
#include "myna-error.h"
#include "myna-pin.h"

/**
 * myna_apdu_encode:
 *
 * Encodes a short APDU (ISO 7816-4 cases 1–4).
 *
 * Returns: the encoded length, or 0 if @out is too small or the APDU invalid
 */
gsize
myna_apdu_encode (const MynaApdu *apdu,
                  guint8         *out,
                  gsize           out_len)
{
  gsize n = 0;
  gsize needed;

  g_return_val_if_fail (apdu != NULL, 0);

  if (apdu->data_len > 255 || (apdu->data_len > 0 && apdu->data == NULL))
    return 0;
  if (apdu->has_le && (apdu->le < 1 || apdu->le > 256))
    return 0;

  needed = 4 + (apdu->data_len > 0 ? 1 + apdu->data_len : 0) + (apdu->has_le ? 1 : 0);
  if (out == NULL || out_len < needed)
    return 0;

  out[n++] = apdu->cla;
  out[n++] = apdu->ins;
  out[n++] = apdu->p1;
  out[n++] = apdu->p2;
  if (apdu->data_len > 0)
    {
      out[n++] = (guint8) apdu->data_len;
      memcpy (out + n, apdu->data, apdu->data_len);
      n += apdu->data_len;
    }
  if (apdu->has_le)
    out[n++] = (guint8) (apdu->le & 0xFF);

  return n;
}

/* VERIFY and CHANGE REFERENCE DATA are the PIN commands. They are recognised by INS alone
 * (even the empty tries query): none of them is ever resent, and their data is never printed. */
static gboolean
is_pin_command (const guint8 *command,
                gsize         len)
{
  return len >= 4 && (command[1] == 0x20 || command[1] == 0x24);
}

/**
 * myna_apdu_describe:
 *
 * A loggable form of a command: the header and data in hex; for VERIFY and CHANGE REFERENCE
 * DATA only the header, since even the length of a PIN is a hint about it.
 */
char *
myna_apdu_describe (const guint8 *command,
                    gsize         len)
{
  GString *s = g_string_new (NULL);
  gboolean mask = is_pin_command (command, len) && len > 4;

  for (gsize i = 0; i < len && (!mask || i < 4); i++)
    g_string_append_printf (s, i == 0 ? "%02X" : " %02X", command[i]);
  if (mask)
    g_string_append (s, " [PIN withheld]");

  return g_string_free (s, FALSE);
}

static gboolean
transmit_raw (MynaTransport    *transport,
              const guint8     *command,
              gsize             command_len,
              MynaApduResponse *response,
              GError          **error)
{
  guint8 buffer[MYNA_APDU_MAX_RESPONSE];
  gsize len = sizeof buffer;
  gboolean ok;

  ok = myna_transport_transmit (transport, command, command_len, buffer, &len, error);
  if (ok && (len < 2 || len > MYNA_APDU_MAX_RESPONSE))
    {
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                   _("The card gave a malformed answer (%u bytes). Take the card out, insert it "
                     "again and try again."), (guint) len);
      ok = FALSE;
    }

  if (ok)
    {
      response->len = len - 2;
      memcpy (response->data, buffer, response->len);
      response->sw = (guint16) (buffer[len - 2] << 8 | buffer[len - 1]);
    }

  myna_secure_wipe (buffer, sizeof buffer);
  return ok;
}

/**
 * myna_apdu_exchange:
 * @transport: the card
 * @apdu: the command
 * @response: (out caller-allocates): data and status word
 * @error: a transport error; status words are not errors here
 *
 * Sends @apdu and handles the transport-level status words: 61 xx (fetch the rest with
 * GET RESPONSE), 6C xx (resend with the Le the card asks for) and 6F 00 (seen once after
 * power-up on some cards: resend once). A command that carries a PIN is never resent: a
 * VERIFY that may have reached the card must not be repeated behind the user's back.
 */
gboolean
myna_apdu_exchange (MynaTransport    *transport,
                    const MynaApdu   *apdu,
                    MynaApduResponse *response,
                    GError          **error)
{
  guint8 command[5 + 255 + 1];
  gsize len;
  gboolean ok = FALSE;
  gboolean secret;
  gboolean retried_6f00 = FALSE;

  g_return_val_if_fail (MYNA_IS_TRANSPORT (transport), FALSE);
  g_return_val_if_fail (apdu != NULL && response != NULL, FALSE);

  len = myna_apdu_encode (apdu, command, sizeof command);
  g_return_val_if_fail (len > 0, FALSE);
  secret = is_pin_command (command, len);

  if (G_UNLIKELY (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE))
    {
      g_autofree char *text = myna_apdu_describe (command, len);
      g_debug ("> %s", text);
    }

  for (guint round = 0; round < 4; round++)
    {
      if (!transmit_raw (transport, command, len, response, error))
        goto out;

      if (response->sw == 0x6F00 && !secret && !retried_6f00)
        {
          retried_6f00 = TRUE;
          continue;
        }

      if ((response->sw & 0xFF00) == 0x6C00 && !secret && apdu->data_len == 0 && apdu->has_le)
        {
          /* Resend the case-2 command with the Le the card wants. */
          command[len - 1] = response->sw & 0xFF;
          continue;
        }

      break;
    }

  /* 61 xx: more data waits; collect it with GET RESPONSE up to our buffer size. A card that
   * keeps saying 61 xx without giving data is broken: stop rather than loop. */
  for (guint round = 0; (response->sw & 0xFF00) == 0x6100; round++)
    {
      MynaApduResponse more;
      guint8 get_response[5] = { 0x00, 0xC0, 0x00, 0x00, response->sw & 0xFF };
      gsize room = sizeof response->data - response->len;

      if (room == 0)
        break;
      if (get_response[4] == 0 || get_response[4] > room)
        get_response[4] = room >= 256 ? 0 : (guint8) room;

      if (!transmit_raw (transport, get_response, sizeof get_response, &more, error))
        goto out;

      if (more.len == 0 || round >= 16)
        {
          g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                               _("The card kept announcing more data without sending it. Take "
                                 "the card out, insert it again and try again."));
          goto out;
        }

      memcpy (response->data + response->len, more.data, MIN (more.len, room));
      response->len += MIN (more.len, room);
      response->sw = more.sw;
    }

  g_debug ("< %u bytes, %04X", (guint) response->len, response->sw);
  ok = TRUE;

out:
  myna_secure_wipe (command, sizeof command);
  return ok;
}

/**
 * myna_der_total_length:
 * @header: the first bytes of a DER object
 * @len: how many there are
 * @total: (out): the whole object's length, header included
 *
 * Parses a BER/DER tag and definite length (tags of several bytes and long-form lengths up to
 * 3 bytes). Indefinite lengths are refused: certificates never use them.
 *
 * Returns: %FALSE if @header is not the start of such an object
 */
gboolean
myna_der_total_length (const guint8 *header,
                       gsize         len,
                       gsize        *total)
{
  gsize pos = 0;
  gsize length;

  g_return_val_if_fail (total != NULL, FALSE);

  if (header == NULL || len < 2)
    return FALSE;

  /* 00 where the tag should be is filler: no object. (FF is a real tag on this card, as in
   * FF 20; a run of FF filler fails below as a tag number that never ends.) */
  if (header[0] == 0x00)
    return FALSE;

  if ((header[pos++] & 0x1F) == 0x1F)
    {
      /* High tag number: continuation bytes have bit 8 set; allow at most 3 of them. */
      guint n = 0;

      while (pos < len && (header[pos] & 0x80) && n < 3)
        {
          pos++;
          n++;
        }
      if (pos >= len || (header[pos] & 0x80))
        return FALSE;
      pos++;
    }

  if (pos >= len)
    return FALSE;

  if (header[pos] < 0x80)
    {
      length = header[pos++];
    }
  else
    {
      guint n = header[pos++] & 0x7F;

      if (n == 0 || n > 3 || pos + n > len)
        return FALSE;
      length = 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | header[pos++];
    }

  *total = pos + length;
  return TRUE;
}
