/* test-secret-store.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PIN memo (myna-secret-store.c) against a real Secret Service: gnome-keyring-daemon with
 * an unlocked test keyring on a private session bus (tests/run-with-keyring.sh). What is
 * stored is read back independently through libsecret with the schema spelt out here, so the
 * test does not trust the code under test to describe its own items.
 */

#define G_LOG_DOMAIN "test-secret-store"

#include "config.h"

#include <glib.h>
#include <string.h>
#include <libsecret/secret.h>

#include "myna-error.h"
#include "myna-secret-store.h"

#define CARD_A "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
#define CARD_B "FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210"

/* Every test starts and ends with no memo in the test keyring. */
typedef struct
{
  gboolean unused;
} Fixture;

/* Independent of the code under test: the schema as documented in myna-secret-store.h. */
static const SecretSchema doc_schema = {
  "io.github.mynassist.Mynassist.PinMemo", SECRET_SCHEMA_NONE,
  {
    { "pin-kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "card", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static MynaPin *
pin (MynaPinKind  kind,
     const char  *text)
{
  g_autoptr(GError) error = NULL;
  MynaPin *p = myna_pin_new (kind, text, &error);

  g_assert_no_error (error);
  return p;
}

static void
assert_pin (MynaPin     *p,
            MynaPinKind  kind,
            const char  *expected)
{
  const guint8 *bytes;
  gsize len = 0;

  g_assert_nonnull (p);
  g_assert_cmpint (myna_pin_get_kind (p), ==, kind);
  bytes = myna_pin_get_bytes (p, &len);
  g_assert_cmpmem (bytes, len, expected, strlen (expected));
}

static void
clear_all (void)
{
  g_autoptr(GError) error = NULL;

  /* Only xdg:schema matches: every memo item. */
  secret_password_clear_sync (&doc_schema, NULL, &error, NULL);
  g_assert_no_error (error);
}

static void
setup (Fixture      *fixture,
       gconstpointer data)
{
  clear_all ();
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  clear_all ();
}

static void
test_round_trip (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr(MynaPin) auth = pin (MYNA_PIN_AUTH, "1234");
  g_autoptr(MynaPin) found = NULL;
  g_autoptr(MynaPin) none = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  MynaPinMemo *memo;

  g_assert_true (myna_secret_store_remember (CARD_A, auth, NULL, &error));
  g_assert_no_error (error);

  /* Read back independently: the value and the attributes, exactly. */
  raw = secret_password_lookup_sync (&doc_schema, NULL, &error,
                                     "pin-kind", "auth", "card", CARD_A, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (raw, ==, "1234");

  found = myna_secret_store_lookup (CARD_A, MYNA_PIN_AUTH, NULL, &error);
  g_assert_no_error (error);
  assert_pin (found, MYNA_PIN_AUTH, "1234");

  /* Another kind, another card: nothing. */
  none = myna_secret_store_lookup (CARD_A, MYNA_PIN_CARD_INFO, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  none = myna_secret_store_lookup (CARD_B, MYNA_PIN_AUTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  memos = myna_secret_store_list (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  memo = g_ptr_array_index (memos, 0);
  g_assert_cmpint (memo->kind, ==, MYNA_PIN_AUTH);
  g_assert_cmpstr (memo->card_id, ==, CARD_A);
  g_assert_false (memo->locked);
  g_assert_nonnull (strstr (memo->label, "user authentication PIN"));
  g_assert_nonnull (strstr (memo->label, "01234567"));
  g_assert_null (strstr (memo->label, "1234 "));

  secret_password_free (raw);
  raw = NULL;
}

/* The signing password is kept as the card saw it: upper-case. */
static void
test_sign_normalised (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(MynaPin) sign = pin (MYNA_PIN_SIGN, "abc123");
  g_autoptr(MynaPin) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (myna_secret_store_remember (CARD_A, sign, NULL, &error));
  found = myna_secret_store_lookup (CARD_A, MYNA_PIN_SIGN, NULL, &error);
  g_assert_no_error (error);
  assert_pin (found, MYNA_PIN_SIGN, "ABC123");
}

static void
test_replace_and_forget (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr(MynaPin) first = pin (MYNA_PIN_AUTH, "1234");
  g_autoptr(MynaPin) second = pin (MYNA_PIN_AUTH, "5678");
  g_autoptr(MynaPin) other = pin (MYNA_PIN_AUTH, "9999");
  g_autoptr(MynaPin) found = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (myna_secret_store_remember (CARD_A, first, NULL, &error));
  g_assert_true (myna_secret_store_remember (CARD_A, second, NULL, &error));
  g_assert_true (myna_secret_store_remember (CARD_B, other, NULL, &error));
  g_assert_no_error (error);

  memos = myna_secret_store_list (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 2);
  g_assert_cmpstr (((MynaPinMemo *) memos->pdata[0])->card_id, ==, CARD_A);
  g_assert_cmpstr (((MynaPinMemo *) memos->pdata[1])->card_id, ==, CARD_B);
  g_clear_pointer (&memos, g_ptr_array_unref);

  found = myna_secret_store_lookup (CARD_A, MYNA_PIN_AUTH, NULL, &error);
  assert_pin (found, MYNA_PIN_AUTH, "5678");
  g_clear_pointer (&found, myna_pin_free);

  g_assert_true (myna_secret_store_forget (CARD_A, MYNA_PIN_AUTH, NULL, &error));
  g_assert_no_error (error);
  found = myna_secret_store_lookup (CARD_A, MYNA_PIN_AUTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  /* Forgetting what is not there is fine. */
  g_assert_true (myna_secret_store_forget (CARD_A, MYNA_PIN_AUTH, NULL, &error));
  g_assert_no_error (error);

  /* The other card's memo is untouched. */
  found = myna_secret_store_lookup (CARD_B, MYNA_PIN_AUTH, NULL, &error);
  assert_pin (found, MYNA_PIN_AUTH, "9999");
  memos = myna_secret_store_list (NULL, &error);
  g_assert_cmpuint (memos->len, ==, 1);
}

/* A value that is not a PIN of its kind is never handed out. */
static void
test_malformed_value (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(MynaPin) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (secret_password_store_sync (&doc_schema, SECRET_COLLECTION_DEFAULT, "bad", "12ab",
                                             NULL, &error, "pin-kind", "auth", "card", CARD_A, NULL));
  found = myna_secret_store_lookup (CARD_A, MYNA_PIN_AUTH, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT);
  g_clear_error (&error);

  g_assert_true (secret_password_store_sync (&doc_schema, SECRET_COLLECTION_DEFAULT, "long",
                                             "12345678901234567890", NULL, &error,
                                             "pin-kind", "sign", "card", CARD_A, NULL));
  found = myna_secret_store_lookup (CARD_A, MYNA_PIN_SIGN, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT);
}

static void
test_may_fill (void)
{
  MynaPinTries tries = { TRUE, 3, 3, FALSE };

  g_assert_true (myna_secret_store_may_fill (&tries));
  tries.remaining = 2;
  g_assert_true (myna_secret_store_may_fill (&tries));
  tries.remaining = 1;
  g_assert_false (myna_secret_store_may_fill (&tries));
  tries.remaining = 0;
  tries.blocked = TRUE;
  g_assert_false (myna_secret_store_may_fill (&tries));
  tries = (MynaPinTries) { FALSE, 3, 3, FALSE };
  g_assert_false (myna_secret_store_may_fill (&tries));
  g_assert_false (myna_secret_store_may_fill (NULL));
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr(MynaPin) card_info = pin (MYNA_PIN_CARD_INFO, "4321");
  g_autoptr(MynaPin) found = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  myna_secret_store_remember_async (CARD_B, card_info, NULL, got_result, &result);
  /* The job owns a copy: the caller's PIN may go at once. */
  g_clear_pointer (&card_info, myna_pin_free);
  g_assert_true (myna_secret_store_remember_finish (wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  myna_secret_store_list_async (NULL, got_result, &result);
  memos = myna_secret_store_list_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpint (((MynaPinMemo *) memos->pdata[0])->kind, ==, MYNA_PIN_CARD_INFO);
  g_clear_object (&result);

  myna_secret_store_lookup_async (CARD_B, MYNA_PIN_CARD_INFO, NULL, got_result, &result);
  found = myna_secret_store_lookup_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  assert_pin (found, MYNA_PIN_CARD_INFO, "4321");
  g_clear_object (&result);

  myna_secret_store_forget_async (CARD_B, MYNA_PIN_CARD_INFO, NULL, got_result, &result);
  g_assert_true (myna_secret_store_forget_finish (wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  myna_secret_store_lookup_async (CARD_B, MYNA_PIN_CARD_INFO, NULL, got_result, &result);
  g_clear_pointer (&found, myna_pin_free);
  found = myna_secret_store_lookup_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_null (found);
  g_clear_object (&result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-store/may-fill", test_may_fill);

  /* Never against the user's own keyring: only inside run-with-keyring.sh. */
  if (g_getenv ("MYNA_TEST_KEYRING") == NULL)
    {
      g_test_message ("not run through tests/run-with-keyring.sh; keyring tests skipped");
      return g_test_run ();
    }

  g_test_add ("/secret-store/round-trip", Fixture, NULL, setup, test_round_trip, teardown);
  g_test_add ("/secret-store/sign-normalised", Fixture, NULL, setup, test_sign_normalised, teardown);
  g_test_add ("/secret-store/replace-and-forget", Fixture, NULL, setup, test_replace_and_forget, teardown);
  g_test_add ("/secret-store/malformed-value", Fixture, NULL, setup, test_malformed_value, teardown);
  g_test_add ("/secret-store/async", Fixture, NULL, setup, test_async, teardown);

  return g_test_run ();
}
