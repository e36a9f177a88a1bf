/* myna-diagnostics.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-diagnostics"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>

#include "myna-diagnostics.h"
#include "myna-json.h"
#include "myna-error.h"
#include "myna-sandbox.h"

#ifndef MYNA_PCSC_LITE_VERSION
#define MYNA_PCSC_LITE_VERSION "unknown"
#endif

/* Shorter values are not searched for: they would match ordinary words and numbers. */
#define MIN_SENSITIVE_BYTES 4

/* What a step's detail is, so the text report can show it in the user's language or mark it
 * as quoted from a device. */
typedef enum
{
  DETAIL_TEXT,       /* our own words, already translated */
  DETAIL_READER,     /* a reader name: a device's, or ours with a label */
  DETAIL_VERBATIM,   /* as the card gives it (its token label) */
} DetailKind;

typedef struct
{
  MynaDiagnosticsStep       step;
  MynaDiagnosticsStepResult result;
  DetailKind                kind;
  char                     *detail;
} Step;

typedef struct
{
  GDateTime *when;
  char      *message;
} Error;

struct _MynaDiagnostics
{
  GObject          parent_instance;

  char            *glib_version;
  char            *openssl_version;
  char            *os_name;
  char            *gtk_version;
  char            *adwaita_version;
  gboolean         flatpak;
  gboolean         pcsc_socket;
  char            *card_source;

  gboolean         pcscd_known;
  gboolean         pcscd_reachable;
  char            *pcscd_detail;

  GPtrArray       *readers;     /* MynaReaderInfo */
  GHashTable      *reader_labels;   /* reader name → label, for readers that are ours */
  GArray          *steps;       /* Step */
  GArray          *errors;      /* Error */
  MynaCardStatus  *status;
  MynaPinTries     tries[MYNA_PIN_KIND_COUNT];   /* latest counters, may be newer than status */
  GPtrArray       *sensitive;   /* char*, personal values to search for */
};

G_DEFINE_FINAL_TYPE (MynaDiagnostics, myna_diagnostics, G_TYPE_OBJECT)

static const struct
{
  const char *id;
  const char *label;
} step_names[MYNA_DIAGNOSTICS_N_STEPS] = {
  [MYNA_DIAGNOSTICS_SERVICE] = { "service", N_("Reach the smart card service (pcscd)") },
  [MYNA_DIAGNOSTICS_READERS] = { "readers", N_("Find card readers") },
  [MYNA_DIAGNOSTICS_CARD] = { "card", N_("Find a card in a reader") },
  [MYNA_DIAGNOSTICS_APPLICATION] = { "application", N_("Recognise a My Number Card (JPKI application)") },
  [MYNA_DIAGNOSTICS_PINS] = { "pins", N_("Read the PIN tries left (no try is used)") },
  [MYNA_DIAGNOSTICS_CERTIFICATES] = { "certificates", N_("Read the electronic certificates") },
  [MYNA_DIAGNOSTICS_CHAIN] = { "chain", N_("Check who issued the user authentication certificate") },
};

/* JSON keeps these ids; the text report shows result_label(). */
static const char *result_ids[] = { "ok", "failed", "skipped" };

static void
step_clear (Step *step)
{
  g_free (step->detail);
}

static void
error_clear (Error *error)
{
  g_clear_pointer (&error->when, g_date_time_unref);
  g_free (error->message);
}

static void
myna_diagnostics_finalize (GObject *object)
{
  MynaDiagnostics *self = MYNA_DIAGNOSTICS (object);

  g_free (self->glib_version);
  g_free (self->openssl_version);
  g_free (self->os_name);
  g_free (self->gtk_version);
  g_free (self->adwaita_version);
  g_free (self->card_source);
  g_free (self->pcscd_detail);
  g_ptr_array_unref (self->readers);
  g_hash_table_unref (self->reader_labels);
  g_array_unref (self->steps);
  g_array_unref (self->errors);
  g_clear_pointer (&self->status, myna_card_status_unref);
  /* The personal values are not secrets like a PIN, but they are personal: wipe them. */
  for (guint i = 0; i < self->sensitive->len; i++)
    {
      char *value = g_ptr_array_index (self->sensitive, i);
      myna_secure_wipe (value, strlen (value));
    }
  g_ptr_array_unref (self->sensitive);

  G_OBJECT_CLASS (myna_diagnostics_parent_class)->finalize (object);
}

static void
myna_diagnostics_class_init (MynaDiagnosticsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myna_diagnostics_finalize;
}

static void
myna_diagnostics_init (MynaDiagnostics *self)
{
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
  self->reader_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, (GDestroyNotify) step_clear);
  self->errors = g_array_new (FALSE, TRUE, sizeof (Error));
  g_array_set_clear_func (self->errors, (GDestroyNotify) error_clear);
  self->sensitive = g_ptr_array_new_with_free_func (g_free);

  self->glib_version = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version,
                                        glib_micro_version);
  self->openssl_version = g_strdup (OpenSSL_version (OPENSSL_VERSION));
  self->os_name = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);
  self->flatpak = myna_sandbox_is_flatpak ();
  self->pcsc_socket = self->flatpak && myna_sandbox_has_pcsc_socket ();
}

/**
 * myna_diagnostics_new:
 *
 * Returns: (transfer full): a report holding the versions, the OS and the sandbox
 */
MynaDiagnostics *
myna_diagnostics_new (void)
{
  return g_object_new (MYNA_TYPE_DIAGNOSTICS, NULL);
}

void
myna_diagnostics_set_ui_versions (MynaDiagnostics *self,
                                  const char      *gtk_version,
                                  const char      *adwaita_version)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  g_free (self->gtk_version);
  self->gtk_version = g_strdup (gtk_version);
  g_free (self->adwaita_version);
  self->adwaita_version = g_strdup (adwaita_version);
}

void
myna_diagnostics_set_card_source (MynaDiagnostics *self,
                                  const char      *source)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  g_free (self->card_source);
  self->card_source = g_strdup (source);
}

void
myna_diagnostics_set_pcscd (MynaDiagnostics *self,
                            gboolean         reachable,
                            const char      *detail)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  self->pcscd_known = TRUE;
  self->pcscd_reachable = reachable;
  g_free (self->pcscd_detail);
  self->pcscd_detail = g_strdup (detail);
}

void
myna_diagnostics_add_reader (MynaDiagnostics      *self,
                             const MynaReaderInfo *reader)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));
  g_return_if_fail (reader != NULL);

  g_ptr_array_add (self->readers, myna_reader_info_copy (reader));
}

/**
 * myna_diagnostics_set_reader_label:
 * @self: a report
 * @name: a reader name as the transport or the session gives it
 * @label: (nullable): what to call it in the text report, translated; %NULL to drop the label
 *
 * Marks @name as a reader of ours (the demo or a virtual card) rather than a device: the text
 * report shows @label for it, where a device's name is quoted as it is. The JSON report keeps
 * @name.
 */
void
myna_diagnostics_set_reader_label (MynaDiagnostics *self,
                                   const char      *name,
                                   const char      *label)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));
  g_return_if_fail (name != NULL);

  if (label == NULL)
    g_hash_table_remove (self->reader_labels, name);
  else
    g_hash_table_insert (self->reader_labels, g_strdup (name), g_strdup (label));
}

static void
add_step_full (MynaDiagnostics           *self,
               MynaDiagnosticsStep        step,
               MynaDiagnosticsStepResult  result,
               DetailKind                 kind,
               const char                *detail)
{
  Step s = { step, result, kind, g_strdup (detail) };

  g_array_append_val (self->steps, s);
}

void
myna_diagnostics_add_step (MynaDiagnostics           *self,
                           MynaDiagnosticsStep        step,
                           MynaDiagnosticsStepResult  result,
                           const char                *detail)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));
  g_return_if_fail (step < MYNA_DIAGNOSTICS_N_STEPS);

  add_step_full (self, step, result, DETAIL_TEXT, detail);
}

void
myna_diagnostics_add_sensitive (MynaDiagnostics *self,
                                const char      *value)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  if (value == NULL || strlen (value) < MIN_SENSITIVE_BYTES)
    return;
  for (guint i = 0; i < self->sensitive->len; i++)
    if (g_str_equal (g_ptr_array_index (self->sensitive, i), value))
      return;
  g_ptr_array_add (self->sensitive, g_strdup (value));
}

/* A distinguished name and each of its values ("CN=…, L=…"). */
static void
add_sensitive_dn (MynaDiagnostics *self,
                  const char      *dn)
{
  g_auto(GStrv) parts = NULL;

  if (dn == NULL)
    return;
  myna_diagnostics_add_sensitive (self, dn);
  parts = g_strsplit (dn, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *value = g_strstrip (g_strdup (eq ? eq + 1 : parts[i]));

      myna_diagnostics_add_sensitive (self, value);
    }
}

/* A name or address, whole and split at ASCII and ideographic spaces: a surname on its own is
 * still personal. */
static void
add_sensitive_words (MynaDiagnostics *self,
                     const char      *text)
{
  g_autoptr(GRegex) space = NULL;
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return;
  myna_diagnostics_add_sensitive (self, text);
  space = g_regex_new ("[ \\x{3000}]+", 0, 0, NULL);
  words = g_regex_split (space, text, 0);
  for (guint i = 0; words[i] != NULL; i++)
    myna_diagnostics_add_sensitive (self, words[i]);
}

void
myna_diagnostics_add_card_info (MynaDiagnostics    *self,
                                const MynaCardInfo *info)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  if (info == NULL)
    return;
  add_sensitive_words (self, info->name);
  add_sensitive_words (self, info->address);
  myna_diagnostics_add_sensitive (self, info->birth_date);
}

void
myna_diagnostics_add_personal_data (MynaDiagnostics            *self,
                                    const MynaJpkiPersonalData *data)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  if (data == NULL)
    return;
  add_sensitive_words (self, data->name);
  add_sensitive_words (self, data->address);
  myna_diagnostics_add_sensitive (self, data->birth_date);
}

/**
 * myna_diagnostics_set_tries:
 *
 * Replaces the counters of @kind with newer ones (the status was read at insertion; PIN
 * operations since then changed them). Call after myna_diagnostics_set_status().
 */
void
myna_diagnostics_set_tries (MynaDiagnostics    *self,
                            MynaPinKind         kind,
                            const MynaPinTries *tries)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));
  g_return_if_fail (kind < MYNA_PIN_KIND_COUNT && tries != NULL);

  self->tries[kind] = *tries;
}

void
myna_diagnostics_set_status (MynaDiagnostics *self,
                             MynaCardStatus  *status)
{
  const MynaCertInfo *auth;

  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  g_clear_pointer (&self->status, myna_card_status_unref);
  if (status == NULL)
    return;
  self->status = myna_card_status_ref (status);
  for (guint i = 0; i < MYNA_PIN_KIND_COUNT; i++)
    self->tries[i] = status->pins[i];

  /* The card's own certificate identifies the holder; the CA certificates do not. */
  auth = &status->certs[MYNA_CERT_AUTH];
  if (auth->present)
    {
      add_sensitive_dn (self, auth->subject);
      myna_diagnostics_add_sensitive (self, auth->serial);
    }
}

void
myna_diagnostics_add_error (MynaDiagnostics *self,
                            GDateTime       *when,
                            const char      *message)
{
  Error e;

  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));
  g_return_if_fail (message != NULL);

  e.when = when ? g_date_time_ref (when) : g_date_time_new_now_utc ();
  e.message = g_strdup (message);
  g_array_append_val (self->errors, e);
}

/* Wording shared by collecting and rendering */

static const char *
cert_label (MynaCertSlot slot)
{
  switch (slot)
    {
    case MYNA_CERT_AUTH:
      return _("User authentication certificate");
    case MYNA_CERT_AUTH_CA:
      /* The same words as the Certificates step's "Issuer Certificates on the Card". */
      return _("Issuer of the user authentication certificate");
    case MYNA_CERT_SIGN:
      return _("Signing certificate");
    case MYNA_CERT_SIGN_CA:
      return _("Issuer of the signing certificate");
    default:
      return "?";
    }
}

static const char *
result_label (MynaDiagnosticsStepResult result)
{
  switch (result)
    {
    case MYNA_DIAGNOSTICS_STEP_OK:
      /* Translators: a detection step's result, shown in brackets: "[ok] Find card readers". */
      return C_("diagnostics step", "ok");
    case MYNA_DIAGNOSTICS_STEP_FAILED:
      return C_("diagnostics step", "failed");
    case MYNA_DIAGNOSTICS_STEP_SKIPPED:
      /* Translators: the step was not done, for example pcscd with the demo card. */
      return C_("diagnostics step", "skipped");
    default:
      return "?";
    }
}


static MynaDiagnosticsStep
step_of_error (const GError *error)
{
  if (error->domain != MYNA_CARD_ERROR)
    return MYNA_DIAGNOSTICS_CARD;

  switch (error->code)
    {
    case MYNA_CARD_ERROR_NO_SERVICE:
      return MYNA_DIAGNOSTICS_SERVICE;
    case MYNA_CARD_ERROR_NO_READER:
      return MYNA_DIAGNOSTICS_READERS;
    case MYNA_CARD_ERROR_NOT_MYNUMBER:
      return MYNA_DIAGNOSTICS_APPLICATION;
    case MYNA_CARD_ERROR_NO_CERTIFICATE:
      return MYNA_DIAGNOSTICS_CERTIFICATES;
    default:
      return MYNA_DIAGNOSTICS_CARD;
    }
}

/**
 * myna_diagnostics_collect_status:
 * @self: a report
 * @status: (nullable): what the card said, if reading it worked
 * @error: (nullable): why reading the card failed
 *
 * Records the card steps (card, application, PIN tries, certificates, chain) from the outcome
 * of myna_card_read_status().
 */
void
myna_diagnostics_collect_status (MynaDiagnostics *self,
                                 MynaCardStatus  *status,
                                 const GError    *error)
{
  g_return_if_fail (MYNA_IS_DIAGNOSTICS (self));

  if (status == NULL)
    {
      if (error != NULL)
        {
          myna_diagnostics_add_step (self, step_of_error (error), MYNA_DIAGNOSTICS_STEP_FAILED,
                                     error->message);
          myna_diagnostics_add_error (self, NULL, error->message);
        }
      return;
    }

  myna_diagnostics_set_status (self, status);
  add_step_full (self, MYNA_DIAGNOSTICS_CARD, MYNA_DIAGNOSTICS_STEP_OK, DETAIL_READER,
                 status->reader);
  add_step_full (self, MYNA_DIAGNOSTICS_APPLICATION,
                 status->is_mynumber ? MYNA_DIAGNOSTICS_STEP_OK : MYNA_DIAGNOSTICS_STEP_FAILED,
                 DETAIL_VERBATIM, status->token_label);
  myna_diagnostics_add_step (self, MYNA_DIAGNOSTICS_PINS, MYNA_DIAGNOSTICS_STEP_OK, NULL);

  {
    g_autoptr(GString) present = g_string_new (NULL);
    MynaDiagnosticsStepResult chain = MYNA_DIAGNOSTICS_STEP_SKIPPED;
    const char *chain_detail = NULL;

    for (guint i = 0; i < MYNA_CERT_SLOT_COUNT; i++)
      if (status->certs[i].present)
        g_string_append_printf (present, "%s%s",
                                /* Translators: between the items of a list. */
                                present->len ? C_("list separator", ", ") : "",
                                cert_label (i));
    myna_diagnostics_add_step (self, MYNA_DIAGNOSTICS_CERTIFICATES,
                               present->len ? MYNA_DIAGNOSTICS_STEP_OK : MYNA_DIAGNOSTICS_STEP_SKIPPED,
                               present->len ? present->str : _("the card holds no certificates"));

    if (status->certs[MYNA_CERT_AUTH].present)
      {
        const MynaCertInfo *auth = &status->certs[MYNA_CERT_AUTH];

        /* Say how far the check went: a bundled J-LIS root, or only the card's own CA. */
        chain_detail = auth->chain != MYNA_CHAIN_VALID
                       ? myna_chain_result_get_label (auth->chain)
                       : auth->trust == MYNA_TRUST_BUNDLED
                       ? _("valid, issued by a J-LIS root shipped with the app")
                       : _("valid, but checked only against the CA certificate on the card");
        chain = status->certs[MYNA_CERT_AUTH].chain == MYNA_CHAIN_VALID
                ? MYNA_DIAGNOSTICS_STEP_OK : MYNA_DIAGNOSTICS_STEP_FAILED;
      }
    myna_diagnostics_add_step (self, MYNA_DIAGNOSTICS_CHAIN, chain, chain_detail);
  }
}

/* Rendering */

static char *
iso_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = time ? g_date_time_to_utc (time) : NULL;

  return utc ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* Reader names from pcsc-lite may carry the device's serial number in parentheses. */
static char *
redact_reader_serials (const char *text,
                       const char *marker)
{
  g_autoptr(GRegex) serial = g_regex_new ("\\((?=[0-9A-Za-z]*[0-9])[0-9A-Za-z]{6,}\\)", 0, 0, NULL);
  g_autofree char *replacement = g_strdup_printf ("(%s)", marker);

  return g_regex_replace_literal (serial, text, -1, 0, replacement, 0, NULL);
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/* The last line of defence: every known personal value, anywhere in the output, also in its
 * JSON-escaped form. Longest first, so a full name goes before its parts. @marker is
 * MYNA_DIAGNOSTICS_REDACTED in JSON and its translation in the text report. */
static char *
redact_known_values (MynaDiagnostics *self,
                     char            *text,
                     const char      *marker)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GString *out = g_string_new (text);

  g_free (text);
  for (guint i = 0; i < self->sensitive->len; i++)
    g_ptr_array_add (values, g_ptr_array_index (self->sensitive, i));
  g_ptr_array_sort (values, compare_longest_first);

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      g_autoptr(GString) escaped = g_string_new (NULL);

      g_string_replace (out, value, marker, 0);
      myna_json_append_string (escaped, value);
      g_string_truncate (escaped, escaped->len - 1);
      g_string_erase (escaped, 0, 1);
      if (!g_str_equal (escaped->str, value))
        g_string_replace (out, escaped->str, marker, 0);
    }

  {
    g_autofree char *result = g_string_free (out, FALSE);
    return redact_reader_serials (result, marker);
  }
}

static const char *
personal (const char *value,
          gboolean    include,
          const char *marker)
{
  if (value == NULL)
    return NULL;
  return include ? value : marker;
}

/* Whether the subject and serial of a slot identify the holder. */
static gboolean
slot_is_personal (MynaCertSlot slot)
{
  return slot == MYNA_CERT_AUTH || slot == MYNA_CERT_SIGN;
}

static const char *
pcsc_card_name (MynaDiagnostics *self)
{
  return self->card_source ? self->card_source : _("PC/SC reader");
}

/* A value shown exactly as the system, a device, the card or a certificate gives it: quoted,
 * so that a reader of a translated report sees it is not ours to translate. */
static char *
quote (const char *value)
{
  if (value == NULL)
    return NULL;
  /* Translators: a value quoted as a device or certificate gives it. Japanese: "「%s」". */
  return g_strdup_printf (C_("diagnostics", "“%s”"), value);
}

/* A device's name quoted as it is; the name of a reader of ours (the demo card) in words. */
static char *
reader_display_name (MynaDiagnostics *self,
                     const char      *name)
{
  const char *label;

  if (name == NULL)
    return NULL;
  label = g_hash_table_lookup (self->reader_labels, name);
  return label ? g_strdup (label) : quote (name);
}

static char *
step_detail (MynaDiagnostics *self,
             const Step      *step)
{
  switch (step->kind)
    {
    case DETAIL_READER:
      return reader_display_name (self, step->detail);
    case DETAIL_VERBATIM:
      return quote (step->detail);
    case DETAIL_TEXT:
    default:
      return g_strdup (step->detail);
    }
}

/* A personal value or the marker; quoted only when shown. */
static char *
personal_quoted (const char *value,
                 gboolean    include,
                 const char *marker)
{
  if (value == NULL)
    return NULL;
  return include ? quote (value) : g_strdup (marker);
}

/**
 * myna_diagnostics_to_text:
 * @self: a report
 * @include_personal_data: %TRUE only when the user asked for it
 * @now: the time written into the report and used for days left
 *
 * Every word is in the user's language. What a device, the card or a certificate says (reader
 * names, the card's label, certificate names, the OS name) is quoted as it is, and the report
 * says so; version numbers, hex and times are left as they are.
 *
 * Returns: (transfer full): the report as the user will see and share it
 */
char *
myna_diagnostics_to_text (MynaDiagnostics *self,
                          gboolean         include_personal_data,
                          GDateTime       *now)
{
  GString *out = g_string_new (NULL);
  g_autofree char *created = NULL;
  g_autofree char *os = NULL;
  /* Translators: replaces personal data in the diagnostics report. Japanese: "[非表示]". */
  const char *marker = C_("diagnostics", "[redacted]");

  g_return_val_if_fail (MYNA_IS_DIAGNOSTICS (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  created = iso_time (now);
  g_string_append_printf (out, "%s\n", C_("diagnostics", "Mynassist diagnostics report"));
  g_string_append_printf (out, "%s: %s\n", C_("diagnostics", "Created"), created);
  g_string_append_printf (out, "%s: %s\n", C_("diagnostics", "Personal data"),
                          include_personal_data ? C_("diagnostics", "included at the user’s request")
                                                : C_("diagnostics", "hidden"));
  g_string_append_printf (out, "%s\n", C_("diagnostics", "This report never contains a PIN or the "
                                          "My Number."));
  g_string_append_printf (out, "%s\n", C_("diagnostics", "Text in quotation marks is shown exactly "
                                          "as the system, a card reader, the card or a "
                                          "certificate gives it, untranslated."));

  g_string_append_printf (out, "\n%s\n", C_("diagnostics", "Versions"));
  g_string_append_printf (out, "  %s: %s\n", _("Mynassist"), PACKAGE_VERSION);
  g_string_append_printf (out, "  GLib: %s\n", self->glib_version);
  if (self->gtk_version != NULL)
    g_string_append_printf (out, "  GTK: %s\n", self->gtk_version);
  if (self->adwaita_version != NULL)
    g_string_append_printf (out, "  libadwaita: %s\n", self->adwaita_version);
  /* The number only: the full string ends in an English build date. The JSON has it all. */
  g_string_append_printf (out, "  OpenSSL: %s\n", OpenSSL_version (OPENSSL_VERSION_STRING));
  g_string_append_printf (out, "  pcsc-lite: %s (%s)\n", MYNA_PCSC_LITE_VERSION,
                          C_("diagnostics", "client library at build time"));
  os = self->os_name ? quote (self->os_name) : g_strdup (C_("diagnostics", "unknown"));
  g_string_append_printf (out, "  %s: %s\n", C_("diagnostics", "Operating system"), os);

  g_string_append_printf (out, "\n%s\n", C_("diagnostics", "Environment"));
  g_string_append_printf (out, "  %s: %s\n", C_("diagnostics", "Flatpak sandbox"),
                          !self->flatpak ? C_("diagnostics", "no")
                          : self->pcsc_socket ? C_("diagnostics", "yes, with access to pcscd")
                                              : C_("diagnostics", "yes, without access to pcscd"));
  g_string_append_printf (out, "  %s: %s\n", C_("diagnostics", "Card source"), pcsc_card_name (self));
  if (self->pcscd_known)
    g_string_append_printf (out, "  %s: %s%s%s\n", C_("diagnostics", "Smart card service (pcscd)"),
                            self->pcscd_reachable ? C_("diagnostics", "reachable") : C_("diagnostics", "not reachable"),
                            self->pcscd_detail ? " — " : "",
                            self->pcscd_detail ? self->pcscd_detail : "");

  g_string_append_printf (out, "\n%s\n", C_("diagnostics", "Readers"));
  if (self->readers->len == 0)
    g_string_append_printf (out, "  %s\n", C_("diagnostics", "none"));
  for (guint i = 0; i < self->readers->len; i++)
    {
      MynaReaderInfo *reader = g_ptr_array_index (self->readers, i);
      g_autofree char *name = reader_display_name (self, reader->name);
      g_autofree char *line = NULL;

      if (reader->atr != NULL)
        {
          g_autofree char *atr = myna_hex_string (reader->atr);

          /* Translators: a reader, its state, the card's answer to reset (hex). */
          line = g_strdup_printf (C_("diagnostics", "%1$s: %2$s, ATR %3$s"), name,
                                  myna_reader_state_get_label (reader->state), atr);
        }
      else
        line = g_strdup_printf ("%s: %s", name, myna_reader_state_get_label (reader->state));
      g_string_append_printf (out, "  %s\n", line);
    }

  g_string_append_printf (out, "\n%s\n", C_("diagnostics", "Detection steps"));
  if (self->steps->len == 0)
    g_string_append_printf (out, "  %s\n", C_("diagnostics", "none recorded"));
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *s = &g_array_index (self->steps, Step, i);
      g_autofree char *detail = step_detail (self, s);

      g_string_append_printf (out, "  [%s] %s%s%s\n", result_label (s->result),
                              _(step_names[s->step].label),
                              detail ? ": " : "", detail ? detail : "");
    }

  if (self->status != NULL)
    {
      g_string_append_printf (out, "\n%s\n", C_("diagnostics", "PIN tries left"));
      for (guint i = 0; i < MYNA_PIN_KIND_COUNT; i++)
        {
          const MynaPinTries *t = &self->tries[i];
          const char *title = myna_pin_kind_get_title (i);

          if (!t->known)
            g_string_append_printf (out, "  %s: %s\n", title, C_("diagnostics", "unknown"));
          else if (t->blocked)
            g_string_append_printf (out, "  %s: %s\n", title, C_("diagnostics", "locked"));
          else
            g_string_append_printf (out, "  %s: %u / %u\n", title, t->remaining, t->max);
        }

      g_string_append_printf (out, "\n%s\n", C_("diagnostics", "Certificates"));
      for (guint i = 0; i < MYNA_CERT_SLOT_COUNT; i++)
        {
          const MynaCertInfo *c = &self->status->certs[i];
          g_autofree char *nb = NULL, *na = NULL, *subject = NULL, *issuer = NULL;
          gboolean secret = slot_is_personal (i);

          if (i == MYNA_CERT_SIGN && !c->present)
            continue;   /* never read without the signing password */
          if (!c->present)
            {
              g_string_append_printf (out, "  %s: %s\n", cert_label (i), C_("diagnostics", "not on the card"));
              continue;
            }
          nb = iso_time (c->not_before);
          na = iso_time (c->not_after);
          subject = secret ? personal_quoted (c->subject, include_personal_data, marker)
                           : quote (c->subject);
          issuer = quote (c->issuer);
          g_string_append_printf (out, "  %s: %s\n", cert_label (i), myna_chain_result_get_label (c->chain));
          g_string_append_printf (out, "    %s: %s — %s\n", C_("diagnostics", "Valid"), nb, na);
          if (c->certificate != NULL)
            g_string_append_printf (out, "    %s: %" G_GINT64_FORMAT "\n", C_("diagnostics", "Days left"),
                                    myna_certificate_get_days_left (c->certificate, now));
          g_string_append_printf (out, "    %s: %s\n", C_("diagnostics", "Subject"), subject);
          g_string_append_printf (out, "    %s: %s\n", C_("diagnostics", "Serial number"),
                                  secret ? personal (c->serial, include_personal_data, marker) : c->serial);
          g_string_append_printf (out, "    %s: %s\n", C_("diagnostics", "Issuer"), issuer);
        }
    }

  g_string_append_printf (out, "\n%s\n", C_("diagnostics", "Recent errors"));
  if (self->errors->len == 0)
    g_string_append_printf (out, "  %s\n", C_("diagnostics", "none"));
  for (guint i = 0; i < self->errors->len; i++)
    {
      Error *e = &g_array_index (self->errors, Error, i);
      g_autofree char *when = iso_time (e->when);

      g_string_append_printf (out, "  %s %s\n", when, e->message);
    }

  if (include_personal_data)
    return g_string_free (out, FALSE);
  return redact_known_values (self, g_string_free (out, FALSE), marker);
}

/**
 * myna_diagnostics_to_json:
 *
 * Same content as myna_diagnostics_to_text(), as one JSON object with stable keys.
 *
 * Returns: (transfer full): the JSON text, ending in a newline
 */
char *
myna_diagnostics_to_json (MynaDiagnostics *self,
                          gboolean         include_personal_data,
                          GDateTime       *now)
{
  GString *out = g_string_new (NULL);
  g_autofree char *created = NULL;

  g_return_val_if_fail (MYNA_IS_DIAGNOSTICS (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  created = iso_time (now);
  g_string_append (out, "{\n  \"created\": ");
  myna_json_append_string (out, created);
  g_string_append_printf (out, ",\n  \"personal_data_included\": %s",
                          include_personal_data ? "true" : "false");

  g_string_append (out, ",\n  \"versions\": { \"mynassist\": ");
  myna_json_append_string (out, PACKAGE_VERSION);
  g_string_append (out, ", \"glib\": ");
  myna_json_append_string (out, self->glib_version);
  g_string_append (out, ", \"gtk\": ");
  myna_json_append_string (out, self->gtk_version);
  g_string_append (out, ", \"libadwaita\": ");
  myna_json_append_string (out, self->adwaita_version);
  g_string_append (out, ", \"openssl\": ");
  myna_json_append_string (out, self->openssl_version);
  g_string_append (out, ", \"pcsc_lite\": ");
  myna_json_append_string (out, MYNA_PCSC_LITE_VERSION);
  g_string_append (out, ", \"os\": ");
  myna_json_append_string (out, self->os_name);
  g_string_append (out, " }");

  g_string_append_printf (out, ",\n  \"environment\": { \"flatpak\": %s, \"pcsc_socket\": %s, "
                          "\"card_source\": ",
                          self->flatpak ? "true" : "false", self->pcsc_socket ? "true" : "false");
  myna_json_append_string (out, self->card_source ? self->card_source : "pcsc");
  g_string_append (out, ", \"pcscd_reachable\": ");
  g_string_append (out, !self->pcscd_known ? "null" : self->pcscd_reachable ? "true" : "false");
  g_string_append (out, ", \"pcscd_detail\": ");
  myna_json_append_string (out, self->pcscd_detail);
  g_string_append (out, " }");

  g_string_append (out, ",\n  \"readers\": [");
  for (guint i = 0; i < self->readers->len; i++)
    {
      MynaReaderInfo *reader = g_ptr_array_index (self->readers, i);
      g_autofree char *atr = reader->atr ? myna_hex_string (reader->atr) : NULL;

      g_string_append (out, i ? ",\n    { \"name\": " : "\n    { \"name\": ");
      myna_json_append_string (out, reader->name);
      g_string_append_printf (out, ", \"state\": \"%s\", \"atr\": ", myna_reader_state_get_id (reader->state));
      myna_json_append_string (out, atr);
      g_string_append (out, " }");
    }
  g_string_append (out, self->readers->len ? "\n  ]" : "]");

  g_string_append (out, ",\n  \"steps\": [");
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *s = &g_array_index (self->steps, Step, i);

      g_string_append_printf (out, "%s\n    { \"step\": \"%s\", \"result\": \"%s\", \"detail\": ",
                              i ? "," : "", step_names[s->step].id, result_ids[s->result]);
      myna_json_append_string (out, s->detail);
      g_string_append (out, " }");
    }
  g_string_append (out, self->steps->len ? "\n  ]" : "]");

  if (self->status != NULL)
    {
      static const char *pin_keys[] = { "auth", "sign", "card_info" };

      g_string_append (out, ",\n  \"pins\": {");
      for (guint i = 0; i < MYNA_PIN_KIND_COUNT; i++)
        {
          const MynaPinTries *t = &self->tries[i];

          g_string_append_printf (out, "%s\n    \"%s\": ", i ? "," : "", pin_keys[i]);
          if (!t->known)
            g_string_append (out, "null");
          else
            g_string_append_printf (out, "{ \"remaining\": %u, \"max\": %u, \"blocked\": %s }",
                                    t->remaining, t->max, t->blocked ? "true" : "false");
        }
      g_string_append (out, "\n  }");

      g_string_append (out, ",\n  \"certificates\": {");
      for (guint i = 0, n = 0; i < MYNA_CERT_SLOT_COUNT; i++)
        {
          const MynaCertInfo *c = &self->status->certs[i];
          gboolean secret = slot_is_personal (i);
          g_autofree char *nb = NULL, *na = NULL;

          if (i == MYNA_CERT_SIGN && !c->present)
            continue;
          g_string_append_printf (out, "%s\n    \"%s\": ", n++ ? "," : "", myna_cert_slot_to_string (i));
          if (!c->present)
            {
              g_string_append (out, "{ \"present\": false }");
              continue;
            }
          nb = iso_time (c->not_before);
          na = iso_time (c->not_after);
          g_string_append_printf (out, "{ \"present\": true, \"chain\": \"%s\", \"not_before\": ",
                                  myna_chain_result_to_string (c->chain));
          myna_json_append_string (out, nb);
          g_string_append (out, ", \"not_after\": ");
          myna_json_append_string (out, na);
          if (c->certificate != NULL)
            g_string_append_printf (out, ", \"days_left\": %" G_GINT64_FORMAT,
                                    myna_certificate_get_days_left (c->certificate, now));
          g_string_append (out, ", \"subject\": ");
          myna_json_append_string (out, secret ? personal (c->subject, include_personal_data,
                                                             MYNA_DIAGNOSTICS_REDACTED)
                                                  : c->subject);
          g_string_append (out, ", \"serial\": ");
          myna_json_append_string (out, secret ? personal (c->serial, include_personal_data,
                                                           MYNA_DIAGNOSTICS_REDACTED)
                                               : c->serial);
          g_string_append (out, ", \"issuer\": ");
          myna_json_append_string (out, c->issuer);
          g_string_append (out, " }");
        }
      g_string_append (out, "\n  }");
    }

  g_string_append (out, ",\n  \"errors\": [");
  for (guint i = 0; i < self->errors->len; i++)
    {
      Error *e = &g_array_index (self->errors, Error, i);
      g_autofree char *when = iso_time (e->when);

      g_string_append (out, i ? ",\n    { \"time\": " : "\n    { \"time\": ");
      myna_json_append_string (out, when);
      g_string_append (out, ", \"message\": ");
      myna_json_append_string (out, e->message);
      g_string_append (out, " }");
    }
  g_string_append (out, self->errors->len ? "\n  ]" : "]");
  g_string_append (out, "\n}\n");

  if (include_personal_data)
    return g_string_free (out, FALSE);
  return redact_known_values (self, g_string_free (out, FALSE), MYNA_DIAGNOSTICS_REDACTED);
}
