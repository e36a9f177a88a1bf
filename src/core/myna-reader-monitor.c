/* myna-reader-monitor.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-reader-monitor"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <PCSC/winscard.h>
#include <PCSC/pcsclite.h>

#include "myna-error.h"
#include "myna-reader-monitor.h"

#define PNP_READER "\\\\?PnP?\\Notification"
/* A finite wait, so that a missed SCardCancel can never hang shutdown. */
#define WAIT_TIMEOUT_MS 1000
#define RETRY_INTERVAL_US (1 * G_USEC_PER_SEC)
#define MAX_READERS 16

MynaReaderInfo *
myna_reader_info_copy (const MynaReaderInfo *info)
{
  MynaReaderInfo *copy = g_new0 (MynaReaderInfo, 1);

  copy->name = g_strdup (info->name);
  copy->state = info->state;
  copy->atr = info->atr ? g_bytes_ref (info->atr) : NULL;
  copy->event_count = info->event_count;
  return copy;
}

void
myna_reader_info_free (MynaReaderInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_clear_pointer (&info->atr, g_bytes_unref);
  g_free (info);
}

static MynaReaderInfo *
reader_info_from_state (const SCARD_READERSTATE *rs)
{
  MynaReaderInfo *info = g_new0 (MynaReaderInfo, 1);
  DWORD s = rs->dwEventState;

  info->name = g_strdup (rs->szReader);
  info->event_count = (s >> 16) & 0xFFFF;

  if (s & SCARD_STATE_MUTE)
    info->state = MYNA_READER_CARD_MUTE;
  else if ((s & SCARD_STATE_PRESENT) && (s & SCARD_STATE_EXCLUSIVE))
    info->state = MYNA_READER_IN_USE;
  else if (s & SCARD_STATE_PRESENT)
    info->state = MYNA_READER_CARD_PRESENT;
  else
    info->state = MYNA_READER_EMPTY;

  if (info->state != MYNA_READER_EMPTY && rs->cbAtr > 0 && rs->cbAtr <= MAX_ATR_SIZE)
    info->atr = g_bytes_new (rs->rgbAtr, rs->cbAtr);

  return info;
}

/* Lists reader names; an empty list (not an error) when pcscd has no reader. */
static char **
list_reader_names (SCARDCONTEXT   context,
                   GError       **error)
{
  DWORD len = 0;
  g_autofree char *buffer = NULL;
  GPtrArray *names;
  LONG rv;

  rv = SCardListReaders (context, NULL, NULL, &len);
  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return g_new0 (char *, 1);
  if (!myna_error_from_scard (rv, error))
    return NULL;

  buffer = g_malloc0 (len + 1);
  rv = SCardListReaders (context, NULL, buffer, &len);
  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return g_new0 (char *, 1);
  if (!myna_error_from_scard (rv, error))
    return NULL;

  names = g_ptr_array_new ();
  for (const char *p = buffer; p < buffer + len && *p; p += strlen (p) + 1)
    if (names->len < MAX_READERS)
      g_ptr_array_add (names, g_strdup (p));
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (names, FALSE);
}

static GPtrArray *
read_states (SCARDCONTEXT   context,
             char         **names,
             GError       **error)
{
  SCARD_READERSTATE states[MAX_READERS];
  guint n = g_strv_length (names);
  GPtrArray *readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
  LONG rv;

  if (n == 0)
    return readers;

  memset (states, 0, sizeof states);
  for (guint i = 0; i < n; i++)
    {
      states[i].szReader = names[i];
      states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }

  rv = SCardGetStatusChange (context, 0, states, n);
  if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
    {
      g_ptr_array_unref (readers);
      myna_error_from_scard (rv, error);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (readers, reader_info_from_state (&states[i]));

  return readers;
}

/**
 * myna_pcsc_list_readers:
 *
 * A one-off look at the readers and their cards.
 *
 * Returns: (transfer full) (element-type MynaReaderInfo): the readers; empty when there is
 *   none, %NULL with %MYNA_CARD_ERROR_NO_SERVICE when pcscd cannot be reached
 */
GPtrArray *
myna_pcsc_list_readers (GError **error)
{
  SCARDCONTEXT context;
  g_auto(GStrv) names = NULL;
  GPtrArray *readers = NULL;

  if (!myna_error_from_scard (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context), error))
    return NULL;

  names = list_reader_names (context, error);
  if (names != NULL)
    readers = read_states (context, names, error);

  SCardReleaseContext (context);
  return readers;
}

/* The monitor. */

typedef struct
{
  GMutex        lock;
  GCond         cond;
  gboolean      stopping;
  gboolean      has_context;
  SCARDCONTEXT  context;
} MonitorShared;

struct _MynaReaderMonitor
{
  GObject        parent_instance;

  MonitorShared *shared;
  GThread       *thread;
  GMainContext  *main_context;
  GPtrArray     *readers;
  GError        *error;
};

G_DEFINE_FINAL_TYPE (MynaReaderMonitor, myna_reader_monitor, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the thread knows of the monitor: only a weak reference, resolved on the main context.
 * The thread never holds a strong one, so the monitor can never be finalised on the thread
 * (which would make it join itself). Shared by the thread and every pending update. */
typedef struct
{
  gatomicrefcount ref_count;
  MonitorShared  *shared;
  GWeakRef        monitor;
  GMainContext   *main_context;
} ThreadData;

typedef struct
{
  ThreadData *td;
  GPtrArray  *readers;   /* NULL when error is set */
  GError     *error;
} Update;

static ThreadData *
thread_data_ref (ThreadData *td)
{
  g_atomic_ref_count_inc (&td->ref_count);
  return td;
}

static void
thread_data_unref (ThreadData *td)
{
  if (!g_atomic_ref_count_dec (&td->ref_count))
    return;

  g_weak_ref_clear (&td->monitor);
  g_main_context_unref (td->main_context);
  g_free (td);
}

static void
update_free (Update *update)
{
  thread_data_unref (update->td);
  g_clear_pointer (&update->readers, g_ptr_array_unref);
  g_clear_error (&update->error);
  g_free (update);
}

static gboolean
apply_update_cb (gpointer data)
{
  Update *update = data;
  g_autoptr(MynaReaderMonitor) self = g_weak_ref_get (&update->td->monitor);

  /* Stale: the monitor is gone or stopping. */
  if (self == NULL || self->thread == NULL)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_error (&self->error);
  self->readers = g_steal_pointer (&update->readers);
  self->error = g_steal_pointer (&update->error);
  if (self->readers == NULL)
    self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);

  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
post_update (ThreadData *td,
             GPtrArray  *readers,
             GError     *error)
{
  Update *update = g_new0 (Update, 1);
  GSource *source;

  update->td = thread_data_ref (td);
  update->readers = readers;
  update->error = error;

  /* An idle source, not g_main_context_invoke(), which would run the callback on this thread
   * whenever the main context happens not to be iterated. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_update_cb, update, (GDestroyNotify) update_free);
  g_source_attach (source, td->main_context);
  g_source_unref (source);
}

static gboolean
stopping (MonitorShared *shared)
{
  gboolean ret;

  g_mutex_lock (&shared->lock);
  ret = shared->stopping;
  g_mutex_unlock (&shared->lock);
  return ret;
}

/* Sleeps up to @usec, waking early when the monitor stops. */
static void
wait_or_stop (MonitorShared *shared,
              gint64         usec)
{
  gint64 end = g_get_monotonic_time () + usec;

  g_mutex_lock (&shared->lock);
  while (!shared->stopping)
    if (!g_cond_wait_until (&shared->cond, &shared->lock, end))
      break;
  g_mutex_unlock (&shared->lock);
}

static gboolean
same_readers (GPtrArray *a,
              GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      MynaReaderInfo *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->name, y->name) != 0 || x->state != y->state ||
          x->event_count != y->event_count)
        return FALSE;
    }

  return TRUE;
}

/* A reader that went away between listing and asking, or a list that grew meanwhile: list
 * again (after a short pause) rather than tell the user there is no reader. */
static gboolean
transient (GError **error)
{
  if (!g_error_matches (*error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_READER) &&
      !g_error_matches (*error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_FAILED))
    return FALSE;

  g_clear_error (error);
  g_usleep (100 * 1000);
  return TRUE;
}

/* Watches one pcscd session until it fails or the monitor stops. */
static void
watch (ThreadData *td)
{
  MonitorShared *shared = td->shared;
  g_autoptr(GPtrArray) last = NULL;
  GError *error = NULL;

  while (!stopping (shared))
    {
      g_auto(GStrv) names = list_reader_names (shared->context, &error);
      SCARD_READERSTATE states[MAX_READERS + 1];
      GPtrArray *readers;
      guint n;
      LONG rv;

      if (names == NULL)
        {
          if (transient (&error))
            continue;
          break;
        }

      readers = read_states (shared->context, names, &error);
      if (readers == NULL)
        {
          if (transient (&error))
            continue;
          break;
        }

      if (!same_readers (readers, last))
        {
          g_clear_pointer (&last, g_ptr_array_unref);
          last = g_ptr_array_ref (readers);
          post_update (td, readers, NULL);
        }
      else
        g_ptr_array_unref (readers);

      /* Block until a reader or card changes (or the timeout passes). */
      n = g_strv_length (names);
      memset (states, 0, sizeof states);
      for (guint i = 0; i < n; i++)
        {
          MynaReaderInfo *info = g_ptr_array_index (last, i);

          states[i].szReader = names[i];
          states[i].dwCurrentState = (info->event_count << 16);
          switch (info->state)
            {
            case MYNA_READER_EMPTY:
              states[i].dwCurrentState |= SCARD_STATE_EMPTY;
              break;
            case MYNA_READER_CARD_MUTE:
              states[i].dwCurrentState |= SCARD_STATE_PRESENT | SCARD_STATE_MUTE;
              break;
            case MYNA_READER_IN_USE:
              states[i].dwCurrentState |= SCARD_STATE_PRESENT | SCARD_STATE_EXCLUSIVE;
              break;
            case MYNA_READER_CARD_PRESENT:
            default:
              states[i].dwCurrentState |= SCARD_STATE_PRESENT;
              break;
            }
        }
      /* Hot-plug: the PnP pseudo reader changes when readers come and go. */
      states[n].szReader = PNP_READER;
      states[n].dwCurrentState = n << 16;

      rv = SCardGetStatusChange (shared->context, WAIT_TIMEOUT_MS, states, n + 1);
      if (rv == SCARD_S_SUCCESS || rv == SCARD_E_TIMEOUT || rv == SCARD_E_CANCELLED ||
          rv == SCARD_E_UNKNOWN_READER)
        continue;
      /* pcsc-lite 1.9.9 may answer a cancel racing the timeout with INVALID_HANDLE. */
      if (rv == SCARD_E_INVALID_HANDLE && stopping (shared))
        break;

      myna_error_from_scard (rv, &error);
      break;
    }

  if (error != NULL && !stopping (shared))
    post_update (td, NULL, error);
  else
    g_clear_error (&error);
}

static gpointer
monitor_thread_main (gpointer data)
{
  ThreadData *td = data;
  MonitorShared *shared = td->shared;

  while (!stopping (shared))
    {
      GError *error = NULL;
      SCARDCONTEXT context;
      LONG rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context);

      if (rv == SCARD_S_SUCCESS)
        {
          g_mutex_lock (&shared->lock);
          shared->context = context;
          shared->has_context = TRUE;
          g_mutex_unlock (&shared->lock);

          watch (td);

          g_mutex_lock (&shared->lock);
          shared->has_context = FALSE;
          g_mutex_unlock (&shared->lock);
          SCardReleaseContext (context);
        }
      else
        {
          /* pcscd unreachable: say so, then try again (socket activation may start it). */
          myna_error_from_scard (rv, &error);
          post_update (td, NULL, error);
        }

      wait_or_stop (shared, RETRY_INTERVAL_US);
    }

  thread_data_unref (td);
  return NULL;
}

static void
myna_reader_monitor_dispose (GObject *object)
{
  myna_reader_monitor_stop (MYNA_READER_MONITOR (object));

  G_OBJECT_CLASS (myna_reader_monitor_parent_class)->dispose (object);
}

static void
myna_reader_monitor_finalize (GObject *object)
{
  MynaReaderMonitor *self = MYNA_READER_MONITOR (object);

  g_mutex_clear (&self->shared->lock);
  g_cond_clear (&self->shared->cond);
  g_free (self->shared);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->main_context, g_main_context_unref);

  G_OBJECT_CLASS (myna_reader_monitor_parent_class)->finalize (object);
}

static void
myna_reader_monitor_class_init (MynaReaderMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myna_reader_monitor_dispose;
  object_class->finalize = myna_reader_monitor_finalize;

  /**
   * MynaReaderMonitor::changed:
   *
   * Readers, cards or the reachability of pcscd changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
myna_reader_monitor_init (MynaReaderMonitor *self)
{
  self->shared = g_new0 (MonitorShared, 1);
  g_mutex_init (&self->shared->lock);
  g_cond_init (&self->shared->cond);
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
}

/**
 * myna_reader_monitor_new:
 *
 * Starts watching; ::changed is emitted on the thread-default main context of the caller.
 */
MynaReaderMonitor *
myna_reader_monitor_new (void)
{
  MynaReaderMonitor *self = g_object_new (MYNA_TYPE_READER_MONITOR, NULL);
  ThreadData *td = g_new0 (ThreadData, 1);

  self->main_context = g_main_context_ref_thread_default ();
  g_atomic_ref_count_init (&td->ref_count);
  td->shared = self->shared;
  g_weak_ref_init (&td->monitor, self);
  td->main_context = g_main_context_ref (self->main_context);
  self->thread = g_thread_new ("myna-reader-monitor", monitor_thread_main, td);

  return self;
}

/**
 * myna_reader_monitor_get_readers:
 *
 * Returns: (transfer none) (element-type MynaReaderInfo): the readers as last seen
 */
GPtrArray *
myna_reader_monitor_get_readers (MynaReaderMonitor *self)
{
  g_return_val_if_fail (MYNA_IS_READER_MONITOR (self), NULL);

  return self->readers;
}

/**
 * myna_reader_monitor_get_error:
 *
 * Returns: (nullable): why no readers can be seen (pcscd unreachable), or %NULL
 */
const GError *
myna_reader_monitor_get_error (MynaReaderMonitor *self)
{
  g_return_val_if_fail (MYNA_IS_READER_MONITOR (self), NULL);

  return self->error;
}

/**
 * myna_reader_monitor_stop:
 *
 * Stops the thread: SCardCancel on the very context it waits in, then joins it.
 */
void
myna_reader_monitor_stop (MynaReaderMonitor *self)
{
  g_return_if_fail (MYNA_IS_READER_MONITOR (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->shared->lock);
  self->shared->stopping = TRUE;
  if (self->shared->has_context)
    SCardCancel (self->shared->context);
  g_cond_broadcast (&self->shared->cond);
  g_mutex_unlock (&self->shared->lock);

  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * myna_reader_state_get_id:
 *
 * Returns: the state's name in the CLI's and the diagnostics' machine-readable output
 *   ("card", "mute", "in-use", "empty"); not translated.
 */
const char *
myna_reader_state_get_id (MynaReaderState state)
{
  switch (state)
    {
    case MYNA_READER_CARD_PRESENT:
      return "card";
    case MYNA_READER_CARD_MUTE:
      return "mute";
    case MYNA_READER_IN_USE:
      return "in-use";
    case MYNA_READER_EMPTY:
    default:
      return "empty";
    }
}

/**
 * myna_reader_state_get_label:
 *
 * Returns: what is in a reader, in words for people, translated ("No card"); the Reader step
 *   and the diagnostics report say the same.
 */
const char *
myna_reader_state_get_label (MynaReaderState state)
{
  switch (state)
    {
    case MYNA_READER_CARD_PRESENT:
      return _("A card is present");
    case MYNA_READER_CARD_MUTE:
      return _("A card is present but does not answer");
    case MYNA_READER_IN_USE:
      return _("In use by another program");
    case MYNA_READER_EMPTY:
    default:
      return _("No card");
    }
}
