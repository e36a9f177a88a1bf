/* test-ui-reset-portal.c — the Reset step's choices and checklist, the Portal step's locked PIN
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a new-user walkthrough found (issue 3): situations offered for PINs they do not concern,
 * a printed checklist naming a PIN nobody picked, and a portal button disabled although a
 * smartphone certificate still logs in. Run on the in-process virtual card under Xvfb with
 * GTK's test accessibility backend; the pages are driven the way a user drives them, by
 * activating their rows.
 */

#include "config.h"

#include <string.h>

#include "test-ui-common.h"

#include "myna-office-finder.h"
#include "myna-window.h"
#include "pages/myna-portal-page.h"
#include "pages/myna-reset-page.h"

static void
collect (GtkWidget  *root,
         GType       type,
         const char *title,
         GPtrArray  *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) &&
          (title == NULL ||
           g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0))
        g_ptr_array_add (found, c);
      collect (c, type, title, found);
    }
}

/* The one action row titled @title (a choice or a row of the guide), or NULL. */
static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), ADW_TYPE_ACTION_ROW, title, found);
  g_assert_cmpuint (found->len, <=, 1);

  return found->len ? g_ptr_array_index (found, 0) : NULL;
}

/* As Space or Enter on a focused row, or a click on it, do: through the list box. */
static void
choose (gpointer    page,
        const char *title)
{
  GtkWidget *row = find_row (page, title);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  g_signal_emit_by_name (row, "activate");
}

static gboolean
shown (gpointer    page,
       const char *title)
{
  GtkWidget *row = find_row (page, title);

  return row != NULL && gtk_widget_get_visible (row);
}

/* A reset page in a window of its own: the list boxes need a root to activate their rows. */
static GtkWidget *
new_reset_page (MynaSession *session)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = GTK_WIDGET (myna_reset_page_new (session));

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  return page;
}

static void
destroy_page (GtkWidget *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (page)));
}

static const char *
situation_description (gpointer page)
{
  GObject *group = gtk_widget_get_template_child (GTK_WIDGET (page), MYNA_TYPE_RESET_PAGE, "situation_group");

  const char *text = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

  /* libadwaita keeps an unset description as an empty string. */
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
assert_only_office_situations (gpointer page)
{
  g_assert_false (shown (page, "Moved house or changed name"));
  g_assert_false (shown (page, "Certificate expired"));
  g_assert_true (shown (page, "Forgotten"));
  g_assert_true (shown (page, "Locked"));
  g_assert_nonnull (situation_description (page));
  /* No certificate renewal or insurance grace for a 4-digit PIN of the card's other apps. */
  g_assert_null (find_row (page, "Renewal, not reset"));
  g_assert_null (find_row (page, "Health insurance"));
  g_assert_null (find_row (page, "The signing certificate ends"));
  g_assert_nonnull (find_row (page, "Only at the office"));
  if (find_row (page, "Before guessing") != NULL)
    g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (page, "Before guessing"))),
                           "kiosk"));
}

static void
test_reset_situations_follow_pin (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = new_reset_page (session);

  /* The signing password: all four situations. */
  g_assert_true (shown (page, "Moved house or changed name"));
  g_assert_true (shown (page, "Certificate expired"));
  g_assert_null (situation_description (page));

  choose (page, "Certificate expired");
  g_assert_nonnull (find_row (page, "Renewal, not reset"));

  /* The card information PIN: the selected situation went away, so Forgotten stands in. */
  choose (page, "Card information PIN");
  assert_only_office_situations (page);
  g_assert_nonnull (find_row (page, "Before guessing"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (find_row (page, "Forgotten")),
                                    GTK_ACCESSIBLE_STATE_CHECKED, TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (find_row (page, "Certificate expired")),
                                    GTK_ACCESSIBLE_STATE_CHECKED, FALSE);

  choose (page, "Locked");
  choose (page, "Resident registry PIN");
  /* A move concerns the resident registry PIN (the office may ask for it); an expired
   * certificate does not. */
  g_assert_true (shown (page, "Moved house or changed name"));
  g_assert_false (shown (page, "Certificate expired"));
  g_assert_nonnull (situation_description (page));
  /* Locked applies to every PIN and stays chosen. */
  g_assert_nonnull (find_row (page, "Waiting does not help"));
  choose (page, "Moved house or changed name");
  g_assert_nonnull (find_row (page, "Have this PIN ready"));
  choose (page, "Locked");

  /* Back to a certificate PIN: the choices are back, the situation kept. */
  choose (page, "User authentication PIN");
  g_assert_true (shown (page, "Moved house or changed name"));
  g_assert_true (shown (page, "Certificate expired"));
  g_assert_null (situation_description (page));
  g_assert_nonnull (find_row (page, "Waiting does not help"));
  choose (page, "Moved house or changed name");
  g_assert_nonnull (find_row (page, "Nothing to do for this PIN"));

  /* Asked for from elsewhere with a situation that does not apply: Forgotten instead. */
  myna_reset_page_show_guide (MYNA_RESET_PAGE (page), "card-info", "expired");
  assert_only_office_situations (page);
  g_assert_nonnull (find_row (page, "Before guessing"));
  myna_reset_page_show_guide (MYNA_RESET_PAGE (page), "sign", "moved");
  g_assert_nonnull (find_row (page, "The signing certificate ends"));

  destroy_page (page);
}

static MynaOfficeFinder *
find_finder (gpointer page)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (page), MYNA_TYPE_OFFICE_FINDER, NULL, found);
  return found->len ? g_ptr_array_index (found, 0) : NULL;
}

/* The checklist the finder would print for the first office of a postal code. */
static char *
checklist (gpointer page)
{
  MynaOfficeFinder *finder = find_finder (page);
  GPtrArray *results;

  g_assert_nonnull (finder);
  myna_office_finder_search (finder, "100-0001");
  results = myna_office_finder_get_results (finder);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, >, 0);

  return myna_office_finder_checklist_markup (finder, g_ptr_array_index (results, 0));
}

static void
test_reset_checklist_pin (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = new_reset_page (session);
  char *text;

  if (find_finder (page) == NULL)
    {
      g_test_skip ("built without the office finder");
      destroy_page (page);
      return;
    }

  /* A fresh visit pre-selects the first PIN, but the user has not picked it. */
  text = checklist (page);
  g_assert_nonnull (strstr (text, "(write which PIN)"));
  g_assert_null (strstr (text, "Signing password"));
  g_free (text);

  /* A situation is not a PIN. */
  choose (page, "Locked");
  text = checklist (page);
  g_assert_nonnull (strstr (text, "(write which PIN)"));
  g_free (text);

  /* Picking the PIN that was already selected is a choice too. */
  choose (page, "Signing password");
  text = checklist (page);
  g_assert_nonnull (strstr (text, "☐ Signing password\n"));
  g_assert_null (strstr (text, "(write which PIN)"));
  g_free (text);

  choose (page, "Card information PIN");
  text = checklist (page);
  g_assert_nonnull (strstr (text, "☐ Card information PIN\n"));
  g_free (text);
  destroy_page (page);

  /* Another fresh page, the PIN picked for the user (a locked PIN led here), even the one
   * that was already selected. */
  page = new_reset_page (session);
  myna_reset_page_show_guide (MYNA_RESET_PAGE (page), "sign", "locked");
  text = checklist (page);
  g_assert_nonnull (strstr (text, "☐ Signing password\n"));
  g_free (text);
  destroy_page (page);
}

static void
test_reset_checklist_goto_reset (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  MynaWindow *window = myna_window_new (NULL, session);
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (window), MYNA_TYPE_WINDOW, "stack");
  GtkWidget *page;
  char *text;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.goto-reset", "(ss)", "auth", "locked");
  g_assert_cmpstr (myna_window_get_page (window), ==, "reset");
  page = gtk_stack_get_visible_child (GTK_STACK (stack));
  if (find_finder (page) != NULL)
    {
      text = checklist (page);
      g_assert_nonnull (strstr (text, "☐ User authentication PIN\n"));
      g_free (text);
    }
  else
    g_test_skip ("built without the office finder");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_portal_locked_pin (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = g_object_ref_sink (GTK_WIDGET (myna_portal_page_new (session)));
  GObject *open = gtk_widget_get_template_child (page, MYNA_TYPE_PORTAL_PAGE, "open_button");
  GObject *verdict = gtk_widget_get_template_child (page, MYNA_TYPE_PORTAL_PAGE, "verdict_label");
  GObject *button = gtk_widget_get_template_child (page, MYNA_TYPE_PORTAL_PAGE, "verdict_button");
  GObject *pin_row = gtk_widget_get_template_child (page, MYNA_TYPE_PORTAL_PAGE, "pin_row");
  MynaPinTries locked = { .known = TRUE, .remaining = 0, .max = 3, .blocked = TRUE };
  const char *text;

  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READY);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (open)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  myna_session_set_tries (session, MYNA_PIN_AUTH, &locked);

  /* The card route is blocked until the reset, and the page leads there... */
  text = gtk_label_get_label (GTK_LABEL (verdict));
  g_assert_nonnull (strstr (text, "cannot log in with the card until the PIN is reset"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_How to Reset It");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pin_row)), "Locked"));
  /* ...but a smartphone certificate, with its own passwords, still logs in: the portal stays
   * one click away, and a screen reader hears it in the step's name. */
  g_assert_nonnull (strstr (text, "smartphone certificate"));
  g_assert_nonnull (strstr (text, "its own passwords"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (open)));
  g_assert_nonnull (strstr (myna_page_get_summary (MYNA_PAGE (page)), "smartphone certificate"));

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/reset-page/situations-follow-pin", test_reset_situations_follow_pin);
  g_test_add_func ("/ui/reset-page/checklist-pin", test_reset_checklist_pin);
  g_test_add_func ("/ui/reset-page/checklist-goto-reset", test_reset_checklist_goto_reset);
  g_test_add_func ("/ui/portal-page/locked-pin", test_portal_locked_pin);

  return g_test_run ();
}
