/* test-ui-widgets.c — every UI class can be built from its template and freed again
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building each widget is also the template validator (gtk4-builder-tool cannot check Adw
 * types on 4.8): a wrong property or child in a .ui file fails here, with fatal warnings on.
 */

#include "config.h"

#include "test-ui-common.h"

#include "myna-application.h"
#include "myna-pin-dialog.h"
#include "myna-window.h"
#include "pages/myna-certificates-page.h"
#include "pages/myna-help-page.h"
#include "pages/myna-pins-page.h"
#include "pages/myna-portal-page.h"
#include "pages/myna-reader-page.h"
#include "pages/myna-reset-page.h"
#include "pages/myna-welcome-page.h"

typedef gpointer (*PageNew) (MynaSession *session);

static void
test_session_new_destroy (void)
{
  MynaSession *session = test_ui_new_session (NULL);

  g_assert_true (myna_session_get_demo (session));
  g_assert_cmpint (myna_session_get_state (session), ==, MYNA_SESSION_READY);
  g_assert_nonnull (myna_session_get_status (session));
  g_assert_finalize_object (session);
}

static void
test_application_new_destroy (void)
{
  MynaApplication *app = myna_application_new ();

  g_assert_true (MYNA_IS_APPLICATION (app));
  g_assert_finalize_object (app);
}

static void
test_page_new_destroy (gconstpointer data)
{
  PageNew page_new = (PageNew) data;
  MynaSession *session = test_ui_new_session (NULL);
  GtkWidget *page = g_object_ref_sink (page_new (session));

  g_assert_true (MYNA_IS_PAGE (page));
  g_assert_nonnull (myna_page_get_title (MYNA_PAGE (page)));
  g_assert_true (myna_page_get_session (MYNA_PAGE (page)) == session);

  g_assert_finalize_object (page);
  g_assert_finalize_object (session);
}

static void
test_window_new_destroy (void)
{
  MynaSession *session = test_ui_new_session (NULL);
  MynaWindow *window = g_object_ref (myna_window_new (NULL, session));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (myna_window_get_page (window), ==, "welcome");
  g_assert_true (myna_window_set_page (window, "pins"));
  g_assert_cmpstr (myna_window_get_page (window), ==, "pins");
  g_assert_false (myna_window_set_page (window, "nonsense"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (session);
}

static void
test_pin_dialog_new_destroy (void)
{
  MynaSession *session = test_ui_new_session (NULL);
  MynaPinDialog *dialog;

  for (MynaPinDialogMode mode = MYNA_PIN_DIALOG_TEST; mode <= MYNA_PIN_DIALOG_READ_SIGN_CERT; mode++)
    {
      dialog = g_object_ref (myna_pin_dialog_new (NULL, session, MYNA_PIN_SIGN, mode));
      /* Let the tries query finish; it keeps the dialog alive while it runs. */
      g_assert_true (test_ui_wait_for (test_ui_session_settled, session, 10000));
      g_assert_cmpint (myna_pin_dialog_get_kind (dialog), ==, MYNA_PIN_SIGN);
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_finalize_object (dialog);
    }

  g_assert_finalize_object (session);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/session/new-destroy", test_session_new_destroy);
  g_test_add_func ("/ui/application/new-destroy", test_application_new_destroy);
  g_test_add_func ("/ui/window/new-destroy", test_window_new_destroy);
  g_test_add_func ("/ui/pin-dialog/new-destroy", test_pin_dialog_new_destroy);
  g_test_add_data_func ("/ui/welcome-page/new-destroy", myna_welcome_page_new, test_page_new_destroy);
  g_test_add_data_func ("/ui/reader-page/new-destroy", myna_reader_page_new, test_page_new_destroy);
  g_test_add_data_func ("/ui/certificates-page/new-destroy", myna_certificates_page_new, test_page_new_destroy);
  g_test_add_data_func ("/ui/pins-page/new-destroy", myna_pins_page_new, test_page_new_destroy);
  g_test_add_data_func ("/ui/portal-page/new-destroy", myna_portal_page_new, test_page_new_destroy);
  g_test_add_data_func ("/ui/reset-page/new-destroy", myna_reset_page_new, test_page_new_destroy);
  g_test_add_data_func ("/ui/help-page/new-destroy", myna_help_page_new, test_page_new_destroy);

  return g_test_run ();
}
