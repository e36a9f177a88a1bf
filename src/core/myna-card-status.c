/* myna-card-status.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-card-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-card-status.h"
#include "myna-jpki-private.h"
#include "myna-error.h"
#include "myna-json.h"

G_DEFINE_BOXED_TYPE (MynaCardStatus, myna_card_status, myna_card_status_ref, myna_card_status_unref)

MynaCardStatus *
myna_card_status_new (void)
{
  MynaCardStatus *self = g_new0 (MynaCardStatus, 1);

  g_atomic_ref_count_init (&self->ref_count);
  for (guint i = 0; i < MYNA_PIN_KIND_COUNT; i++)
    self->pins[i].max = myna_pin_kind_max_tries (i);
  return self;
}

MynaCardStatus *
myna_card_status_ref (MynaCardStatus *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
cert_info_clear (MynaCertInfo *info)
{
  g_clear_object (&info->certificate);
  g_clear_pointer (&info->subject, g_free);
  g_clear_pointer (&info->issuer, g_free);
  g_clear_pointer (&info->serial, g_free);
  g_clear_pointer (&info->not_before, g_date_time_unref);
  g_clear_pointer (&info->not_after, g_date_time_unref);
}

void
myna_card_status_unref (MynaCardStatus *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->reader);
  g_clear_pointer (&self->atr, g_bytes_unref);
  g_free (self->token_label);
  for (guint i = 0; i < MYNA_CERT_SLOT_COUNT; i++)
    cert_info_clear (&self->certs[i]);
  g_free (self);
}

/**
 * myna_card_status_has_certificates:
 *
 * Whether the card holds a user authentication certificate at all. Cards issued without
 * certificates (or whose certificates were revoked after a move) still work as ID cards.
 */
gboolean
myna_card_status_has_certificates (const MynaCardStatus *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->certs[MYNA_CERT_AUTH].present;
}

/* The roots never change during a run; parse them once. */
static GPtrArray *
bundled_roots (void)
{
  static GPtrArray *roots;

  if (g_once_init_enter (&roots))
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *loaded = myna_certificate_load_bundled_roots (&error);

      if (loaded == NULL)
        {
          g_warning ("Could not load the bundled J-LIS roots: %s", error->message);
          loaded = g_ptr_array_new_with_free_func (g_object_unref);
        }
      g_once_init_leave (&roots, loaded);
    }

  return roots;
}

static void
fill_cert_info (MynaCertInfo    *info,
                MynaCertificate *certificate)
{
  info->present = TRUE;
  info->certificate = g_object_ref (certificate);
  info->subject = g_strdup (myna_certificate_get_subject (certificate));
  info->issuer = g_strdup (myna_certificate_get_issuer (certificate));
  info->serial = g_strdup (myna_certificate_get_serial (certificate));
  info->not_before = g_date_time_ref (myna_certificate_get_not_before (certificate));
  info->not_after = g_date_time_ref (myna_certificate_get_not_after (certificate));
}

/* Reads a CA certificate, stopping after the first chunk when it is a bundled root. */
static gboolean
read_ca (MynaTransport  *transport,
         MynaCertSlot    slot,
         MynaCertInfo   *info,
         GError        **error)
{
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(MynaCertificate) certificate = NULL;
  GError *local_error = NULL;
  MynaCertificate *root;
  gsize total = 0;

  head = myna_jpki_read_certificate_head (transport, slot, &total, &local_error);
  if (head == NULL)
    {
      if (g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_CERTIFICATE))
        {
          g_clear_error (&local_error);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  root = myna_certificate_find_bundled_root (bundled_roots (),
                                             g_bytes_get_data (head, NULL),
                                             g_bytes_get_size (head));
  /* Only a full first chunk identifies a root: a card that returned a few bytes would match
   * any generation. */
  if (root != NULL && g_bytes_get_size (head) >= MIN (256, total) &&
      g_bytes_get_size (myna_certificate_get_der (root)) == total)
    {
      fill_cert_info (info, root);
      info->bundled_root = TRUE;
      return TRUE;
    }

  if (g_bytes_get_size (head) >= total)
    der = g_bytes_ref (head);
  else if (!(der = myna_jpki_read_certificate_rest (transport, head, total, error)))
    return FALSE;

  certificate = myna_certificate_new_from_der (der, error);
  if (certificate == NULL)
    return FALSE;

  fill_cert_info (info, certificate);
  return TRUE;
}

/**
 * myna_card_read_status:
 * @transport: a card
 * @now: the time to check validity against
 *
 * Everything the card says without a PIN: that it is a My Number Card, the tries left of the
 * three PINs (without spending any), and the three freely readable certificates with their
 * chain result. Runs inside one PC/SC transaction.
 *
 * Returns: (transfer full): the status, or %NULL (with %MYNA_CARD_ERROR_NOT_MYNUMBER for
 *   other cards)
 */
MynaCardStatus *
myna_card_read_status (MynaTransport  *transport,
                       GDateTime      *now,
                       GError        **error)
{
  g_autoptr(MynaCardStatus) status = myna_card_status_new ();
  static const MynaPinKind jpki_pins[] = { MYNA_PIN_AUTH, MYNA_PIN_SIGN };
  GError *local_error = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (MYNA_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!myna_transport_begin_transaction (transport, error))
    return NULL;

  status->reader = g_strdup (myna_transport_get_name (transport));
  status->atr = myna_transport_get_atr (transport);

  if (!myna_jpki_detect (transport, &status->token_label, error))
    goto out;
  status->is_mynumber = TRUE;

  /* The JPKI AP stays selected from detection on: no extra SELECT of the AP. */
  for (guint i = 0; i < G_N_ELEMENTS (jpki_pins); i++)
    {
      MynaPinTries *tries = &status->pins[jpki_pins[i]];
      gboolean verified = FALSE;

      if (!_myna_jpki_query_tries_in_ap (transport, jpki_pins[i], &tries->remaining, &verified, error))
        goto out;
      tries->known = !verified;
      tries->blocked = tries->remaining == 0;
    }

  {
    MynaCertInfo *auth = &status->certs[MYNA_CERT_AUTH];
    g_autoptr(GBytes) der = myna_jpki_read_certificate (transport, MYNA_CERT_AUTH, &local_error);

    if (der != NULL)
      {
        g_autoptr(MynaCertificate) certificate = myna_certificate_new_from_der (der, error);

        if (certificate == NULL)
          goto out;
        fill_cert_info (auth, certificate);
      }
    else if (g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_CERTIFICATE))
      g_clear_error (&local_error);
    else
      {
        g_propagate_error (error, local_error);
        goto out;
      }
  }

  if (!read_ca (transport, MYNA_CERT_AUTH_CA, &status->certs[MYNA_CERT_AUTH_CA], error) ||
      !read_ca (transport, MYNA_CERT_SIGN_CA, &status->certs[MYNA_CERT_SIGN_CA], error))
    goto out;

  /* Chain results: the auth certificate against the bundled roots (or the card's own CA),
   * each CA certificate against the bundled roots or itself. */
  {
    MynaCertInfo *auth = &status->certs[MYNA_CERT_AUTH];
    MynaCertInfo *auth_ca = &status->certs[MYNA_CERT_AUTH_CA];

    if (auth->present)
      auth->chain = myna_certificate_check_chain (auth->certificate, bundled_roots (),
                                                  auth_ca->certificate, now, &auth->trust);
    for (MynaCertSlot slot = MYNA_CERT_AUTH_CA; slot <= MYNA_CERT_SIGN_CA; slot += 2)
      {
        MynaCertInfo *ca = &status->certs[slot];

        if (ca->present)
          ca->chain = myna_certificate_check_chain (ca->certificate, bundled_roots (),
                                                    ca->certificate, now, &ca->trust);
      }
  }

  /* The card-info AP: its PIN tries only. */
  {
    MynaPinTries *tries = &status->pins[MYNA_PIN_CARD_INFO];
    gboolean verified = FALSE;

    if (myna_jpki_query_tries (transport, MYNA_PIN_CARD_INFO, &tries->remaining, &verified,
                               &local_error))
      {
        tries->known = !verified;
        tries->blocked = tries->remaining == 0;
      }
    else if (g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER) ||
             g_error_matches (local_error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_FOUND))
      {
        /* Not fatal: the JPKI part is what most users need. */
        g_debug ("Card-info AP not usable: %s", local_error->message);
        g_clear_error (&local_error);
        tries->known = FALSE;
      }
    else
      {
        g_propagate_error (error, local_error);
        goto out;
      }
  }

  ok = TRUE;

out:
  myna_transport_end_transaction (transport, FALSE);
  return ok ? g_steal_pointer (&status) : NULL;
}

/**
 * myna_card_status_to_json:
 *
 * The object `mynassist-cli status --json` prints (DESIGN.md). It holds no PIN and no
 * personal data: the freely readable certificates carry none.
 */
char *
myna_card_status_to_json (const MynaCardStatus *self,
                          GDateTime            *now)
{
  static const char *pin_keys[MYNA_PIN_KIND_COUNT] = { "auth", "sign", "card_info" };
  static const MynaCertSlot cert_slots[] = { MYNA_CERT_AUTH, MYNA_CERT_AUTH_CA, MYNA_CERT_SIGN_CA };
  GString *json = g_string_new ("{\n  \"reader\": ");

  g_return_val_if_fail (self != NULL, NULL);

  myna_json_append_string (json, self->reader);
  g_string_append (json, ",\n  \"card\": { \"kind\": ");
  myna_json_append_string (json, self->is_mynumber ? "mynumber" : "unknown");
  g_string_append (json, ", \"atr\": ");
  if (self->atr != NULL)
    {
      g_autofree char *hex = myna_hex_string (self->atr);

      myna_json_append_string (json, hex);
    }
  else
    g_string_append (json, "null");
  g_string_append (json, ", \"token\": ");
  myna_json_append_string (json, self->token_label);
  g_string_append (json, " },\n  \"pins\": {");

  for (guint i = 0; i < MYNA_PIN_KIND_COUNT; i++)
    {
      const MynaPinTries *t = &self->pins[i];

      g_string_append_printf (json, "%s\n    \"%s\": { \"remaining\": ", i ? "," : "", pin_keys[i]);
      if (t->known)
        g_string_append_printf (json, "%u", t->remaining);
      else
        g_string_append (json, "null");
      g_string_append_printf (json, ", \"max\": %u, \"blocked\": %s }", t->max,
                              t->known && t->blocked ? "true" : "false");
    }

  g_string_append (json, "\n  },\n  \"certificates\": {");
  for (guint i = 0; i < G_N_ELEMENTS (cert_slots); i++)
    {
      const MynaCertInfo *c = &self->certs[cert_slots[i]];

      g_string_append_printf (json, "%s\n    \"%s\": { \"present\": %s, \"subject\": ", i ? "," : "",
                              myna_cert_slot_to_string (cert_slots[i]), c->present ? "true" : "false");
      myna_json_append_string (json, c->subject);
      g_string_append (json, ", \"issuer\": ");
      myna_json_append_string (json, c->issuer);
      g_string_append (json, ", \"serial\": ");
      myna_json_append_string (json, c->serial);
      g_string_append (json, ", \"not_before\": ");
      myna_json_append_time (json, c->not_before);
      g_string_append (json, ", \"not_after\": ");
      myna_json_append_time (json, c->not_after);
      g_string_append (json, ", \"days_left\": ");
      if (c->present)
        g_string_append_printf (json, "%" G_GINT64_FORMAT,
                                myna_certificate_get_days_left (c->certificate, now));
      else
        g_string_append (json, "null");
      g_string_append (json, ", \"chain\": ");
      myna_json_append_string (json, c->present ? myna_chain_result_to_string (c->chain) : NULL);
      g_string_append (json, ", \"trust\": ");
      myna_json_append_string (json, !c->present ? NULL
                        : c->trust == MYNA_TRUST_BUNDLED ? "bundled"
                        : c->trust == MYNA_TRUST_CARD ? "card" : "none");
      g_string_append (json, " }");
    }
  g_string_append (json, "\n  }\n}\n");

  return g_string_free (json, FALSE);
}
