/* test-office-cli.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `mynassist-cli office` as scripts use it: JSON keys, exit codes (0 found,
 * 1 not found, 2 malformed) and one-line errors on stderr.
 */

#define G_LOG_DOMAIN "test-office-cli"

#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("MYNASSIST_CLI"));
  g_ptr_array_add (argv, (char *) "office");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
assert_one_line_error (Run *run)
{
  const char *nl = strchr (run->err, '\n');

  g_assert_true (g_str_has_prefix (run->err, "mynassist-cli: "));
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl + 1, ==, "");
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_json_keys (void)
{
  g_auto(Run) run = { 0 };
  static const char *keys[] = {
    "\"municipality_code\": ", "\"municipality\": ", "\"office\": ", "\"address\": ",
    "\"postal_code\": ", "\"lat\": ", "\"lon\": ", "\"distance_km\": ", "\"phone\": ", "\"url\": ",
  };

  run_cli (&run, "--postal", "１００－０００１", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "[\n  {\"municipality_code\": \"131016\""));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (strstr (run.out, keys[i]));
  g_assert_nonnull (strstr (run.out, "\"office\": \"千代田区役所\""));
  g_assert_true (g_str_has_suffix (run.out, "}\n]\n"));
}

static void
test_ambiguous_text (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--address", "伊達市", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Both 伊達市 are listed, Hokkaido (012335) first. */
  g_assert_nonnull (strstr (run.out, "北海道伊達市 (012335)"));
  g_assert_nonnull (strstr (run.out, "福島県伊達市 (072133)"));
  g_assert_true (strstr (run.out, "012335") < strstr (run.out, "072133"));
}

static void
test_near_limit (void)
{
  g_auto(Run) run = { 0 };
  guint n = 0;

  run_cli (&run, "--near", "35.694003,139.753634", "--limit", "3", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char *p = run.out; (p = strstr (p, "\"municipality_code\"")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (g_str_has_prefix (run.out, "[\n  {\"municipality_code\": \"131016\""));
}

static void
test_exit_codes (void)
{
  static const struct
  {
    const char *option;
    const char *value;
    int         status;
  } cases[] = {
    { "--postal", "100-000", 2 },
    { "--postal", "1000001x", 2 },
    { "--postal", "", 2 },
    { "--postal", "0000000", 1 },
    { "--address", "", 2 },
    { "--address", "存在しない市", 1 },
    { "--address", "東京都", 1 },
    { "--near", "91,139", 2 },
    { "--near", "abc", 2 },
    { "--near", "0,0", 1 },
    { "--limit", "-1", 2 },
    { "--bogus", "1", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("%s %s", cases[i].option, cases[i].value);
      if (g_str_equal (cases[i].option, "--limit"))
        run_cli (&run, "--postal", "1000001", cases[i].option, cases[i].value, NULL);
      else
        run_cli (&run, cases[i].option, cases[i].value, NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      assert_one_line_error (&run);
    }

  {
    g_auto(Run) none = { 0 };
    g_auto(Run) both = { 0 };

    run_cli (&none, NULL);
    g_assert_cmpint (none.status, ==, 2);
    assert_one_line_error (&none);
    run_cli (&both, "--postal", "1000001", "--address", "千代田区", NULL);
    g_assert_cmpint (both.status, ==, 2);
    assert_one_line_error (&both);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("MYNASSIST_CLI") == NULL)
    {
      g_test_skip ("MYNASSIST_CLI is not set");
      return g_test_run ();
    }

  g_test_add_func ("/office-cli/json-keys", test_json_keys);
  g_test_add_func ("/office-cli/ambiguous-text", test_ambiguous_text);
  g_test_add_func ("/office-cli/near-limit", test_near_limit);
  g_test_add_func ("/office-cli/exit-codes", test_exit_codes);

  return g_test_run ();
}
