/* myna-jpki.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes are those of spec/jpki-card.md; docs/card-protocol.md says where we depart.
 */

#define G_LOG_DOMAIN "myna-jpki"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "myna-apdu.h"
#include "myna-error.h"
#include "myna-jpki.h"
#include "myna-jpki-private.h"

#define TOKEN_LABEL_MYNUMBER "JPKIAPICCTOKEN2"

/* EFs the product reads. The My Number EF (0001 of the card-info AP) is deliberately absent. */
#define EF_TOKEN          0x0006
#define EF_CARD_INFO_FOUR 0x0002

static const struct
{
  MynaAp  ap;
  guint16 pin_ef;
  guint16 key_ef;
} pin_files[MYNA_PIN_KIND_COUNT] = {
  [MYNA_PIN_AUTH] = { MYNA_AP_JPKI, 0x0018, 0x0017 },
  [MYNA_PIN_SIGN] = { MYNA_AP_JPKI, 0x001B, 0x001A },
  [MYNA_PIN_CARD_INFO] = { MYNA_AP_CARD_INFO, 0x0011, 0 },
};

static const guint16 cert_files[MYNA_CERT_SLOT_COUNT] = {
  [MYNA_CERT_AUTH] = 0x000A,
  [MYNA_CERT_AUTH_CA] = 0x000B,
  [MYNA_CERT_SIGN] = 0x0001,
  [MYNA_CERT_SIGN_CA] = 0x0002,
};

void
myna_card_info_free (MynaCardInfo *info)
{
  if (info == NULL)
    return;

  /* Personal data: wipe it rather than leave it in freed memory. */
  if (info->name)
    myna_secure_wipe (info->name, strlen (info->name));
  if (info->address)
    myna_secure_wipe (info->address, strlen (info->address));
  if (info->birth_date)
    myna_secure_wipe (info->birth_date, strlen (info->birth_date));
  if (info->sex)
    myna_secure_wipe (info->sex, strlen (info->sex));
  g_free (info->name);
  g_free (info->address);
  g_free (info->birth_date);
  g_free (info->sex);
  g_free (info);
}

const char *
myna_cert_slot_to_string (MynaCertSlot slot)
{
  switch (slot)
    {
    case MYNA_CERT_AUTH:
      return "auth";
    case MYNA_CERT_AUTH_CA:
      return "auth_ca";
    case MYNA_CERT_SIGN:
      return "sign";
    case MYNA_CERT_SIGN_CA:
      return "sign_ca";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
exchange (MynaTransport    *transport,
          guint8            cla,
          guint8            ins,
          guint8            p1,
          guint8            p2,
          const guint8     *data,
          gsize             data_len,
          guint             le,
          MynaApduResponse *response,
          GError          **error)
{
  MynaApdu apdu = {
    .cla = cla, .ins = ins, .p1 = p1, .p2 = p2,
    .data = data, .data_len = data_len,
    .has_le = le > 0, .le = le,
  };

  return myna_apdu_exchange (transport, &apdu, response, error);
}

static void
set_not_mynumber (GError **error)
{
  g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER,
                       _("This card is not a My Number Card, or its electronic certificate "
                         "application cannot be used. Insert your My Number Card."));
}

/**
 * myna_jpki_select_ap:
 *
 * SELECT by DF name with the full 10-byte AID (a prefix could land in another DF).
 */
gboolean
myna_jpki_select_ap (MynaTransport  *transport,
                     MynaAp          ap,
                     GError        **error)
{
  MynaApduResponse r;
  const char *aid = ap == MYNA_AP_JPKI ? MYNA_JPKI_AID : MYNA_CARD_INFO_AID;

  if (!exchange (transport, 0x00, 0xA4, 0x04, 0x0C, (const guint8 *) aid, 10, 0, &r, error))
    return FALSE;

  if (r.sw == 0x9000)
    return TRUE;

  if (r.sw == 0x6A82 || r.sw == 0x6A86 || r.sw == 0x6D00 || r.sw == 0x6E00 || r.sw == 0x6A81)
    {
      set_not_mynumber (error);
      return FALSE;
    }

  return myna_error_from_sw (r.sw, error);
}

static gboolean
select_ef (MynaTransport  *transport,
           guint16         fid,
           GError        **error)
{
  MynaApduResponse r;
  guint8 id[2] = { fid >> 8, fid & 0xFF };

  if (!exchange (transport, 0x00, 0xA4, 0x02, 0x0C, id, 2, 0, &r, error))
    return FALSE;

  return myna_error_from_sw (r.sw, error);
}

/* READ BINARY at @offset; returns FALSE on error. *end is set at the end of the EF (6B 00). */
static gboolean
read_binary (MynaTransport    *transport,
             gsize             offset,
             guint             le,
             MynaApduResponse *r,
             gboolean         *end,
             GError          **error)
{
  *end = FALSE;

  if (offset > 0x7FFF)
    {
      *end = TRUE;
      r->len = 0;
      return TRUE;
    }

  if (!exchange (transport, 0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, NULL, 0, le, r, error))
    return FALSE;

  /* 6B 00: offset past the end, no data. 62 82: end reached, the data is the last part. */
  if (r->sw == 0x6B00)
    r->len = 0;
  if (r->sw == 0x6B00 || r->sw == 0x6282)
    {
      *end = TRUE;
      return TRUE;
    }

  return myna_error_from_sw (r->sw, error);
}

/**
 * myna_jpki_detect:
 * @token_label: (out) (optional): the trimmed token label
 *
 * Recognises a My Number Card by selecting the JPKI AP and reading the token label — never by
 * its ATR, which differs between readers.
 *
 * Returns: %TRUE for a My Number Card; %FALSE with %MYNA_CARD_ERROR_NOT_MYNUMBER for other
 *   cards (token label still returned when there was one)
 */
gboolean
myna_jpki_detect (MynaTransport  *transport,
                  char          **token_label,
                  GError        **error)
{
  MynaApduResponse r;
  gboolean end;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  if (!myna_jpki_select_ap (transport, MYNA_AP_JPKI, error))
    return FALSE;
  if (!select_ef (transport, EF_TOKEN, &local_error))
    {
      if (g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          set_not_mynumber (&local_error);
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!read_binary (transport, 0, 0x20, &r, &end, error))
    return FALSE;

  label = g_strndup ((const char *) r.data, r.len);
  g_strchomp (label);
  if (!g_utf8_validate (label, -1, NULL))
    g_clear_pointer (&label, g_free);

  if (token_label != NULL)
    *token_label = g_strdup (label);

  if (g_strcmp0 (label, TOKEN_LABEL_MYNUMBER) != 0)
    {
      if (g_strcmp0 (label, "JPKIAPICCTOKEN") == 0)
        g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER,
                             _("This is a Basic Resident Registration Card (住基カード), not a "
                               "My Number Card. Insert your My Number Card."));
      else
        set_not_mynumber (error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
select_pin (MynaTransport  *transport,
            MynaPinKind     kind,
            GError        **error)
{
  return myna_jpki_select_ap (transport, pin_files[kind].ap, error) &&
         select_ef (transport, pin_files[kind].pin_ef, error);
}

static void
set_blocked_error (MynaPinKind   kind,
                   GError      **error)
{
  const char *message;

  switch (kind)
    {
    case MYNA_PIN_SIGN:
      message = _("The signing password is locked. It can be reset at the office of the "
                  "municipality where you are registered, or at a convenience store if you know "
                  "the user authentication PIN.");
      break;
    case MYNA_PIN_CARD_INFO:
      message = _("The card information PIN is locked. It can be reset at the office of the "
                  "municipality where you are registered.");
      break;
    case MYNA_PIN_AUTH:
    default:
      message = _("The user authentication PIN is locked. It can be reset at the office of the "
                  "municipality where you are registered, or at a convenience store if you know "
                  "the signing password.");
      break;
    }

  g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_BLOCKED, message);
}

/* Interprets the answer to an empty VERIFY. */
static gboolean
parse_tries (MynaPinKind  kind,
             guint16      sw,
             guint       *remaining,
             gboolean    *verified,
             GError     **error)
{
  *verified = FALSE;

  if (MYNA_SW_IS_TRIES (sw) && (guint) (sw & 0x0F) <= myna_pin_kind_max_tries (kind))
    {
      *remaining = sw & 0x0F;
      return TRUE;
    }
  if (MYNA_SW_IS_TRIES (sw))
    {
      /* More than this PIN can have: not a count we can rely on. */
      *verified = TRUE;
      *remaining = myna_pin_kind_max_tries (kind);
      return TRUE;
    }
  if (sw == 0x9000)
    {
      /* Some cards answer 90 00 once the key is verified in this session: count unknown. */
      *verified = TRUE;
      *remaining = myna_pin_kind_max_tries (kind);
      return TRUE;
    }
  if (sw == 0x6983 || sw == 0x6984)
    {
      *remaining = 0;
      return TRUE;
    }

  return myna_error_from_sw (sw, error);
}

/**
 * myna_jpki_query_tries:
 * @remaining: (out): tries left (0 = locked)
 * @verified: (out) (optional): %TRUE when the card only said "already verified", so the
 *   count is not known
 *
 * Asks the card how many tries are left with a VERIFY without data, which never spends one.
 */
gboolean
myna_jpki_query_tries (MynaTransport  *transport,
                       MynaPinKind     kind,
                       guint          *remaining,
                       gboolean       *verified,
                       GError        **error)
{
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, FALSE);
  g_return_val_if_fail (remaining != NULL, FALSE);

  if (!myna_jpki_select_ap (transport, pin_files[kind].ap, error))
    return FALSE;

  return _myna_jpki_query_tries_in_ap (transport, kind, remaining, verified, error);
}

gboolean
_myna_jpki_query_tries_in_ap (MynaTransport  *transport,
                              MynaPinKind     kind,
                              guint          *remaining,
                              gboolean       *verified,
                              GError        **error)
{
  MynaApduResponse r;
  gboolean dummy;

  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, FALSE);
  g_return_val_if_fail (remaining != NULL, FALSE);

  if (!select_ef (transport, pin_files[kind].pin_ef, error))
    return FALSE;
  /* Case 1: no Lc, no data, no Le. */
  if (!exchange (transport, 0x00, 0x20, 0x00, 0x80, NULL, 0, 0, &r, error))
    return FALSE;

  return parse_tries (kind, r.sw, remaining, verified ? verified : &dummy, error);
}

/* The guard's card-side half, with the PIN EF already selected. */
static gboolean
verify_selected (MynaTransport  *transport,
                 const MynaPin  *pin,
                 gboolean        last_try_confirmed,
                 guint          *remaining,
                 GError        **error)
{
  MynaPinKind kind = myna_pin_get_kind (pin);
  MynaApduResponse r;
  const guint8 *bytes;
  gsize len;
  guint tries = 0;
  gboolean verified = FALSE;
  gboolean ok;

  /* 1. Format once more, right before sending: a zero-length PIN would be a query, and a
   *    badly formed one would cost a try for nothing. */
  bytes = myna_pin_get_bytes (pin, &len);
  {
    g_autofree char *copy = g_strndup ((const char *) bytes, len);
    ok = myna_pin_check_format (kind, copy, error);
    myna_secure_wipe (copy, len);
  }
  if (!ok)
    return FALSE;

  /* 2. Tries, read right before the VERIFY. */
  if (!exchange (transport, 0x00, 0x20, 0x00, 0x80, NULL, 0, 0, &r, error))
    return FALSE;
  if (!parse_tries (kind, r.sw, &tries, &verified, error))
    return FALSE;
  /* An unknown count is not reported as a number the caller could show. */
  if (remaining && !verified)
    *remaining = tries;

  if (tries == 0)
    {
      set_blocked_error (kind, error);
      return FALSE;
    }

  /* 3. The last try only with the caller's explicit confirmation. When the card does not
   *    tell the count we cannot promise it is not the last, so we ask as well. */
  if ((tries == 1 || verified) && !last_try_confirmed)
    {
      if (verified)
        g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_LAST_TRY,
                             _("The card did not say how many tries are left. Nothing was sent; "
                               "confirm to try anyway."));
      else
        g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_LAST_TRY,
                             _("Only one try is left: a wrong PIN now locks it. Nothing was sent; "
                               "confirm that you want to use the last try."));
      return FALSE;
    }

  /* 4. One VERIFY, never repeated: whatever happens, the answer goes to the user. */
  if (!exchange (transport, 0x00, 0x20, 0x00, 0x80, bytes, len, 0, &r, error))
    return FALSE;

  if (r.sw == 0x9000)
    {
      if (remaining)
        *remaining = myna_pin_kind_max_tries (kind);
      return TRUE;
    }

  if (MYNA_SW_IS_TRIES (r.sw) && (r.sw & 0x0F) > 0)
    {
      guint left = r.sw & 0x0F;

      if (remaining)
        *remaining = left;

      if (kind == MYNA_PIN_SIGN)
        g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The signing password is wrong. %u try is left before it is locked.",
                                  "The signing password is wrong. %u tries are left before it is locked.",
                                  left), left);
      else
        g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The PIN is wrong. %u try is left before it is locked.",
                                  "The PIN is wrong. %u tries are left before it is locked.",
                                  left), left);
      return FALSE;
    }

  if (MYNA_SW_IS_TRIES (r.sw) || r.sw == 0x6983 || r.sw == 0x6984)
    {
      if (remaining)
        *remaining = 0;
      set_blocked_error (kind, error);
      return FALSE;
    }

  return myna_error_from_sw (r.sw, error);
}

/**
 * myna_jpki_verify:
 * @pin: a PIN that passed its format check (myna_pin_new())
 * @last_try_confirmed: the user explicitly agreed to use the last try
 * @remaining: (out) (optional): tries left afterwards (the maximum after success)
 *
 * The PIN guard: checks the format again, reads the tries left, refuses a blocked PIN and,
 * without @last_try_confirmed, the last try — in those cases nothing is sent. Then sends one
 * VERIFY and reports its result. It never retries.
 */
gboolean
myna_jpki_verify (MynaTransport  *transport,
                  const MynaPin  *pin,
                  gboolean        last_try_confirmed,
                  guint          *remaining,
                  GError        **error)
{
  g_return_val_if_fail (pin != NULL, FALSE);

  if (!select_pin (transport, myna_pin_get_kind (pin), error))
    return FALSE;

  return verify_selected (transport, pin, last_try_confirmed, remaining, error);
}

/**
 * myna_jpki_change_pin:
 *
 * Verifies @old_pin through the guard, then sets @new_pin with CHANGE REFERENCE DATA on the
 * same PIN EF. Call inside one transaction.
 */
gboolean
myna_jpki_change_pin (MynaTransport  *transport,
                      const MynaPin  *old_pin,
                      const MynaPin  *new_pin,
                      gboolean        last_try_confirmed,
                      guint          *remaining,
                      GError        **error)
{
  MynaApduResponse r;
  const guint8 *bytes;
  gsize len;
  GError *local_error = NULL;

  g_return_val_if_fail (old_pin != NULL && new_pin != NULL, FALSE);

  /* The new value is checked as strictly as the old one, before anything is sent. */
  if (myna_pin_get_kind (old_pin) != myna_pin_get_kind (new_pin))
    {
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_FAILED,
                           "The current and the new PIN are of different kinds");
      return FALSE;
    }
  bytes = myna_pin_get_bytes (new_pin, &len);
  {
    g_autofree char *copy = g_strndup ((const char *) bytes, len);
    gboolean ok = myna_pin_check_format (myna_pin_get_kind (new_pin), copy, error);

    myna_secure_wipe (copy, len);
    if (!ok)
      return FALSE;
  }

  if (!myna_jpki_verify (transport, old_pin, last_try_confirmed, remaining, error))
    return FALSE;

  if (!exchange (transport, 0x00, 0x24, 0x01, 0x80, bytes, len, 0, &r, &local_error))
    {
      /* The command may or may not have reached the card. */
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_FAILED,
                   _("The connection to the card broke while the PIN was being changed, so it is "
                     "not known whether the new PIN is set. Check the tries left before entering "
                     "either PIN again. (%s)"), local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }

  if (r.sw != 0x9000)
    {
      g_autoptr(GError) detail = NULL;

      myna_error_from_sw (r.sw, &detail);
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_FAILED,
                   _("The card accepted the current PIN but did not change it, so the old PIN "
                     "is still valid. %s"), detail->message);
      return FALSE;
    }

  return TRUE;
}

/* Appends READ BINARY chunks to @buffer until it holds @total bytes or the EF ends; an EF
 * that ends early is a protocol error. Copies of the data are wiped, for the card-info EF. */
static gboolean
read_rest (MynaTransport  *transport,
           GByteArray     *buffer,
           gsize           total,
           GError        **error)
{
  MynaApduResponse r;
  gboolean end = FALSE;
  gboolean ok = TRUE;

  while (buffer->len < total && !end)
    {
      gsize left = total - buffer->len;

      if (!read_binary (transport, buffer->len, MIN (left, 256), &r, &end, error))
        {
          ok = FALSE;
          break;
        }
      if (r.len == 0)
        break;
      g_byte_array_append (buffer, r.data, MIN (r.len, left));
    }

  myna_secure_wipe (&r, sizeof r);

  if (ok && buffer->len < total)
    {
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                   _("The card's data ended early (%u of %u bytes). Take the card out, insert it "
                     "again and try again."), buffer->len, (guint) total);
      ok = FALSE;
    }

  return ok;
}

/* Reads an EF that holds one BER object followed by filler. The first READ BINARY asks for
 * @first_le bytes; the length in the header says how much more to read. */
static GBytes *
read_object (MynaTransport  *transport,
             guint           first_le,
             gsize           stop_after,
             gsize          *total_out,
             gboolean       *absent,
             GError        **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  MynaApduResponse r;
  gboolean end;
  gsize total;

  *absent = FALSE;

  if (!read_binary (transport, 0, first_le, &r, &end, error))
    return NULL;

  if (r.len == 0 || !myna_der_total_length (r.data, r.len, &total))
    {
      *absent = TRUE;
      return NULL;
    }

  if (total_out)
    *total_out = total;

  g_byte_array_append (buffer, r.data, MIN (r.len, total));
  if (!read_rest (transport, buffer, MIN (total, stop_after), error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * myna_jpki_read_ef:
 *
 * Reads a BER object from an EF of the currently selected AP.
 */
GBytes *
myna_jpki_read_ef (MynaTransport  *transport,
                   guint16         fid,
                   GError        **error)
{
  gboolean absent;
  GBytes *bytes;

  if (!select_ef (transport, fid, error))
    return NULL;

  bytes = read_object (transport, 256, G_MAXSIZE, NULL, &absent, error);
  if (bytes == NULL && absent)
    g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_FOUND,
                 _("The card holds no data in file %04X."), fid);
  return bytes;
}

static GBytes *
read_certificate (MynaTransport  *transport,
                  MynaCertSlot    slot,
                  gsize           stop_after,
                  gsize          *total_len,
                  GError        **error)
{
  GError *local_error = NULL;
  gboolean absent;
  GBytes *bytes;

  g_return_val_if_fail (slot < MYNA_CERT_SLOT_COUNT, NULL);

  if (!select_ef (transport, cert_files[slot], &local_error))
    {
      /* A card issued without certificates may lack the EF altogether. */
      if (g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          absent = TRUE;
          goto no_certificate;
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* One 256-byte read gets the header and most of the first part in a single APDU. */
  bytes = read_object (transport, 256, stop_after, total_len, &absent, &local_error);
  if (bytes != NULL)
    return bytes;

  if (local_error != NULL)
    {
      if (slot == MYNA_CERT_SIGN &&
          g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SECURITY_STATUS))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SECURITY_STATUS,
                               _("The signing certificate can only be read after the signing "
                                 "password has been entered."));
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

no_certificate:
  g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_CERTIFICATE,
                       slot == MYNA_CERT_SIGN || slot == MYNA_CERT_SIGN_CA
                       ? _("This card holds no signing certificate. It may have been issued "
                           "without one, or it was revoked after a move or a change of name.")
                       : _("This card holds no user authentication certificate. It may have been "
                           "issued without one; it can be issued at the municipal office."));
  return NULL;
}

/**
 * myna_jpki_read_certificate:
 *
 * Reads a whole certificate (the JPKI AP must be selected; for %MYNA_CERT_SIGN the signing
 * password must have been verified in this card session). A missing certificate is
 * %MYNA_CARD_ERROR_NO_CERTIFICATE.
 */
GBytes *
myna_jpki_read_certificate (MynaTransport  *transport,
                            MynaCertSlot    slot,
                            GError        **error)
{
  return read_certificate (transport, slot, G_MAXSIZE, NULL, error);
}

/**
 * myna_jpki_read_certificate_head:
 * @total_len: (out): the length of the whole certificate
 *
 * Reads only the first chunk (up to 256 bytes) of a certificate: enough to recognise a CA
 * certificate that is one of the bundled J-LIS roots without reading the rest.
 */
GBytes *
myna_jpki_read_certificate_head (MynaTransport  *transport,
                                 MynaCertSlot    slot,
                                 gsize          *total_len,
                                 GError        **error)
{
  return read_certificate (transport, slot, 1, total_len, error);
}

/**
 * myna_jpki_read_certificate_rest:
 * @head: what myna_jpki_read_certificate_head() returned, with the EF still selected
 * @total_len: the length it reported
 *
 * Reads the remainder of a certificate whose head was read, without starting over.
 *
 * Returns: (transfer full): the whole certificate
 */
GBytes *
myna_jpki_read_certificate_rest (MynaTransport  *transport,
                                 GBytes         *head,
                                 gsize           total_len,
                                 GError        **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  gsize len;
  const guint8 *data = g_bytes_get_data (head, &len);

  g_byte_array_append (buffer, data, MIN (len, total_len));
  if (!read_rest (transport, buffer, total_len, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * myna_jpki_sign:
 * @key: %MYNA_PIN_AUTH or %MYNA_PIN_SIGN, whose PIN was verified in this card session, with the
 *   JPKI AP still selected (call right after myna_jpki_verify())
 * @digest_info: a DER DigestInfo (at most 245 bytes)
 *
 * COMPUTE DIGITAL SIGNATURE; the card adds the PKCS#1 v1.5 padding.
 *
 * Returns: (transfer full): the 256-byte signature
 */
GBytes *
myna_jpki_sign (MynaTransport  *transport,
                MynaPinKind     key,
                const guint8   *digest_info,
                gsize           digest_info_len,
                GError        **error)
{
  MynaApduResponse r;

  g_return_val_if_fail (key == MYNA_PIN_AUTH || key == MYNA_PIN_SIGN, NULL);
  g_return_val_if_fail (digest_info != NULL && digest_info_len > 0 && digest_info_len <= 245, NULL);

  /* The JPKI AP is still selected by the VERIFY; selecting it again might log out. */
  if (!select_ef (transport, pin_files[key].key_ef, error))
    return NULL;

  if (!exchange (transport, 0x80, 0x2A, 0x00, 0x80, digest_info, digest_info_len, 256, &r, error))
    return NULL;

  if (!myna_error_from_sw (r.sw, error))
    return NULL;

  if (r.len != 256)
    {
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                   _("The card returned a signature of unexpected length (%u bytes)."), (guint) r.len);
      return NULL;
    }

  return g_bytes_new (r.data, r.len);
}

/* A private-class BER-TLV reader for the card-info AP (tags DF xx / FF xx). */
static gboolean
next_tlv (const guint8  *data,
          gsize          len,
          gsize         *pos,
          guint         *tag,
          const guint8 **value,
          gsize         *value_len)
{
  gsize p = *pos;
  gsize l;

  if (p + 2 > len)
    return FALSE;

  *tag = data[p++];
  if ((*tag & 0x1F) == 0x1F)
    {
      if (p >= len)
        return FALSE;
      *tag = (*tag << 8) | data[p++];
    }

  if (p >= len)
    return FALSE;
  if (data[p] < 0x80)
    l = data[p++];
  else if (data[p] == 0x81 && p + 1 < len)
    {
      l = data[p + 1];
      p += 2;
    }
  else if (data[p] == 0x82 && p + 2 < len)
    {
      l = (data[p + 1] << 8) | data[p + 2];
      p += 3;
    }
  else
    return FALSE;

  if (l > len - p)
    return FALSE;

  *value = data + p;
  *value_len = l;
  *pos = p + l;
  return TRUE;
}

static char *
dup_text (const guint8 *value,
          gsize         len)
{
  if (!g_utf8_validate ((const char *) value, len, NULL))
    return NULL;

  return g_strndup ((const char *) value, len);
}

/* Personal data: a value seen twice replaces the first, which is wiped. */
static void
replace_text (char         **field,
              const guint8  *value,
              gsize          len)
{
  if (*field != NULL)
    myna_secure_wipe (*field, strlen (*field));
  g_free (*field);
  *field = dup_text (value, len);
}

/**
 * myna_card_info_parse:
 *
 * Parses EF 0002 of the 券面事項入力補助AP (FF 20 { DF 21 offsets, DF 22 name, DF 23 address,
 * DF 24 birth date, DF 25 sex }).
 */
MynaCardInfo *
myna_card_info_parse (const guint8  *data,
                      gsize          len,
                      GError       **error)
{
  g_autoptr(MynaCardInfo) info = g_new0 (MynaCardInfo, 1);
  const guint8 *outer, *value;
  gsize outer_len, value_len, pos = 0, inner = 0;
  guint tag;

  if (!next_tlv (data, len, &pos, &tag, &outer, &outer_len) || tag != 0xFF20)
    goto malformed;

  while (next_tlv (outer, outer_len, &inner, &tag, &value, &value_len))
    {
      switch (tag)
        {
        case 0xDF22:
          replace_text (&info->name, value, value_len);
          break;
        case 0xDF23:
          replace_text (&info->address, value, value_len);
          break;
        case 0xDF24:
          replace_text (&info->birth_date, value, value_len);
          break;
        case 0xDF25:
          replace_text (&info->sex, value, value_len);
          break;
        default:
          break;
        }
    }

  if (info->name == NULL || info->address == NULL)
    goto malformed;

  return g_steal_pointer (&info);

malformed:
  g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                       _("The card information on the card could not be read: it is not in the "
                         "expected format."));
  return NULL;
}

/**
 * myna_jpki_read_card_info:
 *
 * Reads the 基本4情報 (name, address, birth date, sex) from the 券面事項入力補助AP. Call right
 * after myna_jpki_verify() of the card-info PIN, with that AP still selected. The My Number EF
 * is never read.
 */
MynaCardInfo *
myna_jpki_read_card_info (MynaTransport  *transport,
                          GError        **error)
{
  MynaApduResponse r;
  GByteArray *buffer;
  MynaCardInfo *info = NULL;
  gboolean end;
  gsize total;

  /* The card-info AP is still selected by the VERIFY: selecting it again might be taken as a
   * log-out by the card (OpenSC logs out that way). */
  if (!select_ef (transport, EF_CARD_INFO_FOUR, error))
    return NULL;

  /* The header (FF 20 len) plus the start of the offset table fits in 7 bytes. */
  if (!read_binary (transport, 0, 7, &r, &end, error))
    return NULL;
  if (r.len == 0 || !myna_der_total_length (r.data, r.len, &total) || total > 0x7FFF)
    {
      myna_secure_wipe (&r, sizeof r);
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                           _("The card information on the card could not be read: it is not in "
                             "the expected format."));
      return NULL;
    }

  /* Sized once, so no reallocation leaves copies of the personal data behind. */
  buffer = g_byte_array_sized_new (total);
  g_byte_array_append (buffer, r.data, MIN (r.len, total));
  myna_secure_wipe (&r, sizeof r);

  if (read_rest (transport, buffer, total, error))
    info = myna_card_info_parse (buffer->data, buffer->len, error);

  myna_secure_wipe (buffer->data, buffer->len);
  g_byte_array_unref (buffer);
  return info;
}
