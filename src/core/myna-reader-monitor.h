/* myna-reader-monitor.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MYNA_READER_EMPTY,
  MYNA_READER_CARD_PRESENT,
  MYNA_READER_CARD_MUTE,       /* a card that does not answer (inserted wrong way, broken) */
  MYNA_READER_IN_USE,          /* held exclusively by another program */
} MynaReaderState;

typedef struct
{
  char           *name;
  MynaReaderState state;
  GBytes         *atr;        /* NULL when empty */
  guint           event_count; /* changes with every insert/remove (PC/SC event counter) */
} MynaReaderInfo;

MynaReaderInfo *myna_reader_info_copy (const MynaReaderInfo *info);
void            myna_reader_info_free (MynaReaderInfo       *info);
const char     *myna_reader_state_get_id    (MynaReaderState state);
const char     *myna_reader_state_get_label (MynaReaderState state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaReaderInfo, myna_reader_info_free)

GPtrArray *myna_pcsc_list_readers (GError **error);

#define MYNA_TYPE_READER_MONITOR (myna_reader_monitor_get_type ())
G_DECLARE_FINAL_TYPE (MynaReaderMonitor, myna_reader_monitor, MYNA, READER_MONITOR, GObject)

/**
 * MynaReaderMonitor:
 *
 * Watches readers and cards on a thread of its own (SCardGetStatusChange, hot-plug included)
 * and emits ::changed on the main context it was created in. While pcscd cannot be reached
 * it keeps retrying and reports that through myna_reader_monitor_get_error().
 */
MynaReaderMonitor *myna_reader_monitor_new         (void);
GPtrArray         *myna_reader_monitor_get_readers (MynaReaderMonitor *self);
const GError      *myna_reader_monitor_get_error   (MynaReaderMonitor *self);
void               myna_reader_monitor_stop        (MynaReaderMonitor *self);

G_END_DECLS
