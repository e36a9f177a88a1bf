/* test-jpki.c — the JPKI protocol, the PIN guard and the card worker against the virtual card
 * (the reference model of spec §9), plus a scripted transport for malformed answers.
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <openssl/evp.h>

#include "myna-apdu.h"
#include "myna-card-status.h"
#include "myna-card-worker.h"
#include "myna-error.h"
#include "myna-jpki.h"
#include "virtual-card/myna-virtual-transport.h"

typedef struct
{
  MynaVirtualCard      *card;
  MynaVirtualTransport *transport;
  MynaTransport        *t;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);

  f->card = myna_virtual_card_new_from_profile (profile, &error);
  g_assert_no_error (error);
  f->transport = myna_virtual_transport_new (f->card);
  f->t = MYNA_TRANSPORT (f->transport);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->transport);
  g_clear_object (&f->card);
}

static MynaPin *
pin (MynaPinKind  kind,
     const char  *text)
{
  g_autoptr(GError) error = NULL;
  MynaPin *p = myna_pin_new (kind, text, &error);

  g_assert_no_error (error);
  return p;
}

static GBytes *
read_file (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_PKI_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
test_detect (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (myna_jpki_detect (f->t, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "JPKIAPICCTOKEN2");
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaCardStatus) status = NULL;
  g_autoptr(GBytes) auth_der = read_file ("auth.der");
  g_autofree char *json = NULL;
  guint verifies = myna_virtual_card_get_verify_count (f->card);

  status = myna_card_read_status (f->t, now, &error);
  g_assert_no_error (error);
  g_assert_true (status->is_mynumber);
  g_assert_cmpuint (status->pins[MYNA_PIN_AUTH].remaining, ==, myna_virtual_card_get_tries (f->card, "auth"));
  g_assert_cmpuint (status->pins[MYNA_PIN_SIGN].remaining, ==, myna_virtual_card_get_tries (f->card, "sign"));
  g_assert_cmpuint (status->pins[MYNA_PIN_CARD_INFO].remaining, ==, myna_virtual_card_get_tries (f->card, "card-info"));
  g_assert_true (status->pins[MYNA_PIN_AUTH].known);
  g_assert_true (g_bytes_equal (myna_certificate_get_der (status->certs[MYNA_CERT_AUTH].certificate), auth_der));
  g_assert_true (status->certs[MYNA_CERT_AUTH_CA].present);
  g_assert_true (status->certs[MYNA_CERT_SIGN_CA].present);
  g_assert_false (status->certs[MYNA_CERT_SIGN].present);
  /* The test root is not a bundled J-LIS root: trust comes from the card's own CA only. */
  g_assert_cmpint (status->certs[MYNA_CERT_AUTH].chain, ==, MYNA_CHAIN_VALID);
  g_assert_cmpint (status->certs[MYNA_CERT_AUTH].trust, ==, MYNA_TRUST_CARD);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (f->card), ==, verifies);

  json = myna_card_status_to_json (status, now);
  g_assert_nonnull (strstr (json, "\"auth\": { \"remaining\": 3, \"max\": 3, \"blocked\": false }"));
  g_assert_nonnull (strstr (json, "\"kind\": \"mynumber\""));
}

static void
test_guard (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(MynaPin) wrong = pin (MYNA_PIN_AUTH, "0000");
  g_autoptr(MynaPin) right = pin (MYNA_PIN_AUTH, "1234");
  guint remaining = 99;
  GError *error = NULL;

  /* A wrong PIN costs exactly one try and says how many are left. */
  g_assert_false (myna_jpki_verify (f->t, wrong, FALSE, &remaining, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT);
  g_clear_error (&error);
  g_assert_cmpuint (remaining, ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_tries (f->card, "auth"), ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (f->card), ==, 1);

  g_assert_false (myna_jpki_verify (f->t, wrong, FALSE, &remaining, &error));
  g_clear_error (&error);
  g_assert_cmpuint (remaining, ==, 1);

  /* The last try is refused without confirmation, and nothing reaches the card. */
  g_assert_false (myna_jpki_verify (f->t, right, FALSE, &remaining, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_LAST_TRY);
  g_clear_error (&error);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (f->card), ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_tries (f->card, "auth"), ==, 1);

  /* Confirmed and wrong: locked. */
  g_assert_false (myna_jpki_verify (f->t, wrong, TRUE, &remaining, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_BLOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (myna_virtual_card_get_tries (f->card, "auth"), ==, 0);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (f->card), ==, 3);

  /* Locked: the guard sees it in the tries and sends no VERIFY, even confirmed. */
  g_assert_false (myna_jpki_verify (f->t, right, TRUE, &remaining, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_BLOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (f->card), ==, 3);
}

static void
test_verify_resets (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MynaPin) wrong = pin (MYNA_PIN_SIGN, "WRONG1");
  g_autoptr(MynaPin) right = pin (MYNA_PIN_SIGN, "abc123");
  guint remaining = 0;
  GError *error = NULL;

  g_assert_false (myna_jpki_verify (f->t, wrong, FALSE, &remaining, &error));
  g_clear_error (&error);
  g_assert_cmpuint (remaining, ==, 4);
  /* Lower case is upper-cased, so it is the right password, not a wasted try. */
  g_assert_true (myna_jpki_verify (f->t, right, FALSE, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (remaining, ==, 5);
  g_assert_cmpuint (myna_virtual_card_get_tries (f->card, "sign"), ==, 5);
}

static void
test_sign_certificate_needs_password (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(MynaPin) right = pin (MYNA_PIN_SIGN, "ABC123");
  g_autoptr(GBytes) expected = read_file ("sign.der");
  g_autoptr(GBytes) der = NULL;
  GError *error = NULL;

  g_assert_true (myna_jpki_select_ap (f->t, MYNA_AP_JPKI, &error));
  der = myna_jpki_read_certificate (f->t, MYNA_CERT_SIGN, &error);
  g_assert_null (der);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SECURITY_STATUS);
  g_clear_error (&error);

  g_assert_true (myna_jpki_verify (f->t, right, FALSE, NULL, &error));
  der = myna_jpki_read_certificate (f->t, MYNA_CERT_SIGN, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (der, expected));
}

static void
test_sign (Fixture       *f,
           gconstpointer  data)
{
  static const guint8 prefix[] = { 0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                   0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
  g_autoptr(MynaPin) right = pin (MYNA_PIN_AUTH, "1234");
  g_autoptr(GBytes) auth = read_file ("auth.der");
  g_autoptr(MynaCertificate) cert = myna_certificate_new_from_der (auth, NULL);
  g_autoptr(GBytes) sig = NULL;
  guint8 digest_info[sizeof prefix + 32];
  unsigned int md_len = 32;
  GError *error = NULL;

  memcpy (digest_info, prefix, sizeof prefix);
  g_assert_true (EVP_Digest ("abc", 3, digest_info + sizeof prefix, &md_len, EVP_sha256 (), NULL));

  /* Before the PIN: refused by the card. */
  g_assert_true (myna_jpki_select_ap (f->t, MYNA_AP_JPKI, &error));
  sig = myna_jpki_sign (f->t, MYNA_PIN_AUTH, digest_info, sizeof digest_info, &error);
  g_assert_null (sig);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SECURITY_STATUS);
  g_clear_error (&error);

  g_assert_true (myna_jpki_verify (f->t, right, FALSE, NULL, &error));
  sig = myna_jpki_sign (f->t, MYNA_PIN_AUTH, digest_info, sizeof digest_info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (sig), ==, 256);
  g_assert_true (myna_certificate_verify_signature (cert, digest_info, sizeof digest_info,
                                                    g_bytes_get_data (sig, NULL), 256));
  digest_info[sizeof digest_info - 1] ^= 1;
  g_assert_false (myna_certificate_verify_signature (cert, digest_info, sizeof digest_info,
                                                     g_bytes_get_data (sig, NULL), 256));
}

static void
test_change_pin (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MynaPin) old_pin = pin (MYNA_PIN_AUTH, "1234");
  g_autoptr(MynaPin) new_pin = pin (MYNA_PIN_AUTH, "5678");
  guint remaining;
  GError *error = NULL;

  g_assert_true (myna_jpki_change_pin (f->t, old_pin, new_pin, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (myna_jpki_verify (f->t, old_pin, FALSE, &remaining, &error));
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT);
  g_clear_error (&error);
  g_assert_true (myna_jpki_verify (f->t, new_pin, FALSE, &remaining, &error));
  g_assert_cmpuint (remaining, ==, 3);
}

static void
test_card_info (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MynaPin) right = pin (MYNA_PIN_CARD_INFO, "1234");
  g_autoptr(MynaCardInfo) info = NULL;
  GError *error = NULL;

  g_assert_true (myna_jpki_select_ap (f->t, MYNA_AP_CARD_INFO, &error));
  info = myna_jpki_read_card_info (f->t, &error);
  g_assert_null (info);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SECURITY_STATUS);
  g_clear_error (&error);

  g_assert_true (myna_jpki_verify (f->t, right, FALSE, NULL, &error));
  info = myna_jpki_read_card_info (f->t, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "試験　太郎");
  g_assert_cmpstr (info->address, ==, "東京都千代田区試験町１－２－３");
  g_assert_cmpstr (info->birth_date, ==, "19850401");
  g_assert_cmpstr (info->sex, ==, "2");
}

/* The worker: results on the caller's context, the guard applies, removal is an error. */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_result (Wait *w)
{
  g_main_loop_run (w->loop);
  return w->result;
}

/* Waits (with a deadline) until the virtual card has seen a command after @commands. */
static void
wait_for_command (MynaVirtualCard *card,
                  guint            commands)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (myna_virtual_card_get_command_count (card) == commands)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

/* Cancelling a PIN job: while it waits behind another job it is cancelled and sends nothing;
 * once it has started it is not, and the caller learns what the card said. */
static void
test_worker_cancel_pin_job (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MynaCardWorker) worker = myna_card_worker_new (f->t);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait status_wait = { loop, NULL }, w = { loop, NULL };
  GError *error = NULL;
  guint remaining = 0, verifies, commands;

  myna_virtual_card_set_latency_ms (f->card, 20);

  /* Queued behind a status read: cancelled before it starts, no VERIFY. */
  verifies = myna_virtual_card_get_verify_count (f->card);
  myna_card_worker_read_status_async (worker, NULL, got_result, &status_wait);
  myna_card_worker_verify_async (worker, pin (MYNA_PIN_AUTH, "9999"), FALSE, cancellable, got_result, &w);
  g_cancellable_cancel (cancellable);
  while (status_wait.result == NULL || w.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&status_wait.result);
  g_assert_false (myna_card_worker_verify_finish (worker, w.result, &remaining, &error));
  g_clear_object (&w.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (f->card), ==, verifies);
  g_assert_cmpuint (myna_virtual_card_get_tries (f->card, "auth"), ==, 3);

  /* Started (the card has seen its first command): the wrong PIN is reported, not "cancelled". */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  commands = myna_virtual_card_get_command_count (f->card);
  myna_card_worker_verify_async (worker, pin (MYNA_PIN_AUTH, "9999"), FALSE, cancellable, got_result, &w);
  wait_for_command (f->card, commands);
  g_cancellable_cancel (cancellable);
  g_assert_false (myna_card_worker_verify_finish (worker, wait_result (&w), &remaining, &error));
  g_clear_object (&w.result);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT);
  g_clear_error (&error);
  g_assert_cmpuint (remaining, ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_tries (f->card, "auth"), ==, 2);

  /* The same for a change: the user must learn that the PIN was changed. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  commands = myna_virtual_card_get_command_count (f->card);
  myna_card_worker_change_pin_async (worker, pin (MYNA_PIN_AUTH, "1234"), pin (MYNA_PIN_AUTH, "5678"),
                                     FALSE, cancellable, got_result, &w);
  wait_for_command (f->card, commands);
  g_cancellable_cancel (cancellable);
  g_assert_true (myna_card_worker_change_pin_finish (worker, wait_result (&w), &remaining, &error));
  g_clear_object (&w.result);
  g_assert_no_error (error);
}

static void
test_worker (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MynaCardWorker) worker = myna_card_worker_new (f->t);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait w = { loop, NULL };
  g_autoptr(MynaCardStatus) status = NULL;
  GError *error = NULL;
  guint remaining = 0;
  MynaPinTries tries;

  myna_card_worker_read_status_async (worker, NULL, got_result, &w);
  status = myna_card_worker_read_status_finish (worker, wait_result (&w), &error);
  g_clear_object (&w.result);
  g_assert_no_error (error);
  g_assert_cmpuint (status->pins[MYNA_PIN_SIGN].remaining, ==, 5);

  myna_card_worker_verify_async (worker, pin (MYNA_PIN_AUTH, "9999"), FALSE, NULL, got_result, &w);
  g_assert_false (myna_card_worker_verify_finish (worker, wait_result (&w), &remaining, &error));
  g_clear_object (&w.result);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT);
  g_clear_error (&error);
  g_assert_cmpuint (remaining, ==, 2);

  myna_card_worker_query_tries_async (worker, MYNA_PIN_AUTH, NULL, got_result, &w);
  g_assert_true (myna_card_worker_query_tries_finish (worker, wait_result (&w), &tries, &error));
  g_clear_object (&w.result);
  g_assert_true (tries.known);
  g_assert_cmpuint (tries.remaining, ==, 2);

  {
    g_autoptr(MynaCertificate) sign = NULL;

    myna_card_worker_read_sign_certificate_async (worker, pin (MYNA_PIN_SIGN, "ABC123"), FALSE,
                                                  NULL, got_result, &w);
    sign = myna_card_worker_read_sign_certificate_finish (worker, wait_result (&w), &remaining, &error);
    g_clear_object (&w.result);
    g_assert_no_error (error);
    g_assert_nonnull (sign);
    /* The card was powered off after the PIN job: nothing stays unlocked. */
    g_assert_false (myna_virtual_card_is_verified (f->card, "sign"));
  }

  {
    g_autoptr(MynaCardInfo) info = NULL;

    myna_card_worker_read_card_info_async (worker, pin (MYNA_PIN_CARD_INFO, "1234"), FALSE,
                                           NULL, got_result, &w);
    info = myna_card_worker_read_card_info_finish (worker, wait_result (&w), &remaining, &error);
    g_clear_object (&w.result);
    g_assert_no_error (error);
    g_assert_cmpstr (info->sex, ==, "2");
  }

  myna_card_worker_change_pin_async (worker, pin (MYNA_PIN_SIGN, "ABC123"), pin (MYNA_PIN_SIGN, "NEW999"),
                                     FALSE, NULL, got_result, &w);
  g_assert_true (myna_card_worker_change_pin_finish (worker, wait_result (&w), &remaining, &error));
  g_clear_object (&w.result);
  g_assert_no_error (error);

  /* Card removed: a clear error, not a hang. */
  myna_virtual_transport_set_present (f->transport, FALSE);
  myna_card_worker_read_status_async (worker, NULL, got_result, &w);
  g_assert_null (myna_card_worker_read_status_finish (worker, wait_result (&w), &error));
  g_clear_object (&w.result);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_CARD_REMOVED);
  g_clear_error (&error);

  /* Cancelled before it ran: G_IO_ERROR_CANCELLED, so the UI shows nothing. */
  myna_virtual_transport_set_present (f->transport, TRUE);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    myna_card_worker_read_status_async (worker, cancellable, got_result, &w);
    g_assert_null (myna_card_worker_read_status_finish (worker, wait_result (&w), &error));
    g_clear_object (&w.result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* The worker thread hands its task references back through the main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A scripted transport: answers from a list, to test malformed answers. */

#define TEST_TYPE_SCRIPTED (test_scripted_get_type ())
G_DECLARE_FINAL_TYPE (TestScripted, test_scripted, TEST, SCRIPTED, GObject)

struct _TestScripted
{
  GObject     parent_instance;
  GPtrArray  *answers;   /* GBytes, used in turn; the last one repeats */
  guint       next;
  guint       sent;
};

static gboolean
scripted_transmit (MynaTransport  *transport,
                   const guint8   *command,
                   gsize           command_len,
                   guint8         *response,
                   gsize          *response_len,
                   GError        **error)
{
  TestScripted *self = TEST_SCRIPTED (transport);
  GBytes *answer = g_ptr_array_index (self->answers, MIN (self->next, self->answers->len - 1));
  gsize len;
  const guint8 *data = g_bytes_get_data (answer, &len);

  self->next++;
  self->sent++;
  memcpy (response, data, MIN (len, MYNA_APDU_MAX_RESPONSE));
  *response_len = len;
  return TRUE;
}

static GBytes *
scripted_get_atr (MynaTransport *transport)
{
  return NULL;
}

static const char *
scripted_get_name (MynaTransport *transport)
{
  return "scripted";
}

static void
scripted_iface_init (MynaTransportInterface *iface)
{
  iface->transmit = scripted_transmit;
  iface->get_atr = scripted_get_atr;
  iface->get_name = scripted_get_name;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestScripted, test_scripted, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYNA_TYPE_TRANSPORT, scripted_iface_init))

static void
test_scripted_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_SCRIPTED (object)->answers);
  G_OBJECT_CLASS (test_scripted_parent_class)->finalize (object);
}

static void
test_scripted_class_init (TestScriptedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_scripted_finalize;
}

static void
test_scripted_init (TestScripted *self)
{
  self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

static TestScripted *
scripted (const char *first, ...)
{
  TestScripted *self = g_object_new (TEST_TYPE_SCRIPTED, NULL);
  va_list args;

  va_start (args, first);
  for (const char *hex = first; hex != NULL; hex = va_arg (args, const char *))
    {
      GByteArray *bytes = g_byte_array_new ();

      for (const char *p = hex; p[0] && p[1]; p += (p[2] == ' ' ? 3 : 2))
        {
          guint8 b = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
          g_byte_array_append (bytes, &b, 1);
        }
      g_ptr_array_add (self->answers, g_byte_array_free_to_bytes (bytes));
    }
  va_end (args);
  return self;
}

static void
test_malformed_answers (void)
{
  GError *error = NULL;
  guint remaining;

  /* A one-byte answer is malformed, not a crash. */
  {
    g_autoptr(TestScripted) s = scripted ("90", NULL);

    g_assert_false (myna_jpki_select_ap (MYNA_TRANSPORT (s), MYNA_AP_JPKI, &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
    g_clear_error (&error);
  }
  /* A card without the JPKI AP is "not a My Number Card". */
  {
    g_autoptr(TestScripted) s = scripted ("6A 82", NULL);

    g_assert_false (myna_jpki_detect (MYNA_TRANSPORT (s), NULL, &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER);
    g_clear_error (&error);
  }
  /* Another token label: not a My Number Card (here the old 住基カード). */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "90 00",
                                          "4A504B49415049434354 4F4B454E2020202020202020202020202020202020 9000", NULL);

    g_assert_false (myna_jpki_detect (MYNA_TRANSPORT (s), NULL, &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER);
    g_clear_error (&error);
  }
  /* A certificate whose header promises more than the EF holds. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "30 82 06 2B 30 00 90 00", "6B 00", NULL);

    g_assert_null (myna_jpki_read_certificate (MYNA_TRANSPORT (s), MYNA_CERT_AUTH, &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
    g_clear_error (&error);
  }
  /* An EF of filler only: the card holds no certificate — not an error of the card. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "FF FF FF FF FF FF 90 00", NULL);

    g_assert_null (myna_jpki_read_certificate (MYNA_TRANSPORT (s), MYNA_CERT_AUTH, &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_CERTIFICATE);
    g_clear_error (&error);
  }
  /* A PIN tries answer that is not 63 Cx: an error, and no VERIFY follows. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "90 00", "6F 00", NULL);
    g_autoptr(MynaPin) p = pin (MYNA_PIN_AUTH, "1234");

    g_assert_false (myna_jpki_verify (MYNA_TRANSPORT (s), p, TRUE, &remaining, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    /* select AP, select EF, query — no resend of a PIN command, and never a VERIFY. */
    g_assert_cmpuint (s->sent, ==, 3);
  }
  /* 6F 00 in answer to the VERIFY itself: reported, never resent. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "90 00", "63 C3", "6F 00", "90 00", NULL);
    g_autoptr(MynaPin) p = pin (MYNA_PIN_AUTH, "1234");

    g_assert_false (myna_jpki_verify (MYNA_TRANSPORT (s), p, FALSE, &remaining, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (s->sent, ==, 4);
  }
  /* 6C xx to the tries query: a PIN command is never rewritten and resent. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "90 00", "6C 04", "90 00", NULL);

    g_assert_false (myna_jpki_query_tries (MYNA_TRANSPORT (s), MYNA_PIN_AUTH, &remaining, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (s->sent, ==, 3);
  }
  /* A card that answers 61 xx for ever, without data: an error, not a hang. */
  {
    g_autoptr(TestScripted) s = scripted ("61 10", NULL);
    MynaApduResponse r;
    MynaApdu read = { 0x00, 0xB0, 0, 0, NULL, 0, TRUE, 16 };

    g_assert_false (myna_apdu_exchange (MYNA_TRANSPORT (s), &read, &r, &error));
    g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PROTOCOL);
    g_clear_error (&error);
  }
  /* 62 82 (end of file reached) still carries the last bytes. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "30 82 01 00 AA AA 90 00", NULL);
    g_autoptr(GBytes) der = NULL;
    GByteArray *last = g_byte_array_new ();
    guint8 tail[0x100 + 4 - 6 + 2];

    memset (tail, 0xBB, sizeof tail);
    tail[sizeof tail - 2] = 0x62;
    tail[sizeof tail - 1] = 0x82;
    g_byte_array_append (last, tail, sizeof tail);
    g_ptr_array_add (s->answers, g_byte_array_free_to_bytes (last));
    der = myna_jpki_read_certificate (MYNA_TRANSPORT (s), MYNA_CERT_AUTH, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (der), ==, 0x104);
  }
  /* 61 xx: the rest is fetched with GET RESPONSE. */
  {
    g_autoptr(TestScripted) s = scripted ("90 00", "90 00", "61 05", "4A 50 4B 49 41 90 00", NULL);
    g_autoptr(GBytes) bytes = NULL;
    MynaApduResponse r;
    MynaApdu read = { 0x00, 0xB0, 0, 0, NULL, 0, TRUE, 5 };

    g_assert_true (myna_apdu_exchange (MYNA_TRANSPORT (s), &read, &r, &error));
    g_assert_true (myna_apdu_exchange (MYNA_TRANSPORT (s), &read, &r, &error));
    g_assert_true (myna_apdu_exchange (MYNA_TRANSPORT (s), &read, &r, &error));
    g_assert_cmpuint (r.sw, ==, 0x9000);
    g_assert_cmpmem (r.data, r.len, "JPKIA", 5);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/jpki/detect", test_detect);
  ADD ("/jpki/status", test_status);
  ADD ("/jpki/guard", test_guard);
  ADD ("/jpki/verify-resets", test_verify_resets);
  ADD ("/jpki/sign-certificate-needs-password", test_sign_certificate_needs_password);
  ADD ("/jpki/sign", test_sign);
  ADD ("/jpki/change-pin", test_change_pin);
  ADD ("/jpki/card-info", test_card_info);
  ADD ("/worker/all-jobs", test_worker);
  ADD ("/worker/cancel-pin-job", test_worker_cancel_pin_job);
#undef ADD
  g_test_add_func ("/jpki/malformed-answers", test_malformed_answers);

  return g_test_run ();
}
