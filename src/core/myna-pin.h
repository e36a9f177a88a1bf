/* myna-pin.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MynaPinKind:
 * @MYNA_PIN_AUTH: 利用者証明用暗証番号, 4 digits, 3 tries (JPKI EF 0018)
 * @MYNA_PIN_SIGN: 署名用パスワード, 6–16 of A–Z and 0–9 with both, 5 tries (JPKI EF 001B)
 * @MYNA_PIN_CARD_INFO: 券面事項入力補助用暗証番号, 4 digits, 3 tries (券面事項入力補助AP EF 0011)
 */
typedef enum
{
  MYNA_PIN_AUTH,
  MYNA_PIN_SIGN,
  MYNA_PIN_CARD_INFO,
} MynaPinKind;

#define MYNA_PIN_KIND_COUNT 3
#define MYNA_PIN_MAX_LENGTH 16

/* A PIN that passed its format check, held in memory that is wiped on free.
 * Never print it; the struct is opaque so that nothing formats it by accident. */
typedef struct _MynaPin MynaPin;

const char *myna_pin_kind_to_string   (MynaPinKind  kind);
gboolean    myna_pin_kind_from_string (const char  *str,
                                       MynaPinKind *kind);
guint       myna_pin_kind_max_tries   (MynaPinKind  kind);
const char *myna_pin_kind_get_title   (MynaPinKind  kind);

gboolean    myna_pin_check_format     (MynaPinKind  kind,
                                       const char  *text,
                                       GError     **error);
MynaPin    *myna_pin_new              (MynaPinKind  kind,
                                       const char  *text,
                                       GError     **error);
MynaPinKind myna_pin_get_kind         (const MynaPin *pin);
const guint8 *myna_pin_get_bytes      (const MynaPin *pin,
                                       gsize         *len);
void        myna_pin_free             (MynaPin     *pin);
void        myna_secure_wipe          (gpointer     data,
                                       gsize        len);
char       *myna_pin_read_line        (int          fd,
                                       GError     **error);
void        myna_pin_text_free        (char        *text);
void        myna_pin_protect_process  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaPin, myna_pin_free)

G_END_DECLS
