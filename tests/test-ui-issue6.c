/* test-ui-issue6.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The issue 6 widgets: the reminder banner at the right dates (clock set by the test, settings
 * in memory), the diagnostics dialog showing exactly what it copies with personal data off
 * by default, and the memo list with its Forget buttons against a real Secret Service (when
 * run through tests/run-with-keyring.sh).
 */

#define G_LOG_DOMAIN "test-ui-issue6"

#include "config.h"

#include <string.h>

#include "test-ui-common.h"

#include "core/myna-secret-store.h"
#include "myna-diagnostics-dialog.h"
#include "myna-memo-check.h"
#include "myna-memo-list.h"
#include "virtual-card/myna-virtual-card.h"
#include "myna-reminder-banner.h"

#define CARD_A "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_child (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "reminders-enabled");
  g_settings_reset (settings, "auth-cert-expiry");
  g_settings_reset (settings, "sign-cert-expiry");
  g_settings_reset (settings, "last-reminder-shown");
  return settings;
}

static GDateTime *
local_noon (int y,
            int m,
            int d)
{
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

/* A new banner each time, as at start-up. */
static MynaReminderBanner *
banner_at (GSettings *settings,
           GDateTime *now)
{
  MynaReminderBanner *banner = MYNA_REMINDER_BANNER (g_object_ref_sink (myna_reminder_banner_new (settings)));

  myna_reminder_banner_set_now (banner, now);
  myna_reminder_banner_update (banner);
  return banner;
}

static void
test_new_destroy (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *banner = g_object_ref_sink (myna_reminder_banner_new (settings));
  GtkWidget *list = g_object_ref_sink (myna_memo_list_new ());
  g_autoptr(MynaDiagnostics) report = myna_diagnostics_new ();
  MynaDiagnosticsDialog *dialog = g_object_ref (myna_diagnostics_dialog_new (NULL, report));
  GtkWidget *row = g_object_ref_sink (myna_reminder_consent_row_new (settings));
  GtkWidget *check = g_object_ref_sink (myna_memo_check_new (MYNA_PIN_SIGN));

  g_assert_false (myna_reminder_banner_get_revealed (MYNA_REMINDER_BANNER (banner)));
  g_assert_false (myna_diagnostics_dialog_get_include_personal_data (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  g_assert_finalize_object (banner);
  g_assert_finalize_object (list);
  g_assert_finalize_object (row);
  g_assert_finalize_object (check);
}

static void
test_banner_dates (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GDateTime) d1 = local_noon (2029, 12, 1);
  g_autoptr(GDateTime) d2 = local_noon (2029, 12, 10);
  g_autoptr(GDateTime) d3 = local_noon (2030, 1, 15);
  g_autoptr(GDateTime) d4 = local_noon (2030, 4, 16);
  MynaReminderBanner *banner;

  /* Without consent nothing shows, whatever is stored. */
  g_settings_set_string (settings, "auth-cert-expiry", "2030-04-15");
  banner = banner_at (settings, d1);
  g_assert_false (myna_reminder_banner_get_revealed (banner));
  g_assert_finalize_object (banner);

  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  g_settings_set_string (settings, "auth-cert-expiry", "2030-04-15");

  /* Months ahead: shown once, saying how long is left… */
  banner = banner_at (settings, d1);
  g_assert_true (myna_reminder_banner_get_revealed (banner));
  g_assert_nonnull (strstr (myna_reminder_banner_get_title (banner), "in 135 days"));
  g_assert_nonnull (strstr (myna_reminder_banner_get_advice (banner), "5th birthday"));
  g_assert_cmpstr (g_settings_get_string (settings, "last-reminder-shown"), ==, "2029-12-01");
  g_assert_finalize_object (banner);

  /* …and not again nine days later. */
  banner = banner_at (settings, d2);
  g_assert_false (myna_reminder_banner_get_revealed (banner));
  g_assert_finalize_object (banner);

  /* The first day of the renewal window. */
  banner = banner_at (settings, d3);
  g_assert_true (myna_reminder_banner_get_revealed (banner));
  g_assert_nonnull (strstr (myna_reminder_banner_get_title (banner), "in 90 days"));
  g_assert_nonnull (strstr (myna_reminder_banner_get_advice (banner), "renew it now"));
  gtk_test_accessible_assert_role (gtk_revealer_get_child (GTK_REVEALER (find_child (GTK_WIDGET (banner), GTK_TYPE_REVEALER))),
                                   GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_finalize_object (banner);

  /* Same day again: not repeated. */
  banner = banner_at (settings, d3);
  g_assert_false (myna_reminder_banner_get_revealed (banner));
  g_assert_finalize_object (banner);

  /* Expired; the signing certificate's later date does not hide it. */
  g_settings_set_string (settings, "sign-cert-expiry", "2031-01-01");
  banner = banner_at (settings, d4);
  g_assert_true (myna_reminder_banner_get_revealed (banner));
  g_assert_nonnull (strstr (myna_reminder_banner_get_title (banner), "user authentication certificate expired"));

  /* Withdrawing consent hides it and forgets the dates. */
  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  g_assert_false (myna_reminder_banner_get_revealed (banner));
  g_assert_cmpstr (g_settings_get_string (settings, "auth-cert-expiry"), ==, "");
  g_assert_cmpstr (g_settings_get_string (settings, "sign-cert-expiry"), ==, "");
  g_assert_finalize_object (banner);
}

/* Dates are kept from the card only with consent, and only the date. */
static void
test_banner_remember (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  MynaSession *session = test_ui_new_session (NULL);
  MynaCardStatus *status = myna_session_get_status (session);
  MynaReminderBanner *banner = MYNA_REMINDER_BANNER (g_object_ref_sink (myna_reminder_banner_new (settings)));
  g_autofree char *expected = myna_reminder_expiry_from_not_after (status->certs[MYNA_CERT_AUTH].not_after);
  g_autofree char *stored = NULL;

  myna_reminder_banner_remember_status (banner, status);
  g_assert_cmpstr (g_settings_get_string (settings, "auth-cert-expiry"), ==, "");

  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  myna_reminder_banner_remember_status (banner, status);
  stored = g_settings_get_string (settings, "auth-cert-expiry");
  g_assert_cmpstr (stored, ==, expected);
  g_assert_cmpuint (strlen (stored), ==, 10);

  g_assert_finalize_object (banner);
  g_assert_finalize_object (session);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*(char **) user_data == NULL)
    *(char **) user_data = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_dialog (void)
{
  MynaSession *session = test_ui_new_session (NULL);
  MynaCardStatus *status = myna_session_get_status (session);
  MynaDiagnosticsDialog *dialog = g_object_ref (myna_diagnostics_dialog_new_for_session (NULL, session));
  const char *serial = status->certs[MYNA_CERT_AUTH].serial;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_child (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)));
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  g_autofree char *copied = NULL;

  gtk_window_present (GTK_WINDOW (dialog));

  /* Off by default: no serial, in the text shown and the text copied alike. */
  g_assert_false (myna_diagnostics_dialog_get_include_personal_data (dialog));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, myna_diagnostics_dialog_get_text (dialog));
  g_assert_null (strstr (shown, serial));
  g_assert_nonnull (strstr (shown, "GTK: 4."));
  g_assert_nonnull (strstr (shown, "libadwaita: 1."));

  myna_diagnostics_dialog_copy (dialog);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 clipboard_read_cb, &copied);
  g_assert_true (test_ui_wait_for (is_set, &copied, 5000));
  g_assert_cmpstr (copied, ==, shown);
  g_clear_pointer (&copied, g_free);
  g_clear_pointer (&shown, g_free);

  /* Turned on: the view follows. */
  myna_diagnostics_dialog_set_include_personal_data (dialog, TRUE);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, myna_diagnostics_dialog_get_text (dialog));
  g_assert_nonnull (strstr (shown, serial));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  g_assert_finalize_object (session);
}

static gboolean
list_idle (gpointer data)
{
  return !myna_memo_list_get_loading (data);
}

static GtkWidget *
find_forget_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Forget") == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_forget_button (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_memo_list (void)
{
  g_autoptr(MynaPin) pin = myna_pin_new (MYNA_PIN_AUTH, "1234", NULL);
  g_autoptr(MynaPin) after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  MynaMemoList *list;
  GtkWidget *button;

  if (g_getenv ("MYNA_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs tests/run-with-keyring.sh");
      return;
    }

  myna_secret_store_forget (CARD_A, MYNA_PIN_AUTH, NULL, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  list = MYNA_MEMO_LIST (myna_memo_list_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  gtk_window_present (GTK_WINDOW (window));

  myna_memo_list_refresh (list);
  g_assert_true (test_ui_wait_for (list_idle, list, 10000));
  g_assert_cmpuint (myna_memo_list_get_n_memos (list), ==, 0);
  g_assert_null (find_forget_button (GTK_WIDGET (list)));

  g_assert_true (myna_secret_store_remember (CARD_A, pin, NULL, &error));
  myna_memo_list_set_card_id (list, CARD_A);
  myna_memo_list_refresh (list);
  g_assert_true (test_ui_wait_for (list_idle, list, 10000));
  g_assert_cmpuint (myna_memo_list_get_n_memos (list), ==, 1);

  /* The button names what it forgets; the PIN itself is nowhere in the widget. */
  button = find_forget_button (GTK_WIDGET (list));
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Forget: User authentication PIN (4 digits), The card in the reader");

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (test_ui_wait_for (list_idle, list, 10000));
  g_assert_cmpuint (myna_memo_list_get_n_memos (list), ==, 0);
  after = myna_secret_store_lookup (CARD_A, MYNA_PIN_AUTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (after);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
check_idle (gpointer data)
{
  return !myna_memo_check_get_busy (data);
}

static MynaPin *
lookup (const char  *card_id,
        MynaPinKind  kind)
{
  g_autoptr(GError) error = NULL;
  MynaPin *pin = myna_secret_store_lookup (card_id, kind, NULL, &error);

  g_assert_no_error (error);
  return pin;
}

static void
assert_memo (const char *card_id,
             const char *expected)
{
  g_autoptr(MynaPin) pin = lookup (card_id, MYNA_PIN_AUTH);
  const guint8 *bytes;
  gsize len = 0;

  if (expected == NULL)
    {
      g_assert_null (pin);
      return;
    }
  g_assert_nonnull (pin);
  bytes = myna_pin_get_bytes (pin, &len);
  g_assert_cmpmem (bytes, len, expected, strlen (expected));
}

/* The memo rule in the PIN dialog's check box: filled in, never submitted, not with one try
 * left, deleted when the card rejects it, stored only after the card accepted. */
/* Looks the memo up and submits (a PIN that is then refused) before the keyring answers. */
static void
answer_after_submit (MynaMemoCheck      *check,
                     GtkEditable        *entry,
                     const MynaPinTries *tries)
{
  myna_memo_check_fill (check, entry, tries);
  myna_memo_check_submit (check, "1111", NULL);
  myna_memo_check_cancelled (check);
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_memo_check (void)
{
  MynaSession *session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaCardStatus *status = myna_session_get_status (session);
  g_autofree char *card_id = myna_secret_store_card_id (status->certs[MYNA_CERT_AUTH].certificate);
  g_autoptr(MynaPin) pin = myna_pin_new (MYNA_PIN_AUTH, "1234", NULL);
  g_autoptr(GError) error = NULL;
  MynaPinTries three = { TRUE, 3, 3, FALSE };
  MynaPinTries one = { TRUE, 1, 3, FALSE };
  GtkWidget *window, *box, *entry, *entry_last;
  MynaMemoCheck *check;
  guint verifies;

  if (g_getenv ("MYNA_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs tests/run-with-keyring.sh");
      g_assert_finalize_object (session);
      return;
    }

  g_assert_true (myna_secret_store_remember (card_id, pin, NULL, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_password_entry_new ();
  entry_last = gtk_password_entry_new ();
  check = MYNA_MEMO_CHECK (myna_memo_check_new (MYNA_PIN_AUTH));
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), entry_last);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (check));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (check)));
  myna_memo_check_set_status (check, status);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (check)));

  /* With one try left: not filled, and the user is told why. */
  verifies = myna_virtual_card_get_verify_count (card);
  myna_memo_check_fill (check, GTK_EDITABLE (entry_last), &one);
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_last)), ==, "");
  g_assert_nonnull (strstr (myna_memo_check_get_note (check), "one try left"));

  /* Three tries: filled in, nothing sent to the card. */
  myna_memo_check_fill (check, GTK_EDITABLE (entry), &three);
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1234");
  g_assert_true (myna_memo_check_get_filled (check));
  g_assert_true (myna_memo_check_get_active (check));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, verifies);

  /* A wrong PIN that is not the memo: the memo stays. */
  myna_memo_check_submit (check, "9999", NULL);
  g_assert_false (myna_memo_check_rejected (check));
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  assert_memo (card_id, "1234");

  /* The card rejects the remembered PIN: it is deleted and the user told. */
  myna_memo_check_submit (check, gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);
  g_assert_true (myna_memo_check_rejected (check));
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  assert_memo (card_id, NULL);
  g_assert_nonnull (strstr (myna_memo_check_get_note (check), "removed from the keyring"));
  g_assert_false (myna_memo_check_get_active (check));

  /* Not ticked: accepted, but nothing is stored. */
  myna_memo_check_submit (check, "4321", NULL);
  myna_memo_check_accepted (check);
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  assert_memo (card_id, NULL);

  /* Ticked: stored only now, after the card accepted. */
  myna_memo_check_set_active (check, TRUE);
  myna_memo_check_submit (check, "4321", NULL);
  assert_memo (card_id, NULL);
  myna_memo_check_accepted (check);
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  assert_memo (card_id, "4321");

  /* A change keeps the memo current: the new PIN replaces the old. */
  myna_memo_check_submit (check, "4321", "8765");
  myna_memo_check_accepted (check);
  g_assert_true (test_ui_wait_for (check_idle, check, 10000));
  assert_memo (card_id, "8765");

  /* Refused before reaching the card: nothing changes. */
  myna_memo_check_submit (check, "8765", NULL);
  myna_memo_check_cancelled (check);
  assert_memo (card_id, "8765");

  /* A lookup that answers after the user submitted (a keyring behind an unlock prompt) was
   * asked with the tries of before: it fills nothing... */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  answer_after_submit (check, GTK_EDITABLE (entry), &three);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* ... nor ticks the box again, which the user may have unticked meanwhile to forget. */
  myna_memo_check_set_active (check, FALSE);
  answer_after_submit (check, GTK_EDITABLE (entry), &three);
  g_assert_false (myna_memo_check_get_active (check));

  myna_secret_store_forget (card_id, MYNA_PIN_AUTH, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (session);
}

int
main (int    argc,
      char **argv)
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/issue6/new-destroy", test_new_destroy);
  g_test_add_func ("/issue6/banner-dates", test_banner_dates);
  g_test_add_func ("/issue6/banner-remember", test_banner_remember);
  g_test_add_func ("/issue6/diagnostics-dialog", test_dialog);
  g_test_add_func ("/issue6/memo-list", test_memo_list);
  g_test_add_func ("/issue6/memo-check", test_memo_check);

  return g_test_run ();
}
