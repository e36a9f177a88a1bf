/* test-ui-a11y.c — what a screen reader meets in the wizard: focus, names, roles
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The findings of an Orca walkthrough, asserted with GTK's test accessibility backend
 * (GTK_A11Y=test): where the focus lands on a step change and after the PIN dialog, the names
 * of stack pages and icon buttons, the reset choices' role. The window runs on the in-process
 * virtual card.
 */

#include "config.h"

#include <string.h>

#include "test-ui-common.h"

#include "myna-diagnostics-dialog.h"
#include "myna-format.h"
#include "myna-memo-check.h"
#include "myna-office-finder.h"
#include "myna-page.h"
#include "myna-pin-dialog.h"
#include "myna-reminder-banner.h"
#include "myna-window.h"
#include "pages/myna-certificates-page.h"
#include "pages/myna-pins-page.h"
#include "pages/myna-portal-page.h"
#include "pages/myna-reset-page.h"

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
iterate (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
collect_rows (GtkWidget  *root,
              const char *title,
              GPtrArray  *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_PREFERENCES_ROW (c) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        g_ptr_array_add (found, c);
      collect_rows (c, title, found);
    }
}

/* The @n-th row titled @title under @root (they repeat once per PIN). */
static GtkWidget *
row_titled (gpointer    root,
            const char *title,
            guint       n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (root), title, found);
  g_assert_cmpuint (found->len, >, n);
  return g_ptr_array_index (found, n);
}

static const char *
focus_title (MynaWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_PREFERENCES_ROW (w))
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));
      if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL)
        return gtk_button_get_label (GTK_BUTTON (w));
    }

  return focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(nothing)";
}

/* The first control of a page, as Tab from nowhere would find it. */
static GtkWidget *
first_control (GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *saved = gtk_root_get_focus (root);
  GtkWidget *first;

  gtk_root_set_focus (root, NULL);
  g_assert_true (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD));
  first = gtk_root_get_focus (root);
  gtk_root_set_focus (root, saved);

  return first;
}

static void
test_focus_first_control (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkStack *stack = GTK_STACK (child (window, MYNA_TYPE_WINDOW, "stack"));
  static const char * const steps[] = { "certificates", "pins", "portal", "reset", "help" };

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* At start, on the Welcome page's first control (not the step list button). */
  g_assert_cmpstr (myna_window_get_page (window), ==, "welcome");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 first_control (gtk_stack_get_visible_child (stack)));

  /* Every way of changing the step, from a focus inside the current page (the case where
   * GtkStack moves the focus first, and the second move went one control too far). */
  myna_window_set_page (window, "reader");
  iterate ();
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
        GtkWidget *page;

        g_assert_nonnull (focus);
        g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (stack)));
        /* The second round comes back to pages visited before, with the focus further down:
         * GtkStack would restore that focus. */
        if (round == 0)
          gtk_widget_child_focus (gtk_stack_get_visible_child (stack), GTK_DIR_TAB_FORWARD);

        if (g_str_equal (steps[i], "help"))
          gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
        else if (round == 0 && i % 2 == 0)
          gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
        else
          myna_window_set_page (window, steps[i]);
        iterate ();
        g_assert_cmpstr (myna_window_get_page (window), ==, steps[i]);

        page = gtk_stack_get_visible_child (stack);
        g_test_message ("%s: focus on %s", steps[i], focus_title (window));
        g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == first_control (page));
      }

  /* Back (Alt+B) from the reference, too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  iterate ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 first_control (gtk_stack_get_visible_child (stack)));

  /* The first control of Certificates is its first row, of PIN attempts the tries left. */
  myna_window_set_page (window, "certificates");
  iterate ();
  g_assert_cmpstr (focus_title (window), ==, "Expiry date");
  myna_window_set_page (window, "pins");
  iterate ();
  g_assert_cmpstr (focus_title (window), ==, "Tries left");
  myna_window_set_page (window, "reset");
  iterate ();
  g_assert_cmpstr (focus_title (window), ==, "_Find Your Office");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Back from "Which PIN where" goes to the control the user left, not the top of the step. */
static void
test_back_from_help (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkStack *stack = GTK_STACK (child (window, MYNA_TYPE_WINDOW, "stack"));
  GtkWidget *left;

  gtk_window_present (GTK_WINDOW (window));
  myna_window_set_page (window, "reset");
  iterate ();
  for (guint i = 0; i < 4; i++)
    gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  left = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (gtk_widget_is_ancestor (left, gtk_stack_get_visible_child (stack)));
  g_assert_false (left == first_control (gtk_stack_get_visible_child (stack)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  iterate ();
  g_assert_cmpstr (myna_window_get_page (window), ==, "help");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  iterate ();
  g_assert_cmpstr (myna_window_get_page (window), ==, "reset");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == left);

  /* Only once: the next visit of the step starts at its top again. */
  myna_window_set_page (window, "pins");
  iterate ();
  myna_window_set_page (window, "reset");
  iterate ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 first_control (gtk_stack_get_visible_child (stack)));

  gtk_window_destroy (GTK_WINDOW (window));
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
submit (MynaPinDialog *dialog,
        const char    *pin)
{
  GtkWidget *entry = child (dialog, MYNA_TYPE_PIN_DIALOG, "current_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), pin);
  g_assert_true (myna_pin_dialog_get_can_submit (dialog));
  g_signal_emit_by_name (child (dialog, MYNA_TYPE_PIN_DIALOG, "submit_button"), "clicked");
}

static void
test_focus_after_pin_dialog (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  MynaPinDialog *dialog;
  GtkWidget *pins;
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (window));
  myna_window_set_page (window, "pins");
  iterate ();
  pins = gtk_stack_get_visible_child (GTK_STACK (child (window, MYNA_TYPE_WINDOW, "stack")));

  /* Test the signing password (the second group), with the right one: while the card
   * works the row is greyed out and the window loses its focus. */
  row = row_titled (pins, "Test This Password", 0);
  /* An action row says it can be activated; a row that only shows a value stays a row. */
  gtk_test_accessible_assert_role (row, GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_role (row_titled (pins, "How to Reset", 0), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_role (row_titled (pins, "Tries left", 0), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_widget_grab_focus (row);
  g_signal_emit_by_name (row, "activated");
  dialog = find_pin_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  submit (dialog, "abc123");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  iterate ();
  gtk_window_destroy (GTK_WINDOW (dialog));   /* Done, Escape and Cancel all destroy it */
  iterate ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == row);

  /* Closed without doing anything (Cancel), from the change row. */
  row = row_titled (pins, "Change This PIN", 0);
  gtk_widget_grab_focus (row);
  g_signal_emit_by_name (row, "activated");
  dialog = find_pin_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == row);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_stack_pages_named (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkStack *stack = GTK_STACK (child (window, MYNA_TYPE_WINDOW, "stack"));
  GtkStackPage *page;
  GtkWidget *certificates;
  GtkWidget *inner;
  const char *summary;

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* Every step's stack page is named after the step. */
  for (GtkWidget *p = gtk_widget_get_first_child (GTK_WIDGET (stack)); p != NULL; p = gtk_widget_get_next_sibling (p))
    {
      if (!MYNA_IS_PAGE (p))
        continue;
      gtk_test_accessible_assert_property (gtk_stack_get_page (stack, p), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           myna_page_get_title (MYNA_PAGE (p)));
    }

  /* Certificates: the headline and its date line describe the step, and name the inner
   * page that the focus enters. */
  myna_window_set_page (window, "certificates");
  iterate ();
  certificates = gtk_stack_get_visible_child (stack);
  summary = myna_page_get_summary (MYNA_PAGE (certificates));
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary, "The User Authentication Certificate Is Within Its Validity Period. It is valid until "));
  page = gtk_stack_get_page (stack, certificates);
  gtk_test_accessible_assert_property (page, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  inner = child (certificates, MYNA_TYPE_CERTIFICATES_PAGE, "content_page");
  gtk_test_accessible_assert_property (gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (inner)), inner),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, summary);
  inner = child (certificates, MYNA_TYPE_CERTIFICATES_PAGE, "empty_status");
  gtk_test_accessible_assert_property (gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (inner)), inner),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "No Card Has Been Read");

  /* PIN attempts: both inner pages named. */
  myna_window_set_page (window, "pins");
  iterate ();
  inner = child (gtk_stack_get_visible_child (stack), MYNA_TYPE_PINS_PAGE, "content_page");
  gtk_test_accessible_assert_property (gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (inner)), inner),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "PINs on This Card");

  /* Portal: the verdict and the Linux note. */
  myna_window_set_page (window, "portal");
  iterate ();
  summary = myna_page_get_summary (MYNA_PAGE (gtk_stack_get_visible_child (stack)));
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary, "Everything is ready for the log-in. "));
  g_assert_nonnull (strstr (summary, "not offered for Linux"));
  gtk_test_accessible_assert_property (gtk_stack_get_page (stack, gtk_stack_get_visible_child (stack)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);

  /* Reader: the status title and description. */
  myna_window_set_page (window, "reader");
  iterate ();
  summary = myna_page_get_summary (MYNA_PAGE (gtk_stack_get_visible_child (stack)));
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary, "Your My Number Card Is Ready. "));

  /* And it follows the card: taken out, the certificates step says so. */
  myna_session_set_demo_card_present (session, FALSE);
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  iterate ();
  summary = myna_page_get_summary (MYNA_PAGE (certificates));
  g_assert_true (g_str_has_prefix (summary, "No Card Has Been Read. "));
  gtk_test_accessible_assert_property (gtk_stack_get_page (stack, certificates),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_icon_buttons (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GtkWidget *toggle = child (window, MYNA_TYPE_WINDOW, "steps_button");

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* Named once: not by its image (which GTK 4.8 would add), not again by the tooltip. */
  gtk_test_accessible_assert_property (toggle, GTK_ACCESSIBLE_PROPERTY_LABEL, "Show the list of steps");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Controls that Orca read with their name twice ("_Save… Save…", a switch's name joined with
 * its row's title, "Open the website of … Website"): one name each. */
static void
test_names_not_doubled (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWindow *dialog = GTK_WINDOW (myna_diagnostics_dialog_new_for_session (NULL, session));
  GtkWidget *row = g_object_ref_sink (myna_reminder_consent_row_new (NULL));
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());
  GtkWidget *sw, *save, *website;

  sw = find_type (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  save = child (dialog, MYNA_TYPE_DIAGNOSTICS_DIALOG, "save_button");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL));

  sw = find_type (row, GTK_TYPE_SWITCH);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (sw, GTK_ACCESSIBLE_PROPERTY_LABEL, "Remind me before the certificates expire");

  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "100-0001");
  website = gtk_widget_get_parent (find_type (finder, ADW_TYPE_BUTTON_CONTENT));
  g_assert_true (GTK_IS_BUTTON (website));
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (website), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (website, GTK_ACCESSIBLE_PROPERTY_LABEL, "Open the website of 東京都千代田区");

  g_object_unref (finder);
  g_object_unref (row);
  gtk_window_destroy (dialog);
}

static void
test_reset_choices_radio (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *window = gtk_window_new ();
  MynaResetPage *page = myna_reset_page_new (session);
  GtkWidget *signing, *auth;
  GtkCheckButton *check;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* The row is what the keyboard reaches; it is the radio button and says its state. */
  signing = row_titled (page, "Signing password", 0);
  auth = row_titled (page, "User authentication PIN", 0);
  gtk_test_accessible_assert_role (signing, GTK_ACCESSIBLE_ROLE_RADIO);
  gtk_test_accessible_assert_property (signing, GTK_ACCESSIBLE_PROPERTY_LABEL, "Signing password");
  /* Orca would take a labelled-by target as the group's name and say the name twice. */
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (signing), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_state (signing, GTK_ACCESSIBLE_STATE_CHECKED, TRUE);
  gtk_test_accessible_assert_state (auth, GTK_ACCESSIBLE_STATE_CHECKED, FALSE);

  /* Activating the row (Space, Enter, a click) chooses it, and the states follow. */
  g_assert_true (gtk_widget_activate (auth));
  check = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (auth)));
  g_assert_true (gtk_check_button_get_active (check));
  gtk_test_accessible_assert_state (auth, GTK_ACCESSIBLE_STATE_CHECKED, TRUE);
  gtk_test_accessible_assert_state (signing, GTK_ACCESSIBLE_STATE_CHECKED, FALSE);

  /* The check button inside is not a second control with the same name. */
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (check)));
  gtk_test_accessible_assert_role (check, GTK_ACCESSIBLE_ROLE_PRESENTATION);

  /* Chosen from elsewhere (a locked PIN leads here), the states follow too. */
  myna_reset_page_show_guide (page, "card-info", "locked");
  gtk_test_accessible_assert_state (row_titled (page, "Card information PIN", 0), GTK_ACCESSIBLE_STATE_CHECKED, TRUE);
  gtk_test_accessible_assert_state (auth, GTK_ACCESSIBLE_STATE_CHECKED, FALSE);
  gtk_test_accessible_assert_state (row_titled (page, "Locked", 0), GTK_ACCESSIBLE_STATE_CHECKED, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_memo_check_name (void)
{
  GtkWidget *memo = g_object_ref_sink (myna_memo_check_new (MYNA_PIN_AUTH));
  GtkWidget *check = child (memo, MYNA_TYPE_MEMO_CHECK, "check");

  /* Said as shown, without the mnemonic's underscore. */
  gtk_test_accessible_assert_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remember this PIN in the login keyring once the card accepts it");
  g_object_unref (memo);

  memo = g_object_ref_sink (myna_memo_check_new (MYNA_PIN_SIGN));
  check = child (memo, MYNA_TYPE_MEMO_CHECK, "check");
  gtk_test_accessible_assert_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remember this password in the login keyring once the card accepts it");
  g_object_unref (memo);
}

static GtkWidget *
find_row_named (GtkWidget  *root,
                const char *prefix)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (c) &&
          g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), prefix))
        return c;
      if ((found = find_row_named (c, prefix)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_office_finder_spoken (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *finder = GTK_WIDGET (g_object_new (MYNA_TYPE_OFFICE_FINDER, NULL));
  GtkLabel *status = GTK_LABEL (child (finder, MYNA_TYPE_OFFICE_FINDER, "status_label"));
  GtkWidget *row;
  int start, end;

  gtk_window_set_child (GTK_WINDOW (window), finder);
  gtk_window_present (GTK_WINDOW (window));
  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "1600022");
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));

  /* The status is reachable with Tab but its text is not selected on the way. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (status)));
  iterate ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (status)));
  g_assert_false (gtk_label_get_selection_bounds (status, &start, &end));

  /* The municipality is shown and said without its code (meaningless to the user, and read
   * as one large number). */
  row = find_row_named (finder, "東京都新宿区");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "東京都新宿区");

  /* The distance is spoken with the unit written out. */
  row = find_row_named (finder, "新宿区役所");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " km "));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  {
    GtkWidget *spoken = g_object_get_data (G_OBJECT (row), "myna-spoken-subtitle");

    g_assert_nonnull (spoken);
    gtk_test_accessible_assert_relation (row, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, spoken, NULL);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (spoken)), " kilometres from"));
    g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (spoken)), " km "));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_format_tries_plural (void)
{
  g_autofree char *one_of_three = myna_format_tries (1, 3, FALSE);
  g_autofree char *one_of_one = myna_format_tries (1, 1, FALSE);
  g_autofree char *two_of_five = myna_format_tries (2, 5, FALSE);

  g_assert_cmpstr (one_of_three, ==, "1 of 3 tries left");
  g_assert_cmpstr (one_of_one, ==, "1 of 1 try left");
  g_assert_cmpstr (two_of_five, ==, "2 of 5 tries left");
}

static void
test_reset_tab_order (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  gtk_window_present (GTK_WINDOW (window));
  myna_window_set_page (window, "reset");
  iterate ();

  /* Tab walks on through the page: from the first choice of PIN to the choices of situation
   * and beyond, never staying where it was. */
  for (int i = 0; i < 6; i++)
    {
      const char *title = focus_title (window);

      if (g_getenv ("MYNA_TEST_VERBOSE"))
        g_printerr ("focus %d: %s %s\n", i, title, G_OBJECT_TYPE_NAME (gtk_window_get_focus (GTK_WINDOW (window))));
      if (i > 0)
        g_assert_cmpstr (title, !=, g_ptr_array_index (seen, seen->len - 1));
      g_ptr_array_add (seen, g_strdup (title));
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      iterate ();
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/a11y/focus-first-control", test_focus_first_control);
  g_test_add_func ("/ui/a11y/back-from-help", test_back_from_help);
  g_test_add_func ("/ui/a11y/focus-after-pin-dialog", test_focus_after_pin_dialog);
  g_test_add_func ("/ui/a11y/stack-pages-named", test_stack_pages_named);
  g_test_add_func ("/ui/a11y/icon-buttons", test_icon_buttons);
  g_test_add_func ("/ui/a11y/names-not-doubled", test_names_not_doubled);
  g_test_add_func ("/ui/a11y/reset-choices-radio", test_reset_choices_radio);
  g_test_add_func ("/ui/a11y/reset-tab-order", test_reset_tab_order);
  g_test_add_func ("/ui/a11y/memo-check-name", test_memo_check_name);
  g_test_add_func ("/ui/a11y/office-finder-spoken", test_office_finder_spoken);
  g_test_add_func ("/ui/a11y/format-tries-plural", test_format_tries_plural);

  return g_test_run ();
}
