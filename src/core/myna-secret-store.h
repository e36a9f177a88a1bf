/* myna-secret-store.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PIN memo: a PIN the user chose to remember in the login keyring (libsecret; in Flatpak
 * through the Secret portal). Opt-in only, and only after the card accepted the PIN. Items use
 * the schema "io.github.mynassist.Mynassist.PinMemo" with two attributes: "pin-kind" (auth,
 * sign, card-info) and "card" (SHA-256 of the card's user authentication certificate, upper-
 * case hex). No name, My Number or other personal data is ever an attribute or label.
 *
 * The sync calls block on D-Bus: the UI uses the _async variants, which run them on a thread.
 */

#pragma once

#include <gio/gio.h>

#include "myna-card-status.h"
#include "myna-certificate.h"
#include "myna-pin.h"

G_BEGIN_DECLS

#define MYNA_SECRET_STORE_SCHEMA_NAME "io.github.mynassist.Mynassist.PinMemo"

typedef struct
{
  MynaPinKind kind;
  char       *card_id;   /* SHA-256 hex of the auth certificate */
  char       *label;     /* as stored (in the language of the day it was stored) */
  gboolean    locked;    /* the keyring holding it is locked */
} MynaPinMemo;

void         myna_pin_memo_free              (MynaPinMemo   *memo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaPinMemo, myna_pin_memo_free)

char        *myna_secret_store_card_id       (MynaCertificate *auth_certificate);
char        *myna_secret_store_make_label    (MynaPinKind    kind,
                                              const char    *card_id);

/* The memo rule: a remembered PIN may be filled into the entry (never submitted by itself)
 * only when the card reported more than one try left. */
gboolean     myna_secret_store_may_fill      (const MynaPinTries *tries);

/* Call only after the card accepted @pin (VERIFY answered 90 00). */
gboolean     myna_secret_store_remember      (const char    *card_id,
                                              const MynaPin *pin,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Returns %NULL without an error when there is no memo. */
MynaPin     *myna_secret_store_lookup        (const char    *card_id,
                                              MynaPinKind    kind,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Returns %TRUE also when there was nothing to forget. */
gboolean     myna_secret_store_forget        (const char    *card_id,
                                              MynaPinKind    kind,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Which memos exist (values are not read, the keyring is not unlocked):
 * a #GPtrArray of #MynaPinMemo, sorted by card, then kind. */
GPtrArray   *myna_secret_store_list          (GCancellable  *cancellable,
                                              GError       **error);

/* @pin is copied before this returns; the copy is wiped when the job ends. */
void         myna_secret_store_remember_async  (const char          *card_id,
                                                const MynaPin       *pin,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     myna_secret_store_remember_finish (GAsyncResult        *result,
                                                GError             **error);
void         myna_secret_store_lookup_async    (const char          *card_id,
                                                MynaPinKind          kind,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MynaPin     *myna_secret_store_lookup_finish   (GAsyncResult        *result,
                                                GError             **error);
void         myna_secret_store_forget_async    (const char          *card_id,
                                                MynaPinKind          kind,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     myna_secret_store_forget_finish   (GAsyncResult        *result,
                                                GError             **error);
void         myna_secret_store_list_async      (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray   *myna_secret_store_list_finish     (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
