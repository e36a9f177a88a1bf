/* myna-card-worker.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-card-worker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-card-worker.h"
#include "myna-error.h"
#include "myna-jpki.h"

/* One thread per card, so APDUs of two jobs can never interleave on a handle. The thread owns
 * only the queue and the transport: the worker object itself can go away while it runs. */
typedef struct
{
  GAsyncQueue   *queue;
  MynaTransport *transport;
} WorkerThread;

struct _MynaCardWorker
{
  GObject        parent_instance;

  MynaTransport *transport;
  GAsyncQueue   *queue;
  GThread       *thread;
};

G_DEFINE_FINAL_TYPE (MynaCardWorker, myna_card_worker, G_TYPE_OBJECT)

typedef void (*JobFunc) (GTask         *task,
                         MynaTransport *transport,
                         gpointer       data,
                         GCancellable  *cancellable);

typedef struct
{
  JobFunc        func;
  MynaPinKind    kind;
  MynaPin       *pin;
  MynaPin       *new_pin;
  gboolean       last_try_confirmed;
  guint          remaining;
  MynaPinTries   tries;
} Job;

/* Marks the end of the queue. */
static int stop_marker;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->pin, myna_pin_free);
  g_clear_pointer (&job->new_pin, myna_pin_free);
  g_free (job);
}

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_thread_main (gpointer user_data)
{
  WorkerThread *wt = user_data;

  for (;;)
    {
      gpointer item = g_async_queue_pop (wt->queue);
      GTask *task;
      Job *job;

      if (item == &stop_marker)
        break;

      task = item;
      job = g_task_get_task_data (task);

      if (!g_task_return_error_if_cancelled (task))
        job->func (task, wt->transport, job, g_task_get_cancellable (task));

      /* The PIN is no longer needed, whatever happened: wipe it now, not when the task dies. */
      g_clear_pointer (&job->pin, myna_pin_free);
      g_clear_pointer (&job->new_pin, myna_pin_free);

      /* Drop our reference on the caller's context: if it were the last one, the worker would
       * be finalised on its own thread and try to join itself. An idle source, not
       * g_main_context_invoke(): that runs the function right here when it can acquire the
       * context, which it can while the caller is not iterating it. */
      {
        GSource *source = g_idle_source_new ();

        g_source_set_callback (source, unref_task_cb, task, NULL);
        g_source_attach (source, g_task_get_context (task));
        g_source_unref (source);
      }
    }

  g_async_queue_unref (wt->queue);
  g_object_unref (wt->transport);
  g_free (wt);
  return NULL;
}

static void
myna_card_worker_dispose (GObject *object)
{
  MynaCardWorker *self = MYNA_CARD_WORKER (object);

  if (self->thread != NULL)
    {
      g_async_queue_push (self->queue, &stop_marker);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (myna_card_worker_parent_class)->dispose (object);
}

static void
myna_card_worker_finalize (GObject *object)
{
  MynaCardWorker *self = MYNA_CARD_WORKER (object);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_object (&self->transport);

  G_OBJECT_CLASS (myna_card_worker_parent_class)->finalize (object);
}

static void
myna_card_worker_class_init (MynaCardWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myna_card_worker_dispose;
  object_class->finalize = myna_card_worker_finalize;
}

static void
myna_card_worker_init (MynaCardWorker *self)
{
  self->queue = g_async_queue_new ();
}

/**
 * myna_card_worker_new:
 * @transport: the card to work on
 *
 * Returns: (transfer full): a worker with its own thread
 */
MynaCardWorker *
myna_card_worker_new (MynaTransport *transport)
{
  MynaCardWorker *self;
  WorkerThread *wt;

  g_return_val_if_fail (MYNA_IS_TRANSPORT (transport), NULL);

  self = g_object_new (MYNA_TYPE_CARD_WORKER, NULL);
  self->transport = g_object_ref (transport);

  wt = g_new0 (WorkerThread, 1);
  wt->queue = g_async_queue_ref (self->queue);
  wt->transport = g_object_ref (transport);
  self->thread = g_thread_new ("myna-card-worker", worker_thread_main, wt);

  return self;
}

/**
 * myna_card_worker_get_transport:
 *
 * Returns: (transfer none): the transport; use it only through the worker
 */
MynaTransport *
myna_card_worker_get_transport (MynaCardWorker *self)
{
  g_return_val_if_fail (MYNA_IS_CARD_WORKER (self), NULL);

  return self->transport;
}

static void
queue_job (MynaCardWorker      *self,
           gpointer             source_tag,
           Job                 *job,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_async_queue_push (self->queue, task);
}

static Job *
job_new (JobFunc func)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  return job;
}

/* read_status */

static void
read_status_job (GTask         *task,
                 MynaTransport *transport,
                 gpointer       data,
                 GCancellable  *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;
  MynaCardStatus *status = myna_card_read_status (transport, now, &error);

  if (status == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, status, (GDestroyNotify) myna_card_status_unref);
}

/**
 * myna_card_worker_read_status_async:
 *
 * Reads everything the card tells without a PIN (see myna_card_read_status()). Never spends
 * a PIN try.
 */
void
myna_card_worker_read_status_async (MynaCardWorker      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MYNA_IS_CARD_WORKER (self));

  queue_job (self, myna_card_worker_read_status_async, job_new (read_status_job),
             cancellable, callback, user_data);
}

/**
 * myna_card_worker_read_status_finish:
 *
 * Returns: (transfer full): the status
 */
MynaCardStatus *
myna_card_worker_read_status_finish (MynaCardWorker  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* query_tries */

static void
query_tries_job (GTask         *task,
                 MynaTransport *transport,
                 gpointer       data,
                 GCancellable  *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  gboolean verified = FALSE;
  gboolean ok = FALSE;

  if (myna_transport_begin_transaction (transport, &error))
    {
      ok = myna_jpki_query_tries (transport, job->kind, &job->tries.remaining, &verified, &error);
      myna_transport_end_transaction (transport, FALSE);
    }

  job->tries.max = myna_pin_kind_max_tries (job->kind);
  job->tries.known = ok && !verified;
  job->tries.blocked = ok && job->tries.remaining == 0;

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
myna_card_worker_query_tries_async (MynaCardWorker      *self,
                                    MynaPinKind          kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MYNA_IS_CARD_WORKER (self));
  g_return_if_fail (kind < MYNA_PIN_KIND_COUNT);

  job = job_new (query_tries_job);
  job->kind = kind;
  queue_job (self, myna_card_worker_query_tries_async, job, cancellable, callback, user_data);
}

gboolean
myna_card_worker_query_tries_finish (MynaCardWorker  *self,
                                     GAsyncResult    *result,
                                     MynaPinTries    *tries,
                                     GError         **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (tries != NULL)
    *tries = job->tries;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* PIN jobs: each runs in one transaction and powers the card off afterwards, so that no other
 * program inherits a card whose PIN has been verified. */

/* Takes the card for a PIN job. Until then (another program may hold the card, and
 * SCardBeginTransaction waits for it) the job can be cancelled; from here on it cannot: once
 * a VERIFY may reach the card, the caller must learn what the card said (a try spent, a PIN
 * changed), never "cancelled". */
static gboolean
take_card_for_pin (GTask          *task,
                   MynaTransport  *transport,
                   GCancellable   *cancellable,
                   GError        **error)
{
  if (!myna_transport_begin_transaction (transport, error))
    return FALSE;
  g_task_set_check_cancellable (task, FALSE);
  /* After the flag: a cancel from now on no longer changes the result. */
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
begin_pin_job (GTask          *task,
               MynaTransport  *transport,
               Job            *job,
               GCancellable   *cancellable,
               GError        **error)
{
  return take_card_for_pin (task, transport, cancellable, error) &&
         myna_jpki_verify (transport, job->pin, job->last_try_confirmed, &job->remaining, error);
}

static void
verify_job (GTask         *task,
            MynaTransport *transport,
            gpointer       data,
            GCancellable  *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  gboolean ok;

  ok = begin_pin_job (task, transport, job, cancellable, &error);
  myna_transport_end_transaction (transport, TRUE);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
queue_pin_job (MynaCardWorker      *self,
               gpointer             source_tag,
               JobFunc              func,
               MynaPin             *pin,
               MynaPin             *new_pin,
               gboolean             last_try_confirmed,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  Job *job = job_new (func);

  job->pin = pin;
  job->new_pin = new_pin;
  job->kind = myna_pin_get_kind (pin);
  job->last_try_confirmed = last_try_confirmed;
  queue_job (self, source_tag, job, cancellable, callback, user_data);
}

/**
 * myna_card_worker_verify_async:
 * @pin: (transfer full): the PIN; wiped after use
 * @last_try_confirmed: the user confirmed using the last try
 *
 * Checks a PIN through the guard (myna_jpki_verify()).
 *
 * Like every PIN job, it can be cancelled only while it waits for the card (in the queue, or
 * for another program to let go of it): once it holds the card, it runs to the end and its
 * real result is returned, whatever @cancellable says.
 */
void
myna_card_worker_verify_async (MynaCardWorker      *self,
                               MynaPin             *pin,
                               gboolean             last_try_confirmed,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MYNA_IS_CARD_WORKER (self));
  g_return_if_fail (pin != NULL);

  queue_pin_job (self, myna_card_worker_verify_async, verify_job, pin, NULL,
                 last_try_confirmed, cancellable, callback, user_data);
}

static gboolean
finish_pin_job (MynaCardWorker *self,
                GAsyncResult   *result,
                guint          *remaining)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (remaining != NULL)
    *remaining = job->remaining;
  return TRUE;
}

gboolean
myna_card_worker_verify_finish (MynaCardWorker  *self,
                                GAsyncResult    *result,
                                guint           *remaining,
                                GError         **error)
{
  if (!finish_pin_job (self, result, remaining))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
change_pin_job (GTask         *task,
                MynaTransport *transport,
                gpointer       data,
                GCancellable  *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  gboolean ok = FALSE;

  if (take_card_for_pin (task, transport, cancellable, &error))
    ok = myna_jpki_change_pin (transport, job->pin, job->new_pin, job->last_try_confirmed,
                               &job->remaining, &error);
  myna_transport_end_transaction (transport, TRUE);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * myna_card_worker_change_pin_async:
 * @old_pin: (transfer full): the current PIN
 * @new_pin: (transfer full): the new PIN, of the same kind
 */
void
myna_card_worker_change_pin_async (MynaCardWorker      *self,
                                   MynaPin             *old_pin,
                                   MynaPin             *new_pin,
                                   gboolean             last_try_confirmed,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MYNA_IS_CARD_WORKER (self));
  g_return_if_fail (old_pin != NULL && new_pin != NULL);
  g_return_if_fail (myna_pin_get_kind (old_pin) == myna_pin_get_kind (new_pin));

  queue_pin_job (self, myna_card_worker_change_pin_async, change_pin_job, old_pin, new_pin,
                 last_try_confirmed, cancellable, callback, user_data);
}

gboolean
myna_card_worker_change_pin_finish (MynaCardWorker  *self,
                                    GAsyncResult    *result,
                                    guint           *remaining,
                                    GError         **error)
{
  if (!finish_pin_job (self, result, remaining))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
read_sign_certificate_job (GTask         *task,
                           MynaTransport *transport,
                           gpointer       data,
                           GCancellable  *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  g_autoptr(GBytes) der = NULL;
  MynaCertificate *certificate = NULL;

  if (begin_pin_job (task, transport, job, cancellable, &error))
    der = myna_jpki_read_certificate (transport, MYNA_CERT_SIGN, &error);
  myna_transport_end_transaction (transport, TRUE);

  if (der != NULL)
    certificate = myna_certificate_new_from_der (der, &error);

  if (certificate != NULL)
    g_task_return_pointer (task, certificate, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * myna_card_worker_read_sign_certificate_async:
 * @pin: (transfer full): the signing password
 *
 * Verifies the signing password and reads the signing certificate, which holds the holder's
 * name, address, birth date and sex. The caller shows it and does not store it.
 */
void
myna_card_worker_read_sign_certificate_async (MynaCardWorker      *self,
                                              MynaPin             *pin,
                                              gboolean             last_try_confirmed,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (MYNA_IS_CARD_WORKER (self));
  g_return_if_fail (pin != NULL && myna_pin_get_kind (pin) == MYNA_PIN_SIGN);

  queue_pin_job (self, myna_card_worker_read_sign_certificate_async, read_sign_certificate_job,
                 pin, NULL, last_try_confirmed, cancellable, callback, user_data);
}

/**
 * myna_card_worker_read_sign_certificate_finish:
 *
 * Returns: (transfer full): the signing certificate
 */
MynaCertificate *
myna_card_worker_read_sign_certificate_finish (MynaCardWorker  *self,
                                               GAsyncResult    *result,
                                               guint           *remaining,
                                               GError         **error)
{
  if (!finish_pin_job (self, result, remaining))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_card_info_job (GTask         *task,
                    MynaTransport *transport,
                    gpointer       data,
                    GCancellable  *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  MynaCardInfo *info = NULL;

  if (begin_pin_job (task, transport, job, cancellable, &error))
    info = myna_jpki_read_card_info (transport, &error);
  myna_transport_end_transaction (transport, TRUE);

  if (info != NULL)
    g_task_return_pointer (task, info, (GDestroyNotify) myna_card_info_free);
  else
    g_task_return_error (task, error);
}

/**
 * myna_card_worker_read_card_info_async:
 * @pin: (transfer full): the card information PIN
 *
 * Verifies the card information PIN and reads name, address, birth date and sex (never the
 * My Number).
 */
void
myna_card_worker_read_card_info_async (MynaCardWorker      *self,
                                       MynaPin             *pin,
                                       gboolean             last_try_confirmed,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MYNA_IS_CARD_WORKER (self));
  g_return_if_fail (pin != NULL && myna_pin_get_kind (pin) == MYNA_PIN_CARD_INFO);

  queue_pin_job (self, myna_card_worker_read_card_info_async, read_card_info_job,
                 pin, NULL, last_try_confirmed, cancellable, callback, user_data);
}

/**
 * myna_card_worker_read_card_info_finish:
 *
 * Returns: (transfer full): the card information
 */
MynaCardInfo *
myna_card_worker_read_card_info_finish (MynaCardWorker  *self,
                                        GAsyncResult    *result,
                                        guint           *remaining,
                                        GError         **error)
{
  if (!finish_pin_job (self, result, remaining))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}
