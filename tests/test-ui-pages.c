/* test-ui-pages.c — accessibility and PIN flows of the wizard on the virtual card
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asserted with GTK's test accessibility backend (GTK_A11Y=test), in the shape of GTK's own
 * testsuite/a11y: roles, names, relations and states. The PIN flows run on the real card
 * worker over the in-process virtual card, and the card's own counters are the judge.
 */

#include "config.h"

#include <string.h>

#include "test-ui-common.h"

#include "myna-format.h"
#include "myna-page.h"
#include "myna-pin-dialog.h"
#include "myna-window.h"
#include "pages/myna-certificates-page.h"
#include "pages/myna-pins-page.h"
#include "pages/myna-portal-page.h"
#include "pages/myna-reader-page.h"
#include "virtual-card/myna-virtual-card.h"

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
collect_rows (GtkWidget  *root,
              const char *title,
              GPtrArray  *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_ACTION_ROW (c) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        g_ptr_array_add (found, c);
      collect_rows (c, title, found);
    }
}

static GPtrArray *
find_rows (gpointer    root,
           const char *title)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (root), title, found);
  return found;
}

static MynaPinDialog *find_pin_dialog (GtkWindow *parent);
static GtkWidget *widest_descendant (GtkWidget *widget, int limit);

static void
type_text (GtkWidget  *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_window_accessible (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkWidget *steps = child (window, MYNA_TYPE_WINDOW, "steps_list");
  GtkWidget *toggle = child (window, MYNA_TYPE_WINDOW, "steps_button");
  GtkWidget *next = child (window, MYNA_TYPE_WINDOW, "next_button");
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (window));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (steps), GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (steps), GTK_ACCESSIBLE_PROPERTY_LABEL, "Steps");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Show the list of steps");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_ROLE_BUTTON);

  /* Every step is in the list, named after its page. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (steps), 3));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, "PIN Attempts");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (steps), 6));

  /* Next moves on and focus lands inside the new page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  g_assert_cmpstr (myna_window_get_page (window), ==, "reader");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
    GtkWidget *stack = child (window, MYNA_TYPE_WINDOW, "stack");

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, gtk_stack_get_visible_child (GTK_STACK (stack))));
  }

  /* Arrowing through the list selects rows: the step shown follows the highlight, and the
   * focus stays in the list. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (steps), 1)));
  gtk_list_box_select_row (GTK_LIST_BOX (steps), gtk_list_box_get_row_at_index (GTK_LIST_BOX (steps), 4));
  g_assert_cmpstr (myna_window_get_page (window), ==, "portal");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), steps));

  /* The demo is labelled on every page: the banner sits outside the stack. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (window, MYNA_TYPE_WINDOW, "demo_revealer"))));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pin_dialog_format (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  GtkWidget *entry = child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry");
  GtkWidget *rule = child (dialog, MYNA_TYPE_PIN_DIALOG, "rule_label");
  GtkWidget *tries = child (dialog, MYNA_TYPE_PIN_DIALOG, "tries_label");
  GtkWidget *error = child (dialog, MYNA_TYPE_PIN_DIALOG, "error_label");
  MynaVirtualCard *card = myna_session_get_demo_card (session);

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));

  /* The rule and the tries left describe the entry; the error label is its error message. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                       rule, tries, NULL);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, error);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tries)), ==, "3 of 3 tries left");

  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  type_text (entry, "12a");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_true (gtk_widget_get_visible (error));
  /* Too short is not an error while typing (the rule is shown), only when Enter is pressed. */
  type_text (entry, "123");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_false (gtk_widget_get_visible (error));
  g_signal_emit_by_name (entry, "activate");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error)), "4 digits"));
  type_text (entry, "12345");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  /* Full-width digits from a Japanese input method count as digits. */
  type_text (entry, "１２３４");
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);

  /* Typing never sends anything. */
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_SIGN, MYNA_PIN_DIALOG_CHANGE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry"), "abc123");
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "new_entry"), "ABCDEF");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "new_entry"), "NEW4567");
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "confirm_entry"), "NEW4568");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "confirm_entry"), "new4567");
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 0);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
submit (MynaPinDialog *dialog,
        const char    *pin,
        gboolean       handed_over)
{
  GtkWidget *entry = child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry");

  type_text (entry, pin);
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));
  g_signal_emit_by_name (child (dialog, MYNA_TYPE_PIN_DIALOG, "submit_button"), "clicked");
  /* The PIN leaves the entry as soon as it is handed over (at the last try, only after the
   * confirmation). */
  if (handed_over)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_pin_dialog_wrong_last_locked (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  GtkWidget *error = child (dialog, MYNA_TYPE_PIN_DIALOG, "error_label");
  GtkWidget *stack = child (dialog, MYNA_TYPE_PIN_DIALOG, "stack");
  AdwMessageDialog *confirm;
  MynaPinTries tries;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));

  /* A wrong PIN: one try spent, the tries left said, no retry. */
  submit (dialog, "9999", TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 1);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 2);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error)), "2 more wrong entries"));
  /* Spoken with the entry, which gets the focus back: Orca does not follow error-message. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_test_accessible_assert_property (child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       gtk_label_get_label (GTK_LABEL (error)));
  g_assert_true (myna_session_get_tries (session, MYNA_PIN_AUTH, &tries));
  g_assert_cmpuint (tries.remaining, ==, 2);

  submit (dialog, "9998", TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 1);

  /* One try left: nothing is sent without an explicit confirmation. */
  submit (dialog, "9997", FALSE);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "will be locked"));
  /* It names the kiosk route this PIN has: the signing password must be known. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "if you know your signing password"));
  /* A screen reader gets the consequence, not just the title. */
  gtk_test_accessible_assert_property (confirm, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       adw_message_dialog_get_body (confirm));
  adw_message_dialog_response (confirm, "cancel");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry"))), ==, "");
  /* "Nothing was sent" reassures; it is not shown as an error. */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error)), "Nothing was sent"));
  g_assert_false (gtk_widget_has_css_class (error, "error"));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 2);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 1);

  /* Confirmed and wrong: locked, and the dialog leads to the reset. */
  submit (dialog, "9997", FALSE);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "use");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 3);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
  g_assert_true (myna_session_get_tries (session, MYNA_PIN_AUTH, &tries));
  g_assert_true (tries.blocked);
  /* The way to the reset guide is offered, and so is a plain Close. */
  g_assert_true (gtk_widget_get_visible (child (dialog, MYNA_TYPE_PIN_DIALOG, "cancel_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (dialog, MYNA_TYPE_PIN_DIALOG, "cancel_button"))), ==, "_Close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A locked PIN: the dialog does not even offer the entry, and nothing is sent. */
  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, MYNA_TYPE_PIN_DIALOG, "stack"))),
                   ==, "result");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Spends wrong tries through the dialog until one is left, then asks for the confirmation. */
static char *
last_try_body_for (MynaSession *session,
                   MynaPinKind  kind,
                   const char  *wrong)
{
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, kind, MYNA_PIN_DIALOG_TEST);
  AdwMessageDialog *confirm;
  MynaPinTries tries = { 0 };
  char *body;

  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  while (myna_session_get_tries (session, kind, &tries) && tries.remaining > 1)
    {
      submit (dialog, wrong, TRUE);
      g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
    }
  submit (dialog, wrong, FALSE);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  body = g_strdup (adw_message_dialog_get_body (confirm));
  adw_message_dialog_response (confirm, "cancel");
  /* Gone before the next PIN's confirmation is looked for. */
  if (gtk_widget_get_visible (GTK_WIDGET (confirm)))
    gtk_window_destroy (GTK_WINDOW (confirm));
  gtk_window_destroy (GTK_WINDOW (dialog));

  return body;
}

static void
test_pin_dialog_last_try_routes (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinTries locked = { .known = TRUE, .remaining = 0, .max = 5, .blocked = TRUE };
  g_autofree char *card_info = NULL;
  g_autofree char *sign = NULL;
  g_autofree char *auth = NULL;

  /* The card-information PIN has no kiosk route. */
  card_info = last_try_body_for (session, MYNA_PIN_CARD_INFO, "9999");
  g_assert_nonnull (strstr (card_info, "only at the municipal office"));
  g_assert_null (strstr (card_info, "kiosk"));

  /* The signing password: the kiosk, with the authentication PIN. */
  sign = last_try_body_for (session, MYNA_PIN_SIGN, "WRONG1");
  g_assert_nonnull (strstr (sign, "kiosk if you know your user authentication PIN"));

  /* With the signing password locked, the authentication PIN has only the office left. */
  myna_session_set_tries (session, MYNA_PIN_SIGN, &locked);
  auth = last_try_body_for (session, MYNA_PIN_AUTH, "9999");
  g_assert_nonnull (strstr (auth, "only the municipal office"));
  g_assert_null (strstr (auth, "kiosk"));

  /* Every confirmation was declined: one try is still left on each. */
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "card-info"), ==, 1);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "sign"), ==, 1);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 1);
}

static void
test_pin_dialog_entry_guard (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  GtkWidget *entry = child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry");
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));
  GtkWidget *stack = child (dialog, MYNA_TYPE_PIN_DIALOG, "stack");

  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));

  /* What GTK 4.8 hands to a screen reader is the entry's own text: stars, never the PIN. */
  type_text (entry, "12");
  gtk_editable_insert_text (text, "34", 2, &(int) { 2 });
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "****");
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));

  /* Deleting in the middle deletes the same characters of the PIN. */
  gtk_editable_delete_text (text, 1, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "**");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));
  gtk_editable_insert_text (text, "23", 2, &(int) { 1 });

  /* Shown on request (the peek icon), hidden again as stars. */
  gtk_text_set_visibility (GTK_TEXT (text), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1234");
  gtk_text_set_visibility (GTK_TEXT (text), FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "****");

  /* Full-width digits from a Japanese input method count as digits; an insertion at -1
   * (GTK's "at the end") appends, in the guard as in the entry. */
  type_text (entry, "１２３");
  gtk_editable_insert_text (text, "4", 1, &(int) { -1 });
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "****");
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));

  /* A paste goes through the guard too. */
  type_text (entry, "");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (text)), "12");
  g_signal_emit_by_name (text, "paste-clipboard");
  for (int i = 0; i < 200 && gtk_editable_get_text (GTK_EDITABLE (entry))[0] == '\0'; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "**");
  gtk_editable_insert_text (text, "34", 2, &(int) { -1 });

  /* And the card gets the PIN itself: the demo card's is 1234. */
  g_signal_emit_by_name (child (dialog, MYNA_TYPE_PIN_DIALOG, "submit_button"), "clicked");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 1);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_pin_dialog_paste_after_close (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaPinDialog *dialog;
  GtkEditable *text;

  /* A paste still in flight when the dialog goes keeps its GtkText alive and then inserts:
   * the guard must still be there for it (ASan runs this suite in CI). */
  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  text = gtk_editable_get_delegate (GTK_EDITABLE (child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry")));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (text)), "1234");
  g_signal_emit_by_name (text, "paste-clipboard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_pin_dialog_narrow (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  static const struct { MynaPinKind kind; MynaPinDialogMode mode; } cases[] = {
    { MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST },
    { MYNA_PIN_SIGN, MYNA_PIN_DIALOG_CHANGE },
    { MYNA_PIN_SIGN, MYNA_PIN_DIALOG_READ_SIGN_CERT },
    { MYNA_PIN_CARD_INFO, MYNA_PIN_DIALOG_READ_CARD_INFO },
  };

  /* On a 360 px screen the dialog gets the whole width: nothing in it may need more. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, cases[i].kind, cases[i].mode);
      int minimum = 0;

      gtk_window_present (GTK_WINDOW (dialog));
      g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
      gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("PIN dialog %u needs %d px; widest part: %s", i, minimum,
                 G_OBJECT_TYPE_NAME (widest_descendant (GTK_WIDGET (dialog), 340)));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  /* Opened from a 360 px window, it opens no wider than that window. */
  {
    GtkWidget *parent = gtk_window_new ();
    MynaPinDialog *dialog;
    int width = 0, height = 0;

    gtk_window_set_default_size (GTK_WINDOW (parent), 360, 640);
    gtk_window_present (GTK_WINDOW (parent));
    while (gtk_widget_get_width (parent) == 0)
      g_main_context_iteration (NULL, TRUE);
    dialog = myna_pin_dialog_new (GTK_WINDOW (parent), session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
    gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
    g_assert_cmpint (width, <=, 360);
    g_assert_cmpint (height, <=, 640);
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
    gtk_window_destroy (GTK_WINDOW (parent));
  }
}

static void
test_pin_dialog_correct (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_SIGN, MYNA_PIN_DIALOG_TEST);
  GtkWidget *stack = child (dialog, MYNA_TYPE_PIN_DIALOG, "stack");

  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  submit (dialog, "abc123", TRUE);   /* the test card's signing password is ABC123 */
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 1);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "sign"), ==, 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_pin_dialog_change (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_SIGN, MYNA_PIN_DIALOG_CHANGE);

  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "new_entry"), "NEW4567");
  type_text (child (dialog, MYNA_TYPE_PIN_DIALOG, "confirm_entry"), "new4567");
  submit (dialog, "ABC123", TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, MYNA_TYPE_PIN_DIALOG, "new_entry"))), ==, "");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, MYNA_TYPE_PIN_DIALOG, "stack"))),
                   ==, "result");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The card now takes the new password, and only it. */
  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_SIGN, MYNA_PIN_DIALOG_TEST);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  submit (dialog, "NEW4567", TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, MYNA_TYPE_PIN_DIALOG, "stack"))),
                   ==, "result");
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "sign"), ==, 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Waits (with a deadline) until the virtual card has seen one more command. */
static void
wait_for_command (MynaVirtualCard *card)
{
  guint commands = myna_virtual_card_get_command_count (card);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (myna_virtual_card_get_command_count (card) == commands)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

static void
status_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MynaCardStatus) status = myna_card_worker_read_status_finish (MYNA_CARD_WORKER (source), result, NULL);

  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_pin_dialog_cancel (void)
{
  g_autoptr(MynaSession) session = test_ui_new_slow_session (100);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinDialog *dialog;
  GtkWidget *tries, *cancel, *error_label;
  guint verifies;

  /* While the tries are read, Cancel closes the dialog; nothing is sent. */
  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_ref (dialog);
  g_assert_true (myna_session_get_busy (session));
  g_signal_emit_by_name (child (dialog, MYNA_TYPE_PIN_DIALOG, "cancel_button"), "clicked");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  /* Once the PIN is on its way, the focus is not on Cancel (where a second Enter would land).
   * Closed while the card works on it, the dialog stays (the window behind stays blocked) and
   * shows the card's answer: a try was spent, and "cancelled" would be a lie. Closed a second
   * time (a card held by another program for long), it hides, and comes back with the answer. */
  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  tries = child (dialog, MYNA_TYPE_PIN_DIALOG, "tries_label");
  cancel = child (dialog, MYNA_TYPE_PIN_DIALOG, "cancel_button");
  error_label = child (dialog, MYNA_TYPE_PIN_DIALOG, "error_label");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  verifies = myna_virtual_card_get_verify_count (card);

  submit (dialog, "9999", TRUE);
  g_assert_true (myna_session_get_busy (session));
  g_assert_false (gtk_widget_has_focus (cancel));
  wait_for_command (card);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Stopping"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, verifies + 1);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 2);
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Cancelled"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "2"));
  {
    g_autofree char *expected = myna_format_tries (2, 3, FALSE);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tries)), ==, expected);
  }
  g_assert_true (gtk_widget_has_focus (child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry")) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                         child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Closed while the PIN job still waits (here behind another job for the card): it is
   * cancelled before it reaches the card, and the dialog goes for good. */
  dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_ref (dialog);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  verifies = myna_virtual_card_get_verify_count (card);
  {
    gboolean status_done = FALSE;

    myna_card_worker_read_status_async (myna_session_get_worker (session), NULL,
                                        status_read_cb, &status_done);
    submit (dialog, "9999", TRUE);
    gtk_window_close (GTK_WINDOW (dialog));
    g_assert_true (test_ui_wait_for (flag_set, &status_done, 10000));
  }
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, verifies);
  g_assert_cmpuint (myna_virtual_card_get_tries (card, "auth"), ==, 2);
  g_object_unref (dialog);
}

/* The card is taken away while the dialog is open: nothing learnt of it (tries, a remembered
 * PIN) may be used on the next card. */
static void
test_pin_dialog_card_removed (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  MynaPinDialog *dialog = myna_pin_dialog_new (NULL, session, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
  GtkWidget *stack = child (dialog, MYNA_TYPE_PIN_DIALOG, "stack");
  GtkWidget *entry = child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry");
  guint verifies;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  verifies = myna_virtual_card_get_verify_count (card);
  type_text (entry, "1234");

  myna_session_set_demo_card_present (session, FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (myna_pin_dialog_get_can_submit (dialog));

  /* The card comes back: the dialog stays as it is, to be closed and opened again. */
  myna_session_set_demo_card_present (session, TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, verifies);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Removed while a PIN is on its way: the dialog cannot know whether the card counted it,
   * and says so. */
  {
    g_autoptr(MynaSession) slow = test_ui_new_slow_session (100);
    MynaVirtualCard *slow_card = myna_session_get_demo_card (slow);

    dialog = myna_pin_dialog_new (NULL, slow, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
    stack = child (dialog, MYNA_TYPE_PIN_DIALOG, "stack");
    gtk_window_present (GTK_WINDOW (dialog));
    g_assert_true (test_ui_wait_for (test_ui_session_settled, slow, 10000));
    submit (dialog, "9999", TRUE);
    wait_for_command (slow_card);
    myna_session_set_demo_card_present (slow, FALSE);
    g_assert_true (test_ui_wait_for (test_ui_session_settled, slow, 10000));
    for (guint i = 0; i < 20; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (child (dialog, MYNA_TYPE_PIN_DIALOG, "result_page"))),
                              "is not known"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Removed while the dialog still reads the tries: it says so, and stays to be read. */
  {
    g_autoptr(MynaSession) slow = test_ui_new_slow_session (100);

    dialog = myna_pin_dialog_new (NULL, slow, MYNA_PIN_AUTH, MYNA_PIN_DIALOG_TEST);
    stack = child (dialog, MYNA_TYPE_PIN_DIALOG, "stack");
    gtk_window_present (GTK_WINDOW (dialog));
    g_assert_true (myna_session_get_busy (slow));
    myna_session_set_demo_card_present (slow, FALSE);
    g_assert_true (test_ui_wait_for (test_ui_session_settled, slow, 10000));
    for (guint i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

static void
address_read_cb (MynaPinDialog *dialog,
                 const char    *address,
                 char         **out)
{
  *out = g_strdup (address);
}

static void
test_pin_dialog_card_info_address (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  g_autofree char *profile_path = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  g_autoptr(GKeyFile) profile = g_key_file_new ();
  g_autofree char *expected = NULL;
  g_autofree char *address = NULL;
  MynaPinDialog *dialog;

  g_assert_true (g_key_file_load_from_file (profile, profile_path, G_KEY_FILE_NONE, NULL));
  expected = g_key_file_get_string (profile, "card-info", "address", NULL);
  g_assert_nonnull (expected);

  dialog = g_object_ref (myna_pin_dialog_new (NULL, session, MYNA_PIN_CARD_INFO, MYNA_PIN_DIALOG_READ_CARD_INFO));
  g_signal_connect (dialog, "address-read", G_CALLBACK (address_read_cb), &address);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  submit (dialog, "1234", TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpstr (address, ==, expected);
  /* The dialog closed itself: nothing of the card's text stays on screen. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (find_pin_dialog (NULL));
  g_object_unref (dialog);
}

static void
test_window_goto_reset (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkWidget *stack = child (window, MYNA_TYPE_WINDOW, "stack");
  GtkWidget *page;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) kiosk = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.goto-reset", "(ss)", "card-info", "locked");
  g_assert_cmpstr (myna_window_get_page (window), ==, "reset");
  page = gtk_stack_get_visible_child (GTK_STACK (stack));
  waiting = find_rows (page, "Waiting does not help");
  kiosk = find_rows (page, "Only at the office");
  g_assert_cmpuint (waiting->len, ==, 1);
  /* The card-information PIN has no kiosk route. */
  g_assert_cmpuint (kiosk->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A step that needs the card says whether one is being read or none is there. */
static void
test_pages_waiting (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *pins = g_object_ref_sink (GTK_WIDGET (myna_pins_page_new (session)));
  GtkWidget *certificates = g_object_ref_sink (GTK_WIDGET (myna_certificates_page_new (session)));
  GtkWidget *pins_status = child (pins, MYNA_TYPE_PINS_PAGE, "empty_status");
  GtkWidget *certificates_status = child (certificates, MYNA_TYPE_CERTIFICATES_PAGE, "empty_status");

  myna_session_set_demo_card_present (session, FALSE);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (pins_status)), ==, "No Card Has Been Read");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (certificates_status)), ==, "No Card Has Been Read");

  myna_virtual_card_set_latency_ms (myna_session_get_demo_card (session), 20);
  myna_session_set_demo_card_present (session, TRUE);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READING);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (pins_status)), ==, "Reading the Card…");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (certificates_status)), ==, "Reading the Card…");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (pins_status)), "uses no try"));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 30000));

  g_object_unref (certificates);
  g_object_unref (pins);
}

static void
test_pins_page (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = g_object_ref_sink (GTK_WIDGET (myna_pins_page_new (session)));
  g_autoptr(GPtrArray) rows = find_rows (page, "Tries left");
  MynaPinTries tries = { .known = TRUE, .remaining = 0, .max = 3, .blocked = TRUE };

  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==, "3 of 3 tries left");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)), ==, "5 of 5 tries left");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 2)), ==, "3 of 3 tries left");
  /* The row says the count to screen readers: described by its subtitle label, and only by
   * it (a description property as well made Orca say it twice). */
  {
    GtkWidget *row = g_ptr_array_index (rows, 0);
    GtkWidget *subtitle = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL && subtitle == NULL; )
      {
        if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), "3 of 3 tries left") == 0)
          subtitle = w;
        else if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != row && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w != row ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_nonnull (subtitle);
    gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                         subtitle, NULL);
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }

  myna_session_set_tries (session, MYNA_PIN_CARD_INFO, &tries);
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 2)), ==, "Locked");
  tries = (MynaPinTries) { .known = TRUE, .remaining = 1, .max = 5 };
  myna_session_set_tries (session, MYNA_PIN_SIGN, &tries);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)), "Only 1 try left"));

  g_assert_finalize_object (page);
}

static void
test_certificates_page (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = g_object_ref_sink (GTK_WIDGET (myna_certificates_page_new (session)));
  MynaCardStatus *status = myna_session_get_status (session);
  g_autoptr(GPtrArray) rows = find_rows (page, "Expiry date");
  g_autofree char *expected = myna_format_date_with_era (status->certs[MYNA_CERT_AUTH].not_after);
  GtkWidget *stack = child (page, MYNA_TYPE_CERTIFICATES_PAGE, "stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "content");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==, expected);
  g_assert_nonnull (strstr (expected, "Reiwa"));

  /* Card out: nothing of it stays on screen. */
  myna_session_set_demo_card_present (session, FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_finalize_object (page);
}

static MynaPinDialog *
find_pin_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MYNA_IS_PIN_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        return MYNA_PIN_DIALOG (window);
    }

  return NULL;
}

static void
test_certificates_page_signing (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  g_autofree char *sign_path = g_build_filename (TEST_PKI_DIR, "sign.der", NULL);
  g_autoptr(GBytes) der = NULL;
  g_autoptr(MynaCertificate) expected = NULL;
  g_autoptr(MynaJpkiPersonalData) data = NULL;
  MynaVirtualCard *card = myna_session_get_demo_card (session);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = GTK_WIDGET (myna_certificates_page_new (session));
  GtkWidget *group = child (page, MYNA_TYPE_CERTIFICATES_PAGE, "sign_data_group");
  MynaPinDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  char *contents;
  gsize len;

  g_assert_true (g_file_get_contents (sign_path, &contents, &len, NULL));
  der = g_bytes_new_take (contents, len);
  expected = myna_certificate_new_from_der (der, NULL);
  g_assert_nonnull (expected);
  data = myna_certificate_get_personal_data (expected);
  g_assert_nonnull (data);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (group));

  /* The button opens the guarded dialog; nothing is read before the password. */
  g_signal_emit_by_name (child (page, MYNA_TYPE_CERTIFICATES_PAGE, "sign_button"), "clicked");
  dialog = find_pin_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 0);
  submit (dialog, "abc123", TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (myna_virtual_card_get_verify_count (card), ==, 1);

  /* The personal data is shown as the certificate holds it. */
  g_assert_true (gtk_widget_get_visible (group));
  rows = find_rows (group, "Name");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==, data->name);
  g_ptr_array_unref (rows);
  rows = find_rows (group, "Address");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==, data->address);

  /* Hide, and it is gone from the widgets. */
  g_signal_emit_by_name (child (page, MYNA_TYPE_CERTIFICATES_PAGE, "hide_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (group));
  g_ptr_array_unref (rows);
  rows = find_rows (group, "Name");
  g_assert_cmpuint (rows->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reader_page_follows_card (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = g_object_ref_sink (GTK_WIDGET (myna_reader_page_new (session)));
  AdwStatusPage *status = ADW_STATUS_PAGE (child (page, MYNA_TYPE_READER_PAGE, "status_page"));

  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Your My Number Card Is Ready");
  myna_session_set_demo_card_present (session, FALSE);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NO_CARD);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Place Your Card on the Reader");
  myna_session_set_demo_card_present (session, TRUE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READY);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Your My Number Card Is Ready");
  g_assert_finalize_object (page);
}

static void
test_reader_page_keeps_focus (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = GTK_WIDGET (myna_reader_page_new (session));
  GtkWidget *action = child (page, MYNA_TYPE_READER_PAGE, "action_button");
  GtkWidget *focus;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (action));
  gtk_widget_grab_focus (action);

  /* The focused "Show the Certificates" goes away with the card; the focus stays on the page. */
  myna_session_set_demo_card_present (session, FALSE);
  g_assert_false (gtk_widget_get_visible (action));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page));
  g_assert_true (gtk_widget_is_visible (focus));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_ready (gpointer data)
{
  return myna_session_get_state (data) == MYNA_SESSION_READY && test_ui_session_settled (data);
}

static void
test_window_start_demo (void)
{
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  g_autoptr(MynaSession) session = NULL;
  MynaWindow *window;

  /* "Try With a Demo Card" from a session that follows PC/SC. The switch happens before the
   * main loop runs, so the reader monitor never touches a card another test may be using. */
  g_setenv ("MYNASSIST_DEMO_PROFILE", profile, TRUE);
  session = myna_session_new ();
  window = myna_window_new (NULL, session);
  g_assert_false (myna_session_get_demo (session));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (window, MYNA_TYPE_WINDOW, "demo_revealer"))));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL);
  g_assert_true (myna_session_get_demo (session));
  g_assert_cmpstr (myna_window_get_page (window), ==, "reader");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (window, MYNA_TYPE_WINDOW, "demo_revealer"))));
  g_assert_true (test_ui_wait_for (is_ready, session, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("MYNASSIST_DEMO_PROFILE");
}

/* Follows the widest minimum down from @widget, for a failure message that names the culprit. */
static GtkWidget *
widest_descendant (GtkWidget *widget,
                   int        limit)
{
  GtkWidget *widest = NULL;
  int widest_minimum = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int minimum = 0;

      if (!gtk_widget_get_visible (c) || !gtk_widget_get_child_visible (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > widest_minimum)
        {
          widest = c;
          widest_minimum = minimum;
        }
    }

  if (widest == NULL || widest_minimum <= limit)
    return widget;
  if (g_getenv ("MYNA_TEST_VERBOSE"))
    g_printerr ("  %s “%s” %d\n", G_OBJECT_TYPE_NAME (widest),
                GTK_IS_LABEL (widest) ? gtk_label_get_text (GTK_LABEL (widest)) : "", widest_minimum);
  return widest_descendant (widest, limit);
}

/* The crossfade between pages measures both: wait until only the new page counts. */
static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* A web page nothing can open (no browser): the user gets the address and a way to copy it,
 * not GTK's "Could not show link". */
static void
test_open_uri_fallback (void)
{
  static const char uri[] = "x-mynassist-test://nowhere/";
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new_with_label ("Open");
  AdwMessageDialog *dialog;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  myna_open_uri (button, uri);
  g_assert_true (test_ui_wait_for (message_dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), uri));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       adw_message_dialog_get_body (dialog));
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
scrolled_to_end (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 0.5;
}

/* Text below a page's last control (the note that the card-reader log-in is not offered for
 * Linux) has nothing to Tab to: the page shows its end when that control takes the focus. */
static void
test_window_text_after_last_control (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkWidget *stack = child (window, MYNA_TYPE_WINDOW, "stack");
  GtkWidget *page, *open_button, *scrolled;
  GtkAdjustment *adjustment;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 560);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (myna_window_set_page (window, "portal"));
  g_assert_true (test_ui_wait_for (stack_settled, stack, 5000));
  page = gtk_stack_get_visible_child (GTK_STACK (stack));
  open_button = child (page, MYNA_TYPE_PORTAL_PAGE, "open_button");
  scrolled = gtk_widget_get_ancestor (open_button, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_widget_grab_focus (open_button);
  g_assert_true (test_ui_wait_for (scrolled_to_end, adjustment, 5000));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_narrow (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkWidget *revealer = child (window, MYNA_TYPE_WINDOW, "steps_revealer");
  GtkWidget *overlay = child (window, MYNA_TYPE_WINDOW, "page_overlay");
  GtkWidget *toggle = child (window, MYNA_TYPE_WINDOW, "steps_button");
  GtkWidget *steps = child (window, MYNA_TYPE_WINDOW, "steps_list");
  GtkWidget *stack = child (window, MYNA_TYPE_WINDOW, "stack");
  static const char * const pages[] = {
    "welcome", "reader", "certificates", "pins", "portal", "reset", "help",
  };

  /* The Japanese run must really be in Japanese, or it proves nothing. */
  if (g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "ja"))
    g_assert_cmpstr (_("Welcome"), ==, "はじめに");

  /* A phone-sized window: every page must fit in 360 px, with the step list open too. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-steps", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  /* The list lies over the page rather than squeezing it, and takes the focus. */
  g_assert_true (gtk_widget_get_parent (revealer) == overlay);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), steps));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int minimum = 0;

      g_assert_true (myna_window_set_page (window, pages[i]));
      g_assert_true (test_ui_wait_for (stack_settled, stack, 5000));
      /* With the signing certificate's "Hide Personal Details" beside "Show…" too. */
      if (g_str_equal (pages[i], "certificates"))
        gtk_widget_set_visible (child (gtk_stack_get_visible_child (GTK_STACK (stack)),
                                       MYNA_TYPE_CERTIFICATES_PAGE, "hide_button"), TRUE);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("page %s needs %d px; widest part: %s", pages[i], minimum,
                 G_OBJECT_TYPE_NAME (widest_descendant (GTK_WIDGET (window), 340)));
    }

  /* The Reader step while the demo card is taken out and put back (and read again, slowly
   * enough to see every state). */
  g_assert_true (myna_window_set_page (window, "reader"));
  g_assert_true (test_ui_wait_for (stack_settled, stack, 5000));
  myna_virtual_card_set_latency_ms (myna_session_get_demo_card (session), 20);
  for (guint round = 0; round < 2; round++)
    {
      myna_session_set_demo_card_present (session, round == 1);
      for (guint i = 0; i < 200 && (i < 5 || !test_ui_session_settled (session)); i++)
        {
          int minimum = 0;

          g_main_context_iteration (NULL, FALSE);
          gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          if (minimum > 360)
            g_error ("the Reader step needs %d px (card %s); widest part: %s", minimum,
                     round == 1 ? "put back" : "taken out",
                     G_OBJECT_TYPE_NAME (widest_descendant (GTK_WIDGET (window), 340)));
          g_usleep (2000);
        }
    }
  myna_virtual_card_set_latency_ms (myna_session_get_demo_card (session), 0);

  /* A PIN dialog over the PIN step, while it reads the tries (a slow card, so that the header
   * shows the spinner and Cancel beside the step's own, longer title). */
  g_assert_true (myna_window_set_page (window, "pins"));
  g_assert_true (test_ui_wait_for (stack_settled, stack, 5000));
  myna_virtual_card_set_latency_ms (myna_session_get_demo_card (session), 50);
  for (MynaPinDialogMode mode = MYNA_PIN_DIALOG_TEST; mode <= MYNA_PIN_DIALOG_CHANGE; mode++)
    {
      MynaPinDialog *dialog = myna_pin_dialog_new (GTK_WINDOW (window), session, MYNA_PIN_AUTH, mode);
      int minimum = 0;

      gtk_window_present (GTK_WINDOW (dialog));
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (myna_session_get_busy (session));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("the PIN step under a PIN dialog (mode %d) needs %d px; widest part: %s", mode, minimum,
                 G_OBJECT_TYPE_NAME (widest_descendant (GTK_WIDGET (window), 340)));
      g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("the PIN step under a PIN dialog (mode %d) needs %d px; widest part: %s", mode, minimum,
                 G_OBJECT_TYPE_NAME (widest_descendant (GTK_WIDGET (window), 340)));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  myna_virtual_card_set_latency_ms (myna_session_get_demo_card (session), 0);
  g_assert_true (myna_window_set_page (window, "reader"));
  g_assert_true (test_ui_wait_for (stack_settled, stack, 5000));

  /* While the card works, the header's spinner and Cancel must fit too. */
  myna_session_reread (session);
  g_assert_true (myna_session_get_busy (session));
  {
    GtkWidget *cancel = child (window, MYNA_TYPE_WINDOW, "cancel_button");
    int minimum = 0;

    g_assert_true (gtk_widget_get_visible (cancel));
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    if (minimum > 360)
      g_error ("the busy header needs %d px", minimum);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel"));
  }
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));

  /* Over a narrow page the list works like a menu: moving through it (selection follows
   * the arrow keys) shows nothing yet, and closing it leaves the step as it was. The list is
   * still open from above, over the Reader step (the second row). */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  {
    const char *shown = myna_window_get_page (window);

    gtk_list_box_select_row (GTK_LIST_BOX (steps), gtk_list_box_get_row_at_index (GTK_LIST_BOX (steps), 4));
    g_assert_cmpstr (myna_window_get_page (window), ==, shown);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-steps", NULL);
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    g_assert_cmpstr (myna_window_get_page (window), ==, shown);
    g_assert_cmpstr (shown, ==, "reader");
    g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (GTK_LIST_BOX (steps))), ==, 1);
  }

  /* Choosing a step from the folded list closes it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-steps", NULL);
  g_signal_emit_by_name (steps, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (steps), 2));
  g_assert_cmpstr (myna_window_get_page (window), ==, "certificates");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Back to a wide window: the list sits beside the page again, open. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  g_assert_false (gtk_widget_get_parent (revealer) == overlay);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_large_text (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkSettings *settings = gtk_settings_get_default ();
  MynaWindow *window;
  GtkWidget *stack;
  int dpi = 0;
  static const char * const pages[] = {
    "welcome", "reader", "certificates", "pins", "portal", "reset", "help",
  };

  /* Text at 200 % (GNOME's text scaling sets the Xft DPI): every page, with the step list
   * beside it, still fits the window's default width; nothing is cut off. */
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  window = myna_window_new (NULL, session);
  stack = child (window, MYNA_TYPE_WINDOW, "stack");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 680);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int minimum = 0;

      g_assert_true (myna_window_set_page (window, pages[i]));
      g_assert_true (test_ui_wait_for (stack_settled, stack, 5000));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 900)
        g_error ("page %s needs %d px with large text; widest part: %s", pages[i], minimum,
                 G_OBJECT_TYPE_NAME (widest_descendant (GTK_WIDGET (window), 380)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
}

static void
test_format_era (void)
{
  g_autoptr(GDateTime) reiwa1 = g_date_time_new_local (2019, 5, 1, 12, 0, 0);
  g_autoptr(GDateTime) heisei31 = g_date_time_new_local (2019, 4, 30, 12, 0, 0);
  g_autoptr(GDateTime) reiwa12 = g_date_time_new_local (2030, 12, 28, 12, 0, 0);
  g_autofree char *a = myna_format_era_year (reiwa1);
  g_autofree char *b = myna_format_era_year (heisei31);
  g_autofree char *c = myna_format_date_with_era (reiwa12);

  g_assert_cmpstr (a, ==, "Reiwa 1");
  g_assert_cmpstr (b, ==, "Heisei 31");
  g_assert_cmpstr (c, ==, "28 December 2030 (Reiwa 12)");
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/format/era", test_format_era);
  g_test_add_func ("/ui/window/accessible", test_window_accessible);
  g_test_add_func ("/ui/window/start-demo", test_window_start_demo);
  g_test_add_func ("/ui/window/narrow", test_window_narrow);
  g_test_add_func ("/ui/open-uri-fallback", test_open_uri_fallback);
  g_test_add_func ("/ui/window/text-after-last-control", test_window_text_after_last_control);
  g_test_add_func ("/ui/window/large-text", test_window_large_text);
  g_test_add_func ("/ui/pin-dialog/format", test_pin_dialog_format);
  g_test_add_func ("/ui/pin-dialog/wrong-last-locked", test_pin_dialog_wrong_last_locked);
  g_test_add_func ("/ui/pin-dialog/last-try-routes", test_pin_dialog_last_try_routes);
  g_test_add_func ("/ui/pin-dialog/entry-guard", test_pin_dialog_entry_guard);
  g_test_add_func ("/ui/pin-dialog/paste-after-close", test_pin_dialog_paste_after_close);
  g_test_add_func ("/ui/pin-dialog/narrow", test_pin_dialog_narrow);
  g_test_add_func ("/ui/pin-dialog/correct", test_pin_dialog_correct);
  g_test_add_func ("/ui/pin-dialog/change", test_pin_dialog_change);
  g_test_add_func ("/ui/pin-dialog/cancel", test_pin_dialog_cancel);
  g_test_add_func ("/ui/pin-dialog/card-removed", test_pin_dialog_card_removed);
  g_test_add_func ("/ui/pin-dialog/card-info-address", test_pin_dialog_card_info_address);
  g_test_add_func ("/ui/window/goto-reset", test_window_goto_reset);
  g_test_add_func ("/ui/pins-page/counters", test_pins_page);
  g_test_add_func ("/ui/pages/waiting", test_pages_waiting);
  g_test_add_func ("/ui/certificates-page/expiry", test_certificates_page);
  g_test_add_func ("/ui/certificates-page/signing", test_certificates_page_signing);
  g_test_add_func ("/ui/reader-page/follows-card", test_reader_page_follows_card);
  g_test_add_func ("/ui/reader-page/keeps-focus", test_reader_page_keeps_focus);

  return g_test_run ();
}
