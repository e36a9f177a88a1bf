/* myna-error.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-error"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <PCSC/winscard.h>
#include <PCSC/pcsclite.h>

#include "myna-error.h"
#include "myna-sandbox.h"

G_DEFINE_QUARK (myna-card-error-quark, myna_card_error)

/**
 * myna_error_from_scard:
 * @rv: a PC/SC return value
 * @error: where to put the translated error
 *
 * Turns a PC/SC result into a #MYNA_CARD_ERROR whose message says what the user can do.
 *
 * Returns: %TRUE if @rv is %SCARD_S_SUCCESS, %FALSE with @error set otherwise
 */
gboolean
myna_error_from_scard (long     rv,
                       GError **error)
{
  MynaCardError code;
  const char *message;

  if (rv == SCARD_S_SUCCESS)
    return TRUE;

  /* The raw code helps bug reports; it never carries card data. */
  g_debug ("PC/SC error 0x%08lX (%s)", (unsigned long) rv, pcsc_stringify_error (rv));

  switch (rv)
    {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
      {
        /* The fix depends on where we run: host package, or Flatpak without the pcsc socket. */
        g_autofree char *hint = myna_sandbox_pcscd_hint ();

        g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE, hint);
        return FALSE;
      }

    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      code = MYNA_CARD_ERROR_NO_READER;
      message = _("No IC card reader was found. Connect the card reader and try again. "
                  "If it is connected, its driver (usually the CCID driver) may be missing.");
      break;

    case SCARD_E_NO_SMARTCARD:
      code = MYNA_CARD_ERROR_NO_CARD;
      message = _("There is no card in the card reader. Insert your My Number Card and try again.");
      break;

    case SCARD_W_REMOVED_CARD:
    case SCARD_W_RESET_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_NOT_TRANSACTED:
    case SCARD_E_COMM_DATA_LOST:
    case SCARD_F_COMM_ERROR:
    case SCARD_E_INVALID_HANDLE:
      code = MYNA_CARD_ERROR_CARD_REMOVED;
      message = _("The card was removed or reset while it was being read. Put the card back "
                  "in the reader and try again.");
      break;

    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNSUPPORTED_CARD:
    case SCARD_E_PROTO_MISMATCH:
    case SCARD_E_CARD_UNSUPPORTED:
      code = MYNA_CARD_ERROR_NOT_MYNUMBER;
      message = _("The card does not respond. Check that it is inserted the right way round, "
                  "with the chip first, and that it is a My Number Card.");
      break;

    case SCARD_E_SHARING_VIOLATION:
      code = MYNA_CARD_ERROR_READER_BUSY;
      message = _("Another program is using the card. Close other programs that use the card "
                  "(for example a browser or an e-Tax program) and try again.");
      break;

    case SCARD_E_TIMEOUT:
      code = MYNA_CARD_ERROR_FAILED;
      message = _("The card reader did not answer in time. Take the card out, insert it again "
                  "and try again.");
      break;

    case SCARD_E_CANCELLED:
      code = MYNA_CARD_ERROR_FAILED;
      message = _("The operation was cancelled.");
      break;

    default:
      code = MYNA_CARD_ERROR_FAILED;
      message = _("The card reader reported an error. Take the card out, insert it again "
                  "and try again.");
      break;
    }

  g_set_error_literal (error, MYNA_CARD_ERROR, code, message);
  return FALSE;
}

/**
 * myna_error_from_sw:
 * @sw: a status word other than 90 00
 * @error: where to put the error
 *
 * Maps a status word the caller did not expect. Callers that expect 63 Cx (PIN tries)
 * handle it before calling this, because only they know which PIN it is about.
 *
 * Returns: %TRUE for 90 00, else %FALSE with @error set
 */
gboolean
myna_error_from_sw (guint16  sw,
                    GError **error)
{
  if (sw == 0x9000)
    return TRUE;

  g_debug ("Card status word %04X", sw);

  switch (sw)
    {
    case 0x6983:
    case 0x6984:
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_BLOCKED,
                           _("This PIN is locked. It can be reset at the office of the municipality "
                             "where you are registered."));
      return FALSE;

    case 0x6982:
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SECURITY_STATUS,
                           _("The card needs the PIN first. Enter the PIN and try again."));
      return FALSE;

    case 0x6A82:
    case 0x6A86:
    case 0x6D00:
    case 0x6E00:
    case 0x6881:
    case 0x6882:
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_FOUND,
                   _("The card does not have the expected data (status %04X). It may not be a "
                     "My Number Card."), sw);
      return FALSE;

    default:
      if ((sw & 0xFF00) == 0x6400 || (sw & 0xFF00) == 0x6500 || sw == 0x6F00)
        g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_FAILED,
                     _("The card reported an internal error (status %04X). Take the card out, "
                       "insert it again and try again."), sw);
      else
        g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL,
                     _("The card gave an unexpected answer (status %04X). Take the card out, "
                       "insert it again and try again."), sw);
      return FALSE;
    }
}

/**
 * myna_error_exit_code:
 *
 * The exit code of mynassist-cli for an error (DESIGN.md): 1 failed, 3 no reader or pcscd,
 * 4 no card or not a My Number Card, 5 refused by the PIN guard, 6 wrong PIN, 7 blocked.
 */
int
myna_error_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;

  if (error->domain != MYNA_CARD_ERROR)
    return 1;

  switch ((MynaCardError) error->code)
    {
    case MYNA_CARD_ERROR_NO_SERVICE:
    case MYNA_CARD_ERROR_NO_READER:
      return 3;
    case MYNA_CARD_ERROR_NO_CARD:
    case MYNA_CARD_ERROR_CARD_REMOVED:
    case MYNA_CARD_ERROR_NOT_MYNUMBER:
      return 4;
    case MYNA_CARD_ERROR_PIN_FORMAT:
    case MYNA_CARD_ERROR_LAST_TRY:
      return 5;
    case MYNA_CARD_ERROR_PIN_INCORRECT:
      return 6;
    case MYNA_CARD_ERROR_PIN_BLOCKED:
      return 7;
    case MYNA_CARD_ERROR_SEVERAL_CARDS:
      return 2;
    case MYNA_CARD_ERROR_FAILED:
    case MYNA_CARD_ERROR_READER_BUSY:
    case MYNA_CARD_ERROR_SECURITY_STATUS:
    case MYNA_CARD_ERROR_NOT_FOUND:
    case MYNA_CARD_ERROR_PROTOCOL:
    case MYNA_CARD_ERROR_NO_CERTIFICATE:
    default:
      return 1;
    }
}
