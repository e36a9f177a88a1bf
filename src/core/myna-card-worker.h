/* myna-card-worker.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "myna-card-status.h"
#include "myna-transport.h"

G_BEGIN_DECLS

#define MYNA_TYPE_CARD_WORKER (myna_card_worker_get_type ())
G_DECLARE_FINAL_TYPE (MynaCardWorker, myna_card_worker, MYNA, CARD_WORKER, GObject)

/* All card I/O of one card runs on the worker's own thread, one job at a time; results are
 * delivered on the thread-default main context of the caller. */
MynaCardWorker *myna_card_worker_new         (MynaTransport      *transport);
MynaTransport  *myna_card_worker_get_transport (MynaCardWorker   *self);

void            myna_card_worker_read_status_async   (MynaCardWorker      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MynaCardStatus *myna_card_worker_read_status_finish  (MynaCardWorker      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void            myna_card_worker_query_tries_async   (MynaCardWorker      *self,
                                                      MynaPinKind          kind,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        myna_card_worker_query_tries_finish  (MynaCardWorker      *self,
                                                      GAsyncResult        *result,
                                                      MynaPinTries        *tries,
                                                      GError             **error);

/* The PIN guard applies to all of these: @pin is owned by the job and wiped after use;
 * a PIN with one try left is refused with MYNA_CARD_ERROR_LAST_TRY unless
 * @last_try_confirmed. On MYNA_CARD_ERROR_PIN_INCORRECT, @remaining holds the tries left. */
void            myna_card_worker_verify_async        (MynaCardWorker      *self,
                                                      MynaPin             *pin,
                                                      gboolean             last_try_confirmed,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        myna_card_worker_verify_finish       (MynaCardWorker      *self,
                                                      GAsyncResult        *result,
                                                      guint               *remaining,
                                                      GError             **error);

void            myna_card_worker_change_pin_async    (MynaCardWorker      *self,
                                                      MynaPin             *old_pin,
                                                      MynaPin             *new_pin,
                                                      gboolean             last_try_confirmed,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        myna_card_worker_change_pin_finish   (MynaCardWorker      *self,
                                                      GAsyncResult        *result,
                                                      guint               *remaining,
                                                      GError             **error);

void            myna_card_worker_read_sign_certificate_async  (MynaCardWorker      *self,
                                                               MynaPin             *pin,
                                                               gboolean             last_try_confirmed,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
MynaCertificate *myna_card_worker_read_sign_certificate_finish (MynaCardWorker      *self,
                                                               GAsyncResult        *result,
                                                               guint               *remaining,
                                                               GError             **error);

void            myna_card_worker_read_card_info_async  (MynaCardWorker      *self,
                                                        MynaPin             *pin,
                                                        gboolean             last_try_confirmed,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
MynaCardInfo   *myna_card_worker_read_card_info_finish (MynaCardWorker      *self,
                                                        GAsyncResult        *result,
                                                        guint               *remaining,
                                                        GError             **error);

G_END_DECLS
