/* myna-error.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MYNA_CARD_ERROR (myna_card_error_quark ())

/**
 * MynaCardError:
 * @MYNA_CARD_ERROR_FAILED: anything not covered below (message says what happened)
 * @MYNA_CARD_ERROR_NO_SERVICE: the PC/SC service (pcscd) cannot be reached
 * @MYNA_CARD_ERROR_NO_READER: no card reader is connected
 * @MYNA_CARD_ERROR_NO_CARD: the reader holds no card
 * @MYNA_CARD_ERROR_CARD_REMOVED: the card was removed or reset during an operation
 * @MYNA_CARD_ERROR_NOT_MYNUMBER: the card is not a My Number Card
 * @MYNA_CARD_ERROR_SEVERAL_CARDS: several readers hold a My Number Card; the caller must choose
 * @MYNA_CARD_ERROR_READER_BUSY: another program holds the card exclusively
 * @MYNA_CARD_ERROR_PIN_FORMAT: refused by the PIN guard: the PIN does not have the required
 *   format. Nothing was sent to the card.
 * @MYNA_CARD_ERROR_LAST_TRY: refused by the PIN guard: only one try is left and the caller did
 *   not confirm. Nothing was sent to the card.
 * @MYNA_CARD_ERROR_PIN_INCORRECT: the card rejected the PIN; tries are left
 * @MYNA_CARD_ERROR_PIN_BLOCKED: the PIN is locked (by this attempt or before it)
 * @MYNA_CARD_ERROR_SECURITY_STATUS: the operation needs a PIN that was not verified (69 82)
 * @MYNA_CARD_ERROR_NOT_FOUND: the application or file does not exist on the card (6A 82)
 * @MYNA_CARD_ERROR_PROTOCOL: the card gave a malformed or unexpected answer
 * @MYNA_CARD_ERROR_NO_CERTIFICATE: the card holds no such certificate
 *
 * Errors of card operations. Cancellation is reported as %G_IO_ERROR_CANCELLED instead.
 */
typedef enum
{
  MYNA_CARD_ERROR_FAILED,
  MYNA_CARD_ERROR_NO_SERVICE,
  MYNA_CARD_ERROR_NO_READER,
  MYNA_CARD_ERROR_NO_CARD,
  MYNA_CARD_ERROR_CARD_REMOVED,
  MYNA_CARD_ERROR_NOT_MYNUMBER,
  MYNA_CARD_ERROR_SEVERAL_CARDS,
  MYNA_CARD_ERROR_READER_BUSY,
  MYNA_CARD_ERROR_PIN_FORMAT,
  MYNA_CARD_ERROR_LAST_TRY,
  MYNA_CARD_ERROR_PIN_INCORRECT,
  MYNA_CARD_ERROR_PIN_BLOCKED,
  MYNA_CARD_ERROR_SECURITY_STATUS,
  MYNA_CARD_ERROR_NOT_FOUND,
  MYNA_CARD_ERROR_PROTOCOL,
  MYNA_CARD_ERROR_NO_CERTIFICATE,
} MynaCardError;

GQuark   myna_card_error_quark      (void);

gboolean myna_error_from_scard      (long         rv,
                                     GError     **error);
gboolean myna_error_from_sw         (guint16      sw,
                                     GError     **error);
int      myna_error_exit_code       (const GError *error);

G_END_DECLS
