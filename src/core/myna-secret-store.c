/* myna-secret-store.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-secret-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "myna-error.h"
#include "myna-secret-store.h"

#define ATTR_KIND "pin-kind"
#define ATTR_CARD "card"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    MYNA_SECRET_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { ATTR_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_CARD, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* The keyring's own messages are technical; say what failed, keep theirs for details. */
static void
prefix_keyring_error (GError **error)
{
  if (error != NULL && *error != NULL &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, "%s ", _("The login keyring could not be used."));
}

static gboolean
card_id_is_valid (const char *card_id)
{
  if (card_id == NULL || strlen (card_id) != 64)
    return FALSE;
  for (const char *p = card_id; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_islower (*p))
      return FALSE;
  return TRUE;
}

/* Copies a checked PIN; both copies are wiped when freed. */
static MynaPin *
copy_pin (const MynaPin *pin)
{
  char buf[MYNA_PIN_MAX_LENGTH + 1];
  const guint8 *bytes;
  gsize len = 0;
  MynaPin *copy;

  bytes = myna_pin_get_bytes (pin, &len);
  g_return_val_if_fail (len <= MYNA_PIN_MAX_LENGTH, NULL);
  memcpy (buf, bytes, len);
  buf[len] = '\0';
  copy = myna_pin_new (myna_pin_get_kind (pin), buf, NULL);
  myna_secure_wipe (buf, sizeof buf);
  return copy;
}

void
myna_pin_memo_free (MynaPinMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->card_id);
  g_free (memo->label);
  g_free (memo);
}

/**
 * myna_secret_store_card_id:
 * @auth_certificate: the card's user authentication certificate
 *
 * A pseudonymous key for the card: it changes when the certificate is renewed, which is what
 * we want, since a renewal may come with new PINs.
 *
 * Returns: (transfer full): 64 upper-case hex digits
 */
char *
myna_secret_store_card_id (MynaCertificate *auth_certificate)
{
  g_return_val_if_fail (MYNA_IS_CERTIFICATE (auth_certificate), NULL);

  return myna_certificate_get_sha256_hex (auth_certificate);
}

/**
 * myna_secret_store_make_label:
 * @kind: the PIN kind
 * @card_id: the card
 *
 * Returns: (transfer full): the label shown in keyring managers such as Seahorse, in the
 *   user's language, with the first 8 digits of @card_id to tell cards apart
 */
char *
myna_secret_store_make_label (MynaPinKind  kind,
                              const char  *card_id)
{
  g_autofree char *short_id = g_strndup (card_id ? card_id : "", 8);

  switch (kind)
    {
    case MYNA_PIN_AUTH:
      /* Translators: label of a keyring item; %s is a short card identifier (hex). */
      return g_strdup_printf (_("Mynassist: user authentication PIN of My Number Card %s"), short_id);
    case MYNA_PIN_SIGN:
      return g_strdup_printf (_("Mynassist: signing password of My Number Card %s"), short_id);
    case MYNA_PIN_CARD_INFO:
      return g_strdup_printf (_("Mynassist: card information PIN of My Number Card %s"), short_id);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * myna_secret_store_may_fill:
 * @tries: (nullable): the tries the card reported for this PIN
 *
 * With one try left the user must type the PIN, knowing it is the last try: a memo that has
 * gone stale (changed on another computer, reset at the office) would lock the PIN.
 *
 * Returns: %TRUE if a remembered PIN may be put into the entry
 */
gboolean
myna_secret_store_may_fill (const MynaPinTries *tries)
{
  return tries != NULL && tries->known && !tries->blocked && tries->remaining > 1;
}

gboolean
myna_secret_store_remember (const char     *card_id,
                            const MynaPin  *pin,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *label = NULL;
  const guint8 *bytes;
  SecretValue *value;
  MynaPinKind kind;
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (card_id_is_valid (card_id), FALSE);
  g_return_val_if_fail (pin != NULL, FALSE);

  kind = myna_pin_get_kind (pin);
  label = myna_secret_store_make_label (kind, card_id);
  bytes = myna_pin_get_bytes (pin, &len);
  /* secret_value_new() copies into libsecret's non-pageable memory, wiped on free. */
  value = secret_value_new ((const char *) bytes, (gssize) len, "text/plain");
  ok = secret_password_store_binary_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, value,
                                          cancellable, error,
                                          ATTR_KIND, myna_pin_kind_to_string (kind),
                                          ATTR_CARD, card_id,
                                          NULL);
  secret_value_unref (value);
  if (!ok)
    prefix_keyring_error (error);
  return ok;
}

MynaPin *
myna_secret_store_lookup (const char    *card_id,
                          MynaPinKind    kind,
                          GCancellable  *cancellable,
                          GError       **error)
{
  char buf[MYNA_PIN_MAX_LENGTH + 1];
  GError *local_error = NULL;
  SecretValue *value;
  const char *data;
  gsize len = 0;
  MynaPin *pin;

  g_return_val_if_fail (card_id_is_valid (card_id), NULL);
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, NULL);

  value = secret_password_lookup_binary_sync (get_schema (), cancellable, &local_error,
                                              ATTR_KIND, myna_pin_kind_to_string (kind),
                                              ATTR_CARD, card_id,
                                              NULL);
  if (value == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          prefix_keyring_error (error);
        }
      return NULL;
    }

  data = secret_value_get (value, &len);
  if (len > MYNA_PIN_MAX_LENGTH)
    len = MYNA_PIN_MAX_LENGTH + 1;   /* too long: fails the format check below */
  else
    memcpy (buf, data, len);
  buf[MIN (len, MYNA_PIN_MAX_LENGTH)] = '\0';
  secret_value_unref (value);

  /* A memo that is not a well-formed PIN of this kind is never handed out: the PIN guard
   * would refuse it anyway, and filling it in would only confuse. */
  pin = len <= MYNA_PIN_MAX_LENGTH ? myna_pin_new (kind, buf, NULL) : NULL;
  myna_secure_wipe (buf, sizeof buf);
  if (pin == NULL)
    g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT,
                         _("The PIN remembered in the login keyring is not a valid PIN. "
                           "Forget it and enter the PIN yourself."));
  return pin;
}

gboolean
myna_secret_store_forget (const char    *card_id,
                          MynaPinKind    kind,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (card_id_is_valid (card_id), FALSE);
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, FALSE);

  /* FALSE without an error only means nothing matched. */
  if (!secret_password_clear_sync (get_schema (), cancellable, &local_error,
                                   ATTR_KIND, myna_pin_kind_to_string (kind),
                                   ATTR_CARD, card_id,
                                   NULL) &&
      local_error != NULL)
    {
      g_propagate_error (error, local_error);
      prefix_keyring_error (error);
      return FALSE;
    }
  return TRUE;
}

static int
compare_memos (gconstpointer a,
               gconstpointer b)
{
  const MynaPinMemo *ma = *(MynaPinMemo * const *) a;
  const MynaPinMemo *mb = *(MynaPinMemo * const *) b;
  int c = g_strcmp0 (ma->card_id, mb->card_id);

  return c != 0 ? c : (int) ma->kind - (int) mb->kind;
}

GPtrArray *
myna_secret_store_list (GCancellable  *cancellable,
                        GError       **error)
{
  GPtrArray *memos;
  GError *local_error = NULL;
  GList *items;

  /* Neither SECRET_SEARCH_UNLOCK nor _LOAD_SECRETS: listing must not ask for the keyring
   * password, and never reads a value. */
  items = secret_password_search_sync (get_schema (), SECRET_SEARCH_ALL, cancellable,
                                       &local_error, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      prefix_keyring_error (error);
      return NULL;
    }

  memos = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_pin_memo_free);
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
      const char *card = attributes ? g_hash_table_lookup (attributes, ATTR_CARD) : NULL;
      MynaPinKind kind;
      MynaPinMemo *memo;

      if (!card_id_is_valid (card) ||
          !myna_pin_kind_from_string (g_hash_table_lookup (attributes, ATTR_KIND), &kind))
        continue;

      memo = g_new0 (MynaPinMemo, 1);
      memo->kind = kind;
      memo->card_id = g_strdup (card);
      memo->label = secret_retrievable_get_label (item);
      memo->locked = SECRET_IS_ITEM (item) && secret_item_get_locked (SECRET_ITEM (item));
      g_ptr_array_add (memos, memo);
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (memos, compare_memos);
  return memos;
}

/* Async wrappers: the sync calls on a worker thread. */

typedef struct
{
  char        *card_id;
  MynaPinKind  kind;
  MynaPin     *pin;
} Job;

static void
job_free (Job *job)
{
  g_free (job->card_id);
  myna_pin_free (job->pin);
  g_free (job);
}

static GTask *
new_job_task (const char          *card_id,
              MynaPinKind          kind,
              const MynaPin       *pin,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->card_id = g_strdup (card_id);
  job->kind = kind;
  job->pin = pin ? copy_pin (pin) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return task;
}

static void
remember_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (myna_secret_store_remember (job->card_id, job->pin, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
myna_secret_store_remember_async (const char          *card_id,
                                  const MynaPin       *pin,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (card_id_is_valid (card_id));
  g_return_if_fail (pin != NULL);

  task = new_job_task (card_id, myna_pin_get_kind (pin), pin, myna_secret_store_remember_async,
                       cancellable, callback, user_data);
  g_task_run_in_thread (task, remember_thread);
}

gboolean
myna_secret_store_remember_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  MynaPin *pin = myna_secret_store_lookup (job->card_id, job->kind, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pin, (GDestroyNotify) myna_pin_free);
}

void
myna_secret_store_lookup_async (const char          *card_id,
                                MynaPinKind          kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (card_id_is_valid (card_id));

  task = new_job_task (card_id, kind, NULL, myna_secret_store_lookup_async,
                       cancellable, callback, user_data);
  g_task_run_in_thread (task, lookup_thread);
}

/**
 * myna_secret_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the remembered PIN, or %NULL (without an error when
 *   there is none)
 */
MynaPin *
myna_secret_store_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (myna_secret_store_forget (job->card_id, job->kind, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
myna_secret_store_forget_async (const char          *card_id,
                                MynaPinKind          kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (card_id_is_valid (card_id));

  task = new_job_task (card_id, kind, NULL, myna_secret_store_forget_async,
                       cancellable, callback, user_data);
  g_task_run_in_thread (task, forget_thread);
}

gboolean
myna_secret_store_forget_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *memos = myna_secret_store_list (cancellable, &error);

  if (memos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, memos, (GDestroyNotify) g_ptr_array_unref);
}

void
myna_secret_store_list_async (GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, myna_secret_store_list_async);
  g_task_run_in_thread (task, list_thread);
}

/**
 * myna_secret_store_list_finish:
 *
 * Returns: (transfer container): the memos, see myna_secret_store_list()
 */
GPtrArray *
myna_secret_store_list_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
