/* myna-session.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one model the wizard binds to. It owns the reader monitor (or, in demo mode, the
 * in-process virtual card) and the card worker, re-reads the card's status on every insertion,
 * and tells the pages through ::changed. Pages never talk to PC/SC themselves.
 */

#define G_LOG_DOMAIN "myna-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/myna-error.h"
#include "core/myna-pcsc-transport.h"
#include "core/myna-reader-monitor.h"
#include "virtual-card/myna-virtual-card.h"
#include "virtual-card/myna-virtual-transport.h"

#include "myna-session.h"

struct _MynaSession
{
  GObject               parent_instance;

  MynaReaderMonitor    *monitor;
  MynaVirtualCard      *demo_card;
  MynaVirtualTransport *demo_transport;
  gboolean              demo;
  gboolean              demo_card_present;
  char                 *demo_profile;

  GPtrArray            *readers;          /* MynaReaderInfo */
  char                 *reader;           /* the reader we follow */
  gboolean              reader_chosen;    /* chosen by the user */
  guint                 event_count;
  gboolean              have_event_count;

  MynaCardWorker       *worker;
  MynaCardStatus       *status;
  MynaPinTries          tries[MYNA_PIN_KIND_COUNT];
  GError               *error;
  MynaSessionState      state;

  GCancellable         *read_cancellable;
  GCancellable         *job_cancellable;
  gboolean              job_active;
};

G_DEFINE_FINAL_TYPE (MynaSession, myna_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DEMO,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DEMO_READER_NAME "Mynassist demo card reader"

static void start_read (MynaSession *self);

static void
emit_changed (MynaSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_state (MynaSession      *self,
           MynaSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
notify_busy (MynaSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
forget_card (MynaSession *self)
{
  if (self->read_cancellable != NULL)
    {
      g_cancellable_cancel (self->read_cancellable);
      g_clear_object (&self->read_cancellable);
      notify_busy (self);
    }

  /* A job on a removed card ends with CARD_REMOVED anyway; cancelling it makes it quick. */
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);

  g_clear_pointer (&self->status, myna_card_status_unref);
  g_clear_error (&self->error);     /* it was about this card */
  memset (self->tries, 0, sizeof self->tries);
  self->have_event_count = FALSE;

  /* A PC/SC transport belongs to one insertion; the demo one lives as long as the demo. */
  if (!self->demo)
    g_clear_object (&self->worker);
}

static void
read_status_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MynaSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaCardStatus) status = NULL;

  status = myna_card_worker_read_status_finish (MYNA_CARD_WORKER (source), result, &error);

  /* Cancelled: whoever cancelled (card removed, new insertion, Cancel) already set the state. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->read_cancellable);
  notify_busy (self);
  g_clear_error (&self->error);

  if (status != NULL && status->is_mynumber)
    {
      self->status = g_steal_pointer (&status);
      memcpy (self->tries, self->status->pins, sizeof self->tries);
      set_state (self, MYNA_SESSION_READY);
    }
  else if (status != NULL || g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER))
    {
      /* Kept: it can say what the card is instead (a Basic Resident Registration Card). */
      self->error = g_steal_pointer (&error);
      set_state (self, MYNA_SESSION_NOT_MYNUMBER);
    }
  else if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_CARD) ||
           g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_CARD_REMOVED))
    set_state (self, MYNA_SESSION_NO_CARD);
  else if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_READER_BUSY))
    set_state (self, MYNA_SESSION_READER_BUSY);
  else if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE))
    {
      /* Kept, like the reader monitor's: the diagnostics report gives its fix. */
      self->error = g_steal_pointer (&error);
      set_state (self, MYNA_SESSION_NO_SERVICE);
    }
  else
    {
      g_debug ("Reading the card failed: %s", error->message);
      self->error = g_steal_pointer (&error);
      set_state (self, MYNA_SESSION_READ_FAILED);
    }

  emit_changed (self);
}

static void
start_read (MynaSession *self)
{
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_pointer (&self->status, myna_card_status_unref);
  g_clear_error (&self->error);

  if (self->worker == NULL)
    {
      g_autoptr(MynaTransport) transport = NULL;

      if (self->demo)
        transport = g_object_ref (MYNA_TRANSPORT (self->demo_transport));
      else
        transport = MYNA_TRANSPORT (myna_pcsc_transport_new (self->reader));
      self->worker = myna_card_worker_new (transport);
    }

  self->read_cancellable = g_cancellable_new ();
  set_state (self, MYNA_SESSION_READING);
  notify_busy (self);
  myna_card_worker_read_status_async (self->worker, self->read_cancellable,
                                      read_status_cb, g_object_ref (self));
}

static const MynaReaderInfo *
find_reader (MynaSession *self,
             const char  *name)
{
  if (name == NULL || self->readers == NULL)
    return NULL;

  for (guint i = 0; i < self->readers->len; i++)
    {
      const MynaReaderInfo *info = g_ptr_array_index (self->readers, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }

  return NULL;
}

static const MynaReaderInfo *
choose_reader (MynaSession *self)
{
  const MynaReaderInfo *current = find_reader (self, self->reader);

  if (current != NULL && (self->reader_chosen || current->state != MYNA_READER_EMPTY))
    return current;

  /* Follow the card: the first reader that holds one, else stay where we were. */
  for (guint i = 0; i < self->readers->len; i++)
    {
      const MynaReaderInfo *info = g_ptr_array_index (self->readers, i);

      if (info->state != MYNA_READER_EMPTY)
        return info;
    }

  if (current != NULL)
    return current;

  return g_ptr_array_index (self->readers, 0);
}

/* Takes ownership of @readers. */
static void
update_readers (MynaSession  *self,
                GPtrArray    *readers,
                const GError *service_error)
{
  const MynaReaderInfo *info;

  g_clear_pointer (&self->readers, g_ptr_array_unref);
  self->readers = readers != NULL ? readers
                                  : g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);

  if (service_error != NULL)
    {
      forget_card (self);
      /* Its message is the fix for where the app runs (host, Flatpak with or without pcsc). */
      self->error = g_error_copy (service_error);
      set_state (self, MYNA_SESSION_NO_SERVICE);
      emit_changed (self);
      return;
    }

  if (self->readers->len == 0)
    {
      forget_card (self);
      g_clear_pointer (&self->reader, g_free);
      self->reader_chosen = FALSE;
      set_state (self, MYNA_SESSION_NO_READER);
      emit_changed (self);
      return;
    }

  info = choose_reader (self);
  if (g_strcmp0 (info->name, self->reader) != 0)
    {
      forget_card (self);
      g_free (self->reader);
      self->reader = g_strdup (info->name);
    }

  switch (info->state)
    {
    case MYNA_READER_EMPTY:
      forget_card (self);
      set_state (self, MYNA_SESSION_NO_CARD);
      break;

    case MYNA_READER_CARD_MUTE:
      forget_card (self);
      set_state (self, MYNA_SESSION_CARD_MUTE);
      break;

    case MYNA_READER_IN_USE:
      /* Keep what we read already: another program merely holds the card for a moment. */
      if (self->status == NULL)
        set_state (self, MYNA_SESSION_READER_BUSY);
      break;

    case MYNA_READER_CARD_PRESENT:
      /* A new insertion (the event counter moved) means a card that may differ: read again. */
      if (!self->have_event_count || self->event_count != info->event_count ||
          (self->status == NULL && self->read_cancellable == NULL &&
           self->state != MYNA_SESSION_NOT_MYNUMBER && self->state != MYNA_SESSION_READ_FAILED))
        {
          forget_card (self);
          self->event_count = info->event_count;
          self->have_event_count = TRUE;
          start_read (self);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  emit_changed (self);
}

static void
monitor_changed_cb (MynaReaderMonitor *monitor,
                    MynaSession       *self)
{
  GPtrArray *seen = myna_reader_monitor_get_readers (monitor);
  GPtrArray *readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);

  /* The monitor's array is its own and changes with the next event: keep a copy. */
  for (guint i = 0; seen != NULL && i < seen->len; i++)
    g_ptr_array_add (readers, myna_reader_info_copy (g_ptr_array_index (seen, i)));

  update_readers (self, readers, myna_reader_monitor_get_error (monitor));
}

static void
update_demo_reader (MynaSession *self)
{
  GPtrArray *readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
  MynaReaderInfo info = { 0 };
  g_autoptr(GBytes) atr = NULL;
  static guint demo_events;

  if (self->demo_card_present)
    {
      atr = myna_virtual_card_get_atr (self->demo_card);
      demo_events++;
    }

  info.name = (char *) DEMO_READER_NAME;
  info.state = self->demo_card_present ? MYNA_READER_CARD_PRESENT : MYNA_READER_EMPTY;
  info.atr = atr;
  info.event_count = demo_events;
  g_ptr_array_add (readers, myna_reader_info_copy (&info));

  update_readers (self, readers, NULL);
}

static void
myna_session_dispose (GObject *object)
{
  MynaSession *self = (MynaSession *)object;

  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->job_cancellable);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      myna_reader_monitor_stop (self->monitor);
      g_clear_object (&self->monitor);
    }

  g_clear_object (&self->worker);
  g_clear_object (&self->demo_transport);
  g_clear_object (&self->demo_card);

  G_OBJECT_CLASS (myna_session_parent_class)->dispose (object);
}

static void
myna_session_finalize (GObject *object)
{
  MynaSession *self = (MynaSession *)object;

  g_clear_pointer (&self->status, myna_card_status_unref);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->reader, g_free);
  g_clear_pointer (&self->demo_profile, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (myna_session_parent_class)->finalize (object);
}

static void
myna_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MynaSession *self = MYNA_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, myna_session_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myna_session_class_init (MynaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myna_session_dispose;
  object_class->finalize = myna_session_finalize;
  object_class->get_property = myna_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      MYNA_SESSION_STARTING, MYNA_SESSION_READY, MYNA_SESSION_STARTING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MynaSession::changed:
   *
   * Emitted on the main context whenever readers, the card, its status or the state change.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
myna_session_init (MynaSession *self)
{
  self->state = MYNA_SESSION_STARTING;
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
}

/**
 * myna_session_new:
 *
 * Returns: (transfer full): a session that follows the PC/SC readers.
 */
MynaSession *
myna_session_new (void)
{
  MynaSession *self = g_object_new (MYNA_TYPE_SESSION, NULL);

  self->monitor = myna_reader_monitor_new ();
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);

  return self;
}

static gboolean
load_demo (MynaSession *self,
           const char  *profile_path,
           guint        latency_ms,
           GError     **error)
{
  g_autofree char *found = NULL;

  if (profile_path == NULL)
    profile_path = found = myna_session_find_demo_profile ();
  if (profile_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The demo card is not installed."));
      return FALSE;
    }

  self->demo_card = myna_virtual_card_new_from_profile (profile_path, error);
  if (self->demo_card == NULL)
    return FALSE;
  g_free (self->demo_profile);
  self->demo_profile = g_strdup (profile_path);
  if (latency_ms > 0)
    myna_virtual_card_set_latency_ms (self->demo_card, latency_ms);

  self->demo_transport = myna_virtual_transport_new (self->demo_card);
  self->demo = TRUE;
  self->demo_card_present = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);

  return TRUE;
}

/**
 * myna_session_new_demo:
 * @profile_path: (nullable): a virtual card profile, or %NULL for the shipped demo card
 * @latency_ms: extra latency per APDU, 0 for the profile's own
 *
 * Returns: (transfer full) (nullable): a session on the in-process virtual card.
 */
MynaSession *
myna_session_new_demo (const char  *profile_path,
                       guint        latency_ms,
                       GError     **error)
{
  g_autoptr(MynaSession) self = g_object_new (MYNA_TYPE_SESSION, NULL);

  if (!load_demo (self, profile_path, latency_ms, error))
    return NULL;

  update_demo_reader (self);

  return g_steal_pointer (&self);
}

/**
 * myna_session_start_demo:
 *
 * Switches a PC/SC session to the demo card (the Welcome page's "Try with a demo card").
 */
gboolean
myna_session_start_demo (MynaSession  *self,
                         GError      **error)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), FALSE);

  if (self->demo)
    return TRUE;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      myna_reader_monitor_stop (self->monitor);
      g_clear_object (&self->monitor);
    }

  forget_card (self);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->reader, g_free);
  self->reader_chosen = FALSE;

  if (!load_demo (self, NULL, 0, error))
    return FALSE;

  update_demo_reader (self);

  return TRUE;
}

gboolean
myna_session_get_demo (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), FALSE);

  return self->demo;
}

/**
 * myna_session_set_demo_card_present:
 *
 * Takes the demo card out of its virtual reader or puts it back, as a user would.
 */
void
myna_session_set_demo_card_present (MynaSession *self,
                                    gboolean     present)
{
  g_return_if_fail (MYNA_IS_SESSION (self));
  g_return_if_fail (self->demo);

  present = !!present;
  if (self->demo_card_present == present)
    return;

  self->demo_card_present = present;
  myna_virtual_transport_set_present (self->demo_transport, present);
  update_demo_reader (self);
}

gboolean
myna_session_get_demo_card_present (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), FALSE);

  return self->demo && self->demo_card_present;
}

MynaSessionState
myna_session_get_state (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), MYNA_SESSION_STARTING);

  return self->state;
}

/**
 * myna_session_get_status:
 *
 * Returns: (transfer none) (nullable): what the card said without a PIN, when READY.
 */
MynaCardStatus *
myna_session_get_status (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  return self->status;
}

const GError *
myna_session_get_error (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  return self->error;
}

/**
 * myna_session_get_readers:
 *
 * Returns: (transfer none) (element-type MynaReaderInfo): the readers seen last.
 */
GPtrArray *
myna_session_get_readers (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  return self->readers;
}

const char *
myna_session_get_reader (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  return self->reader;
}

void
myna_session_select_reader (MynaSession *self,
                            const char  *name)
{
  g_autoptr(GPtrArray) readers = NULL;

  g_return_if_fail (MYNA_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->reader, name) == 0 && self->reader_chosen)
    return;

  forget_card (self);
  g_free (self->reader);
  self->reader = g_strdup (name);
  self->reader_chosen = TRUE;

  readers = g_ptr_array_ref (self->readers);
  update_readers (self, g_steal_pointer (&readers), NULL);
}

/**
 * myna_session_get_worker:
 *
 * Returns: (transfer none) (nullable): the worker of the current card.
 */
MynaCardWorker *
myna_session_get_worker (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  if (self->state != MYNA_SESSION_READY)
    return NULL;

  return self->worker;
}

gboolean
myna_session_get_busy (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), FALSE);

  return self->job_active || self->read_cancellable != NULL;
}

/**
 * myna_session_begin_job:
 *
 * Marks the start of a card operation a page started; the window shows a spinner and Cancel
 * until myna_session_end_job(). One job at a time.
 *
 * Returns: (transfer none): the cancellable for the job
 */
GCancellable *
myna_session_begin_job (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);
  g_return_val_if_fail (!self->job_active, NULL);

  g_clear_object (&self->job_cancellable);
  self->job_cancellable = g_cancellable_new ();
  self->job_active = TRUE;
  notify_busy (self);

  return self->job_cancellable;
}

void
myna_session_end_job (MynaSession *self)
{
  g_return_if_fail (MYNA_IS_SESSION (self));

  if (!self->job_active)
    return;

  self->job_active = FALSE;
  g_clear_object (&self->job_cancellable);
  notify_busy (self);
}

void
myna_session_cancel_job (MynaSession *self)
{
  g_return_if_fail (MYNA_IS_SESSION (self));

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);

  if (self->read_cancellable != NULL)
    {
      g_cancellable_cancel (self->read_cancellable);
      g_clear_object (&self->read_cancellable);
      g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Reading the card was cancelled."));
      set_state (self, MYNA_SESSION_READ_FAILED);
      notify_busy (self);
      emit_changed (self);
    }
}

/**
 * myna_session_reread:
 *
 * Reads the card's status again (no PIN, no try spent).
 */
void
myna_session_reread (MynaSession *self)
{
  g_return_if_fail (MYNA_IS_SESSION (self));

  if (self->reader == NULL || self->state == MYNA_SESSION_NO_CARD ||
      self->state == MYNA_SESSION_NO_READER || self->state == MYNA_SESSION_NO_SERVICE)
    return;

  if (!self->demo)
    g_clear_object (&self->worker);
  start_read (self);
  emit_changed (self);
}

/**
 * myna_session_get_tries:
 *
 * The latest known tries of @kind: from the status read at insertion, updated after every
 * PIN operation. Returns %FALSE when no card was read.
 */
gboolean
myna_session_get_tries (MynaSession  *self,
                        MynaPinKind   kind,
                        MynaPinTries *tries)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, FALSE);

  if (self->status == NULL)
    return FALSE;

  *tries = self->tries[kind];
  return TRUE;
}

void
myna_session_set_tries (MynaSession        *self,
                        MynaPinKind         kind,
                        const MynaPinTries *tries)
{
  g_return_if_fail (MYNA_IS_SESSION (self));
  g_return_if_fail (kind < MYNA_PIN_KIND_COUNT);

  if (self->status == NULL)
    return;

  self->tries[kind] = *tries;
  emit_changed (self);
}

/**
 * myna_session_find_demo_profile:
 *
 * Returns: (transfer full) (nullable): the demo card profile ($MYNASSIST_DEMO_PROFILE, the
 *   one in the build tree, or the installed one), or %NULL if there is none
 */
char *
myna_session_find_demo_profile (void)
{
  g_autofree char *path = myna_demo_profile_path ();

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_steal_pointer (&path);
}

/**
 * myna_session_get_demo_card:
 *
 * Returns: (transfer none) (nullable) (type MynaVirtualCard): the demo card, for tests
 */
gpointer
myna_session_get_demo_card (MynaSession *self)
{
  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  return self->demo_card;
}

/**
 * myna_session_new_detached:
 *
 * For tests: a session without a reader monitor or a demo card. It stays STARTING until the
 * test calls myna_session_feed_readers().
 *
 * Returns: (transfer full): the session
 */
MynaSession *
myna_session_new_detached (void)
{
  return g_object_new (MYNA_TYPE_SESSION, NULL);
}

/**
 * myna_session_feed_readers:
 * @readers: (element-type MynaReaderInfo) (nullable): the readers, as the monitor reports them
 * @service_error: (nullable): why pcscd cannot be reached
 *
 * For tests: what a reader monitor would report, handled exactly as the monitor's ::changed.
 */
void
myna_session_feed_readers (MynaSession  *self,
                           GPtrArray    *readers,
                           const GError *service_error)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);

  g_return_if_fail (MYNA_IS_SESSION (self));
  g_return_if_fail (self->monitor == NULL && !self->demo);

  for (guint i = 0; readers != NULL && i < readers->len; i++)
    g_ptr_array_add (copy, myna_reader_info_copy (g_ptr_array_index (readers, i)));

  update_readers (self, copy, service_error);
}

/**
 * myna_session_dup_demo_pin:
 *
 * The demo card's PIN of @kind, so that a demo user can try every flow. Only for the demo
 * card, whose data is fictitious; %NULL otherwise.
 *
 * Returns: (transfer full) (nullable): the PIN
 */
char *
myna_session_dup_demo_pin (MynaSession *self,
                           MynaPinKind  kind)
{
  g_autoptr(GKeyFile) profile = g_key_file_new ();

  g_return_val_if_fail (MYNA_IS_SESSION (self), NULL);

  if (!self->demo || self->demo_profile == NULL ||
      !g_key_file_load_from_file (profile, self->demo_profile, G_KEY_FILE_NONE, NULL))
    return NULL;

  return g_key_file_get_string (profile, myna_pin_kind_to_string (kind), "pin", NULL);
}
