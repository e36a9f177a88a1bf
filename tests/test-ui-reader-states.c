/* test-ui-reader-states.c — the Reader & card step in every state the user can meet
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user gets on the page (status title and description, the fix offered, accessible
 * names and roles, where the focus goes) for each MynaSessionState. States that come from the
 * card are produced for real, on the in-process virtual card through the card worker (not a
 * My Number Card, a Basic Resident Registration Card, ready, no card). States that come from
 * pcscd (no service, no reader, several readers, mute card, busy reader) are fed to a detached
 * session through myna_session_feed_readers(), the same path the reader monitor's reports
 * take; tests/test-ui-reader-pcscd.c produces them for real on pcscd + vpcd.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <PCSC/winscard.h>

#include "test-ui-common.h"

#include "core/myna-error.h"
#include "core/myna-reader-monitor.h"
#include "pages/myna-reader-page.h"
#include "myna-window.h"

#define APP_ID_FOR_TEST "io.github.mynassist.Mynassist"

static GtkWidget *
child (GtkWidget  *page,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (page, MYNA_TYPE_READER_PAGE, name));
}

static const char *
title_of (GtkWidget *page)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (child (page, "status_page")));
}

static const char *
description_of (GtkWidget *page)
{
  return adw_status_page_get_description (ADW_STATUS_PAGE (child (page, "status_page")));
}

/* Feeds the session readers given as (name, state) pairs, NULL-terminated. */
static void
feed (MynaSession *session,
      ...)
{
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
  const char *name;
  va_list args;

  va_start (args, session);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      MynaReaderInfo info = { 0 };

      info.name = (char *) name;
      info.state = va_arg (args, MynaReaderState);
      g_ptr_array_add (readers, myna_reader_info_copy (&info));
    }
  va_end (args);

  myna_session_feed_readers (session, readers, NULL);
}

static void
feed_no_service (MynaSession *session)
{
  g_autoptr(GError) error = NULL;

  /* The error the reader monitor reports when SCardEstablishContext fails. */
  myna_error_from_scard (SCARD_E_NO_SERVICE, &error);
  g_assert_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE);
  myna_session_feed_readers (session, NULL, error);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_is_visible (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, type, found);
}

static GPtrArray *
reader_checks (GtkWidget *page)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (child (page, "readers_group"), GTK_TYPE_CHECK_BUTTON, found);
  return found;
}

/* A command wraps where it must, but without a hyphen that a user would copy by hand. */
static void
assert_no_hyphens_added (GtkWidget *label)
{
  PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (label));
  PangoAttrIterator *iter;
  PangoAttrInt *hyphens;

  g_assert_nonnull (attrs);
  iter = pango_attr_list_get_iterator (attrs);
  hyphens = (PangoAttrInt *) pango_attr_iterator_get (iter, PANGO_ATTR_INSERT_HYPHENS);
  g_assert_nonnull (hyphens);
  g_assert_false (hyphens->value);
  pango_attr_iterator_destroy (iter);
}

/* Words and an icon for every state: the state is never told only by colour or only by the
 * icon. The action button, when there is one, is a real button with a mnemonic. */
static void
assert_page (GtkWidget  *page,
             const char *title,
             const char *description_part,
             const char *action_label,
             const char *command)
{
  GtkWidget *action = child (page, "action_button");
  GtkWidget *command_box = child (page, "command_box");
  const char *icon = adw_status_page_get_icon_name (ADW_STATUS_PAGE (child (page, "status_page")));

  g_assert_cmpstr (title_of (page), ==, title);
  g_assert_nonnull (description_of (page));
  g_assert_cmpuint (strlen (description_of (page)), >=, 10);
  if (description_part != NULL && strstr (description_of (page), description_part) == NULL)
    g_error ("description “%s” lacks “%s”", description_of (page), description_part);
  g_assert_nonnull (icon);
  g_assert_cmpstr (icon, !=, "");

  if (action_label != NULL)
    {
      g_assert_true (gtk_widget_get_visible (action));
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (action)), ==, action_label);
      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (action)));
      g_assert_nonnull (strchr (action_label, '_'));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (action), GTK_ACCESSIBLE_ROLE_BUTTON);
    }
  else
    g_assert_false (gtk_widget_get_visible (action));

  g_assert_cmpint (gtk_widget_get_visible (command_box), ==, command != NULL);
  if (command != NULL)
    {
      GtkWidget *copy = child (page, "copy_button");

      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "command_label"))), ==, command);
      assert_no_hyphens_added (child (page, "command_label"));
      /* The button says what it copies: a screen-reader user need not find the label. */
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_ROLE_BUTTON);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, command);
      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (copy)));
    }
}

static GtkWidget *
new_page (MynaSession *session)
{
  return g_object_ref_sink (GTK_WIDGET (myna_reader_page_new (session)));
}

static void
test_starting (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);

  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_STARTING);
  assert_page (page, "Looking for Card Readers", NULL, NULL, NULL);
  g_assert_false (gtk_widget_get_visible (child (page, "readers_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "demo_group")));

  g_assert_finalize_object (page);
}

static void
test_no_service_host (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);

  g_setenv ("MYNASSIST_SANDBOX", "none", TRUE);
  feed_no_service (session);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NO_SERVICE);
  assert_page (page, "The Card Reader Service Is Not Running", "(pcscd)",
               "Try With a _Demo Card", "sudo systemctl enable --now pcscd.socket");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "hint_label"))), "updates by itself"));
  /* The session keeps the fix for the diagnostics report. */
  g_assert_error (myna_session_get_error (session), MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_SERVICE);

  /* Copy: the command is on the clipboard, and the focused button says so. */
  {
    GtkWidget *copy = child (page, "copy_button");
    GdkContentProvider *content;
    GValue value = G_VALUE_INIT;

    g_signal_emit_by_name (copy, "clicked");
    content = gdk_clipboard_get_content (gtk_widget_get_clipboard (page));
    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, "sudo systemctl enable --now pcscd.socket");
    g_value_unset (&value);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "C_opied");
  }

  /* The service starts: the page follows without the user doing anything. */
  feed (session, "Virtual PCD 00 00", MYNA_READER_EMPTY, NULL);
  assert_page (page, "Place Your Card on the Reader", "Virtual PCD 00 00", NULL, NULL);
  g_assert_null (myna_session_get_error (session));

  /* Gone again: the command is offered afresh, not marked as copied. */
  feed_no_service (session);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (page, "copy_button"))), ==, "C_opy Command");

  g_assert_finalize_object (page);
}

static char *
write_flatpak_info (const char *sockets)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  g_autofree char *contents = g_strdup_printf ("[Application]\nname=%s\n\n[Context]\nshared=network;ipc;\nsockets=%s\n",
                                               APP_ID_FOR_TEST, sockets);
  int fd = g_file_open_tmp ("flatpak-info-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* In a Flatpak sandbox without the pcsc socket, pcscd may well be running: the fix is the
 * permission, and the app must be restarted to get it. */
static void
test_no_service_flatpak_without_socket (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);
  g_autofree char *info = write_flatpak_info ("wayland;fallback-x11;");
  const char *hint;

  g_setenv ("MYNASSIST_SANDBOX", "flatpak", TRUE);
  g_setenv ("MYNASSIST_FLATPAK_INFO", info, TRUE);
  feed_no_service (session);

  assert_page (page, "The Card Reader Service Cannot Be Used", "Flatpak",
               "Try With a _Demo Card", "flatpak override --user --socket=pcsc " APP_ID_FOR_TEST);
  /* Not "is not running": that is not what is wrong here. */
  g_assert_null (strstr (description_of (page), "not running"));
  hint = gtk_label_get_label (GTK_LABEL (child (page, "hint_label")));
  g_assert_nonnull (strstr (hint, "restart"));

  g_unsetenv ("MYNASSIST_FLATPAK_INFO");
  g_setenv ("MYNASSIST_SANDBOX", "none", TRUE);
  g_unlink (info);
  g_assert_finalize_object (page);
}

/* In a Flatpak sandbox with the pcsc socket, the host's pcscd is what does not answer. */
static void
test_no_service_flatpak_with_socket (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);
  g_autofree char *info = write_flatpak_info ("wayland;pcsc;");
  const char *hint;

  g_setenv ("MYNASSIST_SANDBOX", "flatpak", TRUE);
  g_setenv ("MYNASSIST_FLATPAK_INFO", info, TRUE);
  feed_no_service (session);

  assert_page (page, "The Card Reader Service Is Not Running", "computer",
               "Try With a _Demo Card", "sudo systemctl enable --now pcscd.socket");
  hint = gtk_label_get_label (GTK_LABEL (child (page, "hint_label")));
  /* Granting a permission it already has would not help. */
  g_assert_null (strstr (hint, "override"));
  g_assert_nonnull (strstr (hint, "restart"));

  g_unsetenv ("MYNASSIST_FLATPAK_INFO");
  g_setenv ("MYNASSIST_SANDBOX", "none", TRUE);
  g_unlink (info);
  g_assert_finalize_object (page);
}

static void
test_no_reader (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);

  feed (session, NULL);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NO_READER);
  assert_page (page, "No Card Reader Found", "USB", "Try With a _Demo Card", NULL);
  /* The CCID driver hint, with the package to install. */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "hint_label"))), "libccid"));
  g_assert_false (gtk_widget_get_visible (child (page, "readers_group")));

  /* A reader is plugged in. */
  feed (session, "ACS ACR1251 00 00", MYNA_READER_EMPTY, NULL);
  assert_page (page, "Place Your Card on the Reader", "ACS ACR1251 00 00", NULL, NULL);

  g_assert_finalize_object (page);
}

static void
test_card_mute (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);

  feed (session, "Virtual PCD 00 00", MYNA_READER_CARD_MUTE, NULL);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_CARD_MUTE);
  assert_page (page, "The Card Does Not Answer", "chip", NULL, NULL);
  g_assert_nonnull (strstr (description_of (page), "updates by itself"));

  g_assert_finalize_object (page);
}

static void
test_reader_busy (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);

  feed (session, "Virtual PCD 00 00", MYNA_READER_IN_USE, NULL);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READER_BUSY);
  assert_page (page, "Another Program Is Using the Card", "Close other programs",
               "_Read the Card Again", NULL);

  g_assert_finalize_object (page);
}

static gboolean
focus_within (GtkWidget *window,
              GtkWidget *page)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, page) && gtk_widget_is_visible (focus);
}

/* Several readers: a choice of radio buttons named after the readers, each saying what is in
 * it; the choice is followed, and the keyboard focus stays on the chosen reader even though
 * the page rebuilds the list on every reader event. */
static void
test_several_readers (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = GTK_WIDGET (myna_reader_page_new (session));
  g_autoptr(GPtrArray) checks = NULL;
  GtkWidget *second;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  feed (session, "Reader A 00 00", MYNA_READER_EMPTY, "Reader B 00 00", MYNA_READER_CARD_MUTE, NULL);
  /* The session follows the reader that holds a card. */
  g_assert_cmpstr (myna_session_get_reader (session), ==, "Reader B 00 00");
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_CARD_MUTE);
  g_assert_true (gtk_widget_get_visible (child (page, "readers_group")));

  checks = reader_checks (page);
  g_assert_cmpuint (checks->len, ==, 2);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);
      const char *name = i == 0 ? "Reader A 00 00" : "Reader B 00 00";

      /* One of several: a radio button, not a check box. */
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_ROLE_RADIO);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           i == 0 ? "No card" : "A card is present but does not answer");
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_CHECKED,
                                        i == 0 ? GTK_ACCESSIBLE_TRISTATE_FALSE : GTK_ACCESSIBLE_TRISTATE_TRUE);
      g_assert_true (gtk_widget_get_focusable (check));
      /* One Tab stop per reader: the row around it is not another. */
      g_assert_false (gtk_widget_get_focusable (gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW)));
    }

  /* Tab goes from one reader's radio button to the next. */
  gtk_widget_grab_focus (g_ptr_array_index (checks, 0));
  gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == g_ptr_array_index (checks, 1));

  /* The user picks reader A with the keyboard. */
  gtk_widget_grab_focus (g_ptr_array_index (checks, 0));
  gtk_widget_activate (g_ptr_array_index (checks, 0));
  g_assert_cmpstr (myna_session_get_reader (session), ==, "Reader A 00 00");
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NO_CARD);
  assert_page (page, "Place Your Card on the Reader", "Reader A 00 00", NULL, NULL);
  g_ptr_array_unref (checks);
  checks = reader_checks (page);
  g_assert_cmpuint (checks->len, ==, 2);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (g_ptr_array_index (checks, 0)),
                                    GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_TRUE);
  g_assert_true (focus_within (window, page));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == g_ptr_array_index (checks, 0));

  /* A card event on the other reader: the choice stays, and so does the focus. */
  feed (session, "Reader A 00 00", MYNA_READER_EMPTY, "Reader B 00 00", MYNA_READER_EMPTY, NULL);
  g_assert_cmpstr (myna_session_get_reader (session), ==, "Reader A 00 00");
  g_ptr_array_unref (checks);
  checks = reader_checks (page);
  second = g_ptr_array_index (checks, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (second), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No card");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == g_ptr_array_index (checks, 0));

  /* One reader is unplugged: no choice left to make, and the focus is not lost. */
  feed (session, "Reader B 00 00", MYNA_READER_EMPTY, NULL);
  g_assert_false (gtk_widget_get_visible (child (page, "readers_group")));
  assert_page (page, "Place Your Card on the Reader", "Reader B 00 00", NULL, NULL);
  g_assert_true (focus_within (window, page));
  /* Nothing to do but wait for the card: the status itself has the focus, and a screen
   * reader reads the state from it. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == child (page, "status_page"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (page, "status_page")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Place Your Card on the Reader");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (page, "status_page")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description_of (page));

  /* A card comes: the focus goes to what there is to do, which says the new state. */
  feed (session, "Reader B 00 00", MYNA_READER_IN_USE, NULL);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == child (page, "action_button"));
  g_assert_false (gtk_widget_get_focusable (child (page, "status_page")));
  {
    g_autofree char *spoken = g_strdup_printf ("%s. %s", title_of (page), description_of (page));

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (page, "action_button")),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_reader_page (GtkWidget *widget)
{
  if (MYNA_IS_READER_PAGE (widget))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_reader_page (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
focus_settled (gpointer data)
{
  return gtk_root_get_focus (GTK_ROOT (data)) != NULL;
}

/* Arriving on the step while it waits for the card: the focus lands on the status, so a
 * screen reader reads what to do, not on Next. */
static void
test_window_arrival_focus (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  MynaWindow *window;
  GtkWidget *page;

  feed (session, "Virtual PCD 00 00", MYNA_READER_EMPTY, NULL);
  window = myna_window_new (NULL, session);
  gtk_window_present (GTK_WINDOW (window));
  myna_window_set_page (window, "reader");
  page = find_reader_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  g_assert_true (test_ui_wait_for (focus_settled, window, 5000));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == child (page, "status_page"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (page, "status_page")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Place Your Card on the Reader");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A profile for the in-process virtual card, written next to nothing else. */
static char *
write_profile (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("reader-states-XXXXXX.ini", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A bank card: the worker's SELECT of the JPKI application gets 6A 82. */
static void
test_not_mynumber (void)
{
  g_autofree char *profile = write_profile ("[card]\natr=3B8F8001804F0CA000000306030001000000006A\n"
                                            "[behaviour]\nforeign-card=true\n");
  g_autoptr(MynaSession) session = test_ui_new_session (profile);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = GTK_WIDGET (myna_reader_page_new (session));
  GtkWidget *action = child (page, "action_button");

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NOT_MYNUMBER);
  assert_page (page, "This Is Not a My Number Card", "My Number Card", "_Read the Card Again", NULL);

  /* Read again: the page shows the reading, then the same answer; the focus stays put. */
  gtk_widget_grab_focus (action);
  g_signal_emit_by_name (action, "clicked");
  g_assert_true (myna_session_get_busy (session));
  assert_page (page, "Reading the Card", NULL, NULL, NULL);
  g_assert_true (focus_within (window, page));
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
  assert_page (page, "This Is Not a My Number Card", NULL, "_Read the Card Again", NULL);
  g_assert_true (focus_within (window, page));

  /* Out of the reader: back to waiting for a card. */
  myna_session_set_demo_card_present (session, FALSE);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NO_CARD);
  g_assert_null (myna_session_get_error (session));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (profile);
}

/* The card before the My Number Card: its JPKI token says so, and the page names it. */
static void
test_juki_card (void)
{
  g_autofree char *profile = write_profile ("[card]\ntoken-label=JPKIAPICCTOKEN\n");
  g_autoptr(MynaSession) session = test_ui_new_session (profile);
  GtkWidget *page = new_page (session);

  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NOT_MYNUMBER);
  assert_page (page, "This Is Not a My Number Card", "Basic Resident Registration Card",
               "_Read the Card Again", NULL);

  g_assert_finalize_object (page);
  g_unlink (profile);
}

static void
test_ready_and_no_card (void)
{
  g_autoptr(MynaSession) session = test_ui_new_session (NULL);
  GtkWidget *page = new_page (session);

  assert_page (page, "Your My Number Card Is Ready", "without using any PIN try",
               "_Show the Certificates", NULL);
  g_assert_true (gtk_widget_get_visible (child (page, "demo_group")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (page, "demo_button"))), ==, "_Remove the Demo Card");

  myna_session_set_demo_card_present (session, FALSE);
  assert_page (page, "Place Your Card on the Reader", "Demo card reader", NULL, NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (page, "demo_button"))), ==, "_Insert the Demo Card");
  /* The demo offers no demo button of its own in the status. */
  g_assert_false (gtk_widget_get_visible (child (page, "action_button")));

  g_assert_finalize_object (page);
}

/* The user cancels a slow read: no advice to re-insert a card that is fine, and reading
 * again works. */
static void
test_read_cancelled (void)
{
  g_autofree char *profile = g_build_filename (TEST_PKI_DIR, "card.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaSession) session = myna_session_new_demo (profile, 100, &error);
  GtkWidget *page;

  g_assert_no_error (error);
  page = new_page (session);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READING);
  assert_page (page, "Reading the Card", "does not use any try", NULL, NULL);

  myna_session_cancel_job (session);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READ_FAILED);
  assert_page (page, "Reading the Card Was Cancelled", "not read", "_Read the Card Again", NULL);
  g_assert_null (strstr (description_of (page), "Take the card out"));

  g_signal_emit_by_name (child (page, "action_button"), "clicked");
  g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 20000));
  assert_page (page, "Your My Number Card Is Ready", NULL, "_Show the Certificates", NULL);

  g_assert_finalize_object (page);
}

/* Every state a pcscd report can put the page in, one after another on one page: each one
 * replaces the previous text completely (no hint or command left over from before). */
static void
test_transitions_leave_nothing_behind (void)
{
  g_autoptr(MynaSession) session = myna_session_new_detached ();
  GtkWidget *page = new_page (session);

  feed_no_service (session);
  g_assert_true (gtk_widget_get_visible (child (page, "command_box")));
  feed (session, "R 00 00", MYNA_READER_IN_USE, NULL);
  g_assert_false (gtk_widget_get_visible (child (page, "command_box")));
  g_assert_false (gtk_widget_get_visible (child (page, "hint_label")));
  feed (session, NULL);
  g_assert_true (gtk_widget_get_visible (child (page, "hint_label")));
  feed (session, "R 00 00", MYNA_READER_CARD_MUTE, NULL);
  g_assert_false (gtk_widget_get_visible (child (page, "command_box")));
  g_assert_false (gtk_widget_get_visible (child (page, "action_button")));
  feed (session, "R 00 00", MYNA_READER_EMPTY, NULL);
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_NO_CARD);
  g_assert_false (gtk_widget_get_visible (child (page, "action_button")));

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/reader-states/starting", test_starting);
  g_test_add_func ("/ui/reader-states/no-service/host", test_no_service_host);
  g_test_add_func ("/ui/reader-states/no-service/flatpak-without-socket", test_no_service_flatpak_without_socket);
  g_test_add_func ("/ui/reader-states/no-service/flatpak-with-socket", test_no_service_flatpak_with_socket);
  g_test_add_func ("/ui/reader-states/no-reader", test_no_reader);
  g_test_add_func ("/ui/reader-states/card-mute", test_card_mute);
  g_test_add_func ("/ui/reader-states/reader-busy", test_reader_busy);
  g_test_add_func ("/ui/reader-states/several-readers", test_several_readers);
  g_test_add_func ("/ui/reader-states/not-mynumber", test_not_mynumber);
  g_test_add_func ("/ui/reader-states/juki-card", test_juki_card);
  g_test_add_func ("/ui/reader-states/ready-and-no-card", test_ready_and_no_card);
  g_test_add_func ("/ui/reader-states/read-cancelled", test_read_cancelled);
  g_test_add_func ("/ui/reader-states/transitions", test_transitions_leave_nothing_behind);
  g_test_add_func ("/ui/reader-states/window-arrival-focus", test_window_arrival_focus);

  return g_test_run ();
}
