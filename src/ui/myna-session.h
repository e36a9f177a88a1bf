/* myna-session.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "core/myna-card-status.h"
#include "core/myna-card-worker.h"

G_BEGIN_DECLS

/**
 * MynaSessionState:
 * @MYNA_SESSION_STARTING: the reader monitor has not reported yet
 * @MYNA_SESSION_NO_SERVICE: pcscd cannot be reached
 * @MYNA_SESSION_NO_READER: no reader is connected
 * @MYNA_SESSION_NO_CARD: the chosen reader is empty
 * @MYNA_SESSION_CARD_MUTE: a card is present but does not answer
 * @MYNA_SESSION_READER_BUSY: another program holds the card
 * @MYNA_SESSION_READING: the card's status is being read
 * @MYNA_SESSION_NOT_MYNUMBER: the card is not a My Number Card (myna_session_get_error() may
 *   say what it is)
 * @MYNA_SESSION_READ_FAILED: reading the card failed (see myna_session_get_error())
 * @MYNA_SESSION_READY: a My Number Card was read; myna_session_get_status() is set
 */
typedef enum
{
  MYNA_SESSION_STARTING,
  MYNA_SESSION_NO_SERVICE,
  MYNA_SESSION_NO_READER,
  MYNA_SESSION_NO_CARD,
  MYNA_SESSION_CARD_MUTE,
  MYNA_SESSION_READER_BUSY,
  MYNA_SESSION_READING,
  MYNA_SESSION_NOT_MYNUMBER,
  MYNA_SESSION_READ_FAILED,
  MYNA_SESSION_READY,
} MynaSessionState;

#define MYNA_TYPE_SESSION (myna_session_get_type ())
G_DECLARE_FINAL_TYPE (MynaSession, myna_session, MYNA, SESSION, GObject)

MynaSession      *myna_session_new                (void);
MynaSession      *myna_session_new_demo           (const char   *profile_path,
                                                   guint         latency_ms,
                                                   GError      **error);
gboolean          myna_session_start_demo         (MynaSession  *self,
                                                   GError      **error);
gboolean          myna_session_get_demo           (MynaSession  *self);
void              myna_session_set_demo_card_present (MynaSession *self,
                                                   gboolean      present);
gboolean          myna_session_get_demo_card_present (MynaSession *self);
MynaSessionState  myna_session_get_state          (MynaSession  *self);
MynaCardStatus   *myna_session_get_status         (MynaSession  *self);
const GError     *myna_session_get_error          (MynaSession  *self);
GPtrArray        *myna_session_get_readers        (MynaSession  *self);
const char       *myna_session_get_reader         (MynaSession  *self);
void              myna_session_select_reader      (MynaSession  *self,
                                                   const char   *name);
MynaCardWorker   *myna_session_get_worker         (MynaSession  *self);
gboolean          myna_session_get_busy           (MynaSession  *self);
GCancellable     *myna_session_begin_job          (MynaSession  *self);
void              myna_session_end_job            (MynaSession  *self);
void              myna_session_cancel_job         (MynaSession  *self);
void              myna_session_reread             (MynaSession  *self);
gboolean          myna_session_get_tries          (MynaSession  *self,
                                                   MynaPinKind   kind,
                                                   MynaPinTries *tries);
void              myna_session_set_tries          (MynaSession  *self,
                                                   MynaPinKind   kind,
                                                   const MynaPinTries *tries);
char             *myna_session_find_demo_profile  (void);

char             *myna_session_dup_demo_pin       (MynaSession  *self,
                                                   MynaPinKind   kind);

/* For tests: the virtual card of a demo session, to count the VERIFYs it received. */
gpointer          myna_session_get_demo_card      (MynaSession  *self);

/* For tests: a session that watches neither PC/SC nor a demo card, fed by the test with what
 * the reader monitor would report (reader states that need no card I/O: a reader whose card
 * is present would be read through PC/SC). */
MynaSession      *myna_session_new_detached       (void);
void              myna_session_feed_readers       (MynaSession  *self,
                                                   GPtrArray    *readers,
                                                   const GError *service_error);

G_END_DECLS
