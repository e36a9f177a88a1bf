/* myna-diagnostics.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnostics report for "mynassist-cli diagnose" and the "Copy diagnostics" button:
 * versions, sandbox, pcscd, readers with ATRs, detection steps, PIN counters, certificate
 * validity and recent errors. The caller collects; this class only records and renders.
 *
 * Personal data is redacted unless the caller asks to include it: certificate subjects and
 * serials of the card's own certificates, names, addresses, birth dates, the card's CN,
 * serial numbers in reader names. Every value known to be personal is also searched for and
 * replaced anywhere in the rendered text (error messages included), so a message that
 * happens to quote it does not leak it.
 */

#pragma once

#include "myna-card-status.h"
#include "myna-jpki.h"
#include "myna-reader-monitor.h"

G_BEGIN_DECLS

/* The marker in JSON; the text report shows its translation. */
#define MYNA_DIAGNOSTICS_REDACTED "[redacted]"

typedef enum
{
  MYNA_DIAGNOSTICS_STEP_OK,
  MYNA_DIAGNOSTICS_STEP_FAILED,
  MYNA_DIAGNOSTICS_STEP_SKIPPED,
} MynaDiagnosticsStepResult;

/* The detection steps, in the order the app goes through them. */
typedef enum
{
  MYNA_DIAGNOSTICS_SERVICE,        /* reach pcscd */
  MYNA_DIAGNOSTICS_READERS,        /* list the readers */
  MYNA_DIAGNOSTICS_CARD,           /* find a card in a reader */
  MYNA_DIAGNOSTICS_APPLICATION,    /* select the JPKI AP: is it a My Number Card */
  MYNA_DIAGNOSTICS_PINS,           /* read the tries left, without spending any */
  MYNA_DIAGNOSTICS_CERTIFICATES,   /* read the freely readable certificates */
  MYNA_DIAGNOSTICS_CHAIN,          /* check them against the J-LIS roots */
} MynaDiagnosticsStep;

#define MYNA_DIAGNOSTICS_N_STEPS 7

#define MYNA_TYPE_DIAGNOSTICS (myna_diagnostics_get_type ())
G_DECLARE_FINAL_TYPE (MynaDiagnostics, myna_diagnostics, MYNA, DIAGNOSTICS, GObject)

/* Records the versions, the OS and the sandbox at once. */
MynaDiagnostics *myna_diagnostics_new               (void);

/* Only a GTK build knows these; leave unset in the CLI. */
void  myna_diagnostics_set_ui_versions  (MynaDiagnostics *self,
                                         const char      *gtk_version,
                                         const char      *adwaita_version);
/* "demo card", "virtual card", or NULL for a real reader. */
void  myna_diagnostics_set_card_source  (MynaDiagnostics *self,
                                         const char      *source);
void  myna_diagnostics_set_pcscd        (MynaDiagnostics *self,
                                         gboolean         reachable,
                                         const char      *detail);
void  myna_diagnostics_add_reader       (MynaDiagnostics *self,
                                         const MynaReaderInfo *reader);
/* A reader of ours (demo, virtual card), not a device: the text report calls it @label. */
void  myna_diagnostics_set_reader_label (MynaDiagnostics *self,
                                         const char      *name,
                                         const char      *label);
void  myna_diagnostics_add_step         (MynaDiagnostics *self,
                                         MynaDiagnosticsStep step,
                                         MynaDiagnosticsStepResult result,
                                         const char      *detail);
void  myna_diagnostics_set_status       (MynaDiagnostics *self,
                                         MynaCardStatus  *status);
void  myna_diagnostics_set_tries        (MynaDiagnostics    *self,
                                         MynaPinKind         kind,
                                         const MynaPinTries *tries);
void  myna_diagnostics_add_error        (MynaDiagnostics *self,
                                         GDateTime       *when,
                                         const char      *message);

/* Personal data the app read with a PIN: never shown, but redacted wherever it turns up. */
void  myna_diagnostics_add_card_info    (MynaDiagnostics *self,
                                         const MynaCardInfo *info);
void  myna_diagnostics_add_personal_data (MynaDiagnostics *self,
                                         const MynaJpkiPersonalData *data);
void  myna_diagnostics_add_sensitive    (MynaDiagnostics *self,
                                         const char      *value);

void  myna_diagnostics_collect_status   (MynaDiagnostics *self,
                                         MynaCardStatus  *status,
                                         const GError    *error);

char *myna_diagnostics_to_text          (MynaDiagnostics *self,
                                         gboolean         include_personal_data,
                                         GDateTime       *now);
char *myna_diagnostics_to_json          (MynaDiagnostics *self,
                                         gboolean         include_personal_data,
                                         GDateTime       *now);

G_END_DECLS
