/* test-office-finder.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MynaOfficeFinder: built and freed, results grouped by municipality with a named
 * control for every action, errors exposed to assistive technology.
 */

#define G_LOG_DOMAIN "test-office-finder"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/myna-office-directory.h"
#include "myna-office-finder.h"

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

static void
test_new_destroy (void)
{
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());

  g_assert_true (MYNA_IS_OFFICE_FINDER (finder));
  g_assert_null (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  g_assert_finalize_object (finder);
}

/* Every button in the widget has an accessible name (icon buttons included). */
static guint
assert_buttons_named (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      if (label == NULL)
        gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_widget_get_tooltip_text (widget));
      n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += assert_buttons_named (c);
  return n;
}

static void
test_search_ambiguous (void)
{
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());
  GtkWidget *window = gtk_window_new ();
  GPtrArray *results;
  guint n_buttons;

  gtk_window_set_child (GTK_WINDOW (window), finder);
  /* 府中市: 132063 東京都 and 342084 広島県 (municipalities.csv). */
  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "府中市");
  results = myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder));
  g_assert_nonnull (results);
  g_assert_cmpuint (myna_office_list_n_municipalities (results), ==, 2);
  g_assert_cmpstr (((MynaOffice *) g_ptr_array_index (results, 0))->municipality_code, ==, "132063");

  /* Search button + per municipality a website button + per office copy and map. */
  n_buttons = assert_buttons_named (finder);
  g_assert_cmpuint (n_buttons, >=, 1 + 2 + 2 * results->len);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (finder);
}

static void
test_search_error (void)
{
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());
  GtkWidget *entry = find_child (finder, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *label;

  g_assert_nonnull (entry);
  /* The entry is labelled by its visible label (mnemonic). */
  label = find_child (finder, GTK_TYPE_LABEL);
  gtk_test_accessible_assert_relation (entry, GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);

  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "100-000");
  g_assert_null (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);

  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "〒１００－０００１");
  g_assert_nonnull (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_cmpstr (((MynaOffice *) g_ptr_array_index (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)), 0))->municipality_code,
                   ==, "131016");

  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "存在しない市");
  g_assert_null (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);

  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "   ");
  g_assert_null (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_finalize_object (finder);
}

static void
test_search_card_address (void)
{
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *entry = find_child (finder, GTK_TYPE_SEARCH_ENTRY);
  GtkLabel *status = GTK_LABEL (gtk_widget_get_template_child (finder, MYNA_TYPE_OFFICE_FINDER, "status_label"));
  GtkWidget *hint = GTK_WIDGET (gtk_widget_get_template_child (finder, MYNA_TYPE_OFFICE_FINDER, "hint_label"));

  gtk_window_set_child (GTK_WINDOW (window), finder);
  gtk_window_present (GTK_WINDOW (window));

  /* The user typed nothing: the entry shows what was searched and the status says from where. */
  myna_office_finder_search_card_address (MYNA_OFFICE_FINDER (finder), "東京都千代田区千代田1番1号");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "東京都千代田区千代田1番1号");
  g_assert_nonnull (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "recorded on the card"));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "千代田区"));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), entry));
  /* …and a screen reader hears the outcome with the entry it lands on. */
  gtk_test_accessible_assert_relation (entry, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, status, hint, NULL);

  myna_office_finder_search_card_address (MYNA_OFFICE_FINDER (finder), "存在しない県どこか市");
  g_assert_null (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "recorded on the card was not found"));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (finder);
}

static GtkWidget *
find_icon_button (GtkWidget  *root,
                  const char *icon)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_icon_button (c, icon);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

/* "Copy the address" says that it copied, on the button, in words too; then looks as before. */
static void
test_copy_address (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *finder = myna_office_finder_new ();
  GtkWidget *copy;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  gtk_window_set_child (GTK_WINDOW (window), finder);
  gtk_window_present (GTK_WINDOW (window));
  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "100-0001");
  copy = find_icon_button (finder, "edit-copy-symbolic");
  g_assert_nonnull (copy);
  name = g_strdup (gtk_widget_get_tooltip_text (copy));

  g_signal_emit_by_name (copy, "clicked");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (copy)), ==, "object-select-symbolic");
  gtk_test_accessible_assert_property (copy, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  gtk_test_accessible_assert_property (copy, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "The address was copied.");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy), NULL, clipboard_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (text, "千代田区"));

  /* Back to the copy icon after a few seconds. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (copy)), "edit-copy-symbolic") != 0)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
  }
  gtk_test_accessible_assert_property (copy, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_checklist_pdf (void)
{
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("office-finder-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const MynaOffice *office;

  g_assert_no_error (error);
  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "100-0001");
  office = g_ptr_array_index (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)), 0);

  markup = myna_office_finder_checklist_markup (MYNA_OFFICE_FINDER (finder), office);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markup, "千代田区役所"));
  g_assert_nonnull (strstr (markup, office->address));
  g_assert_nonnull (strstr (markup, office->url));
  g_clear_pointer (&markup, g_free);

  myna_office_finder_set_pin_name (MYNA_OFFICE_FINDER (finder), "Signing password <6–16>");
  markup = myna_office_finder_checklist_markup (MYNA_OFFICE_FINDER (finder), office);
  g_assert_nonnull (strstr (markup, "Signing password &lt;6–16&gt;"));

  pdf = g_build_filename (dir, "checklist.pdf", NULL);
  g_assert_true (myna_office_finder_export_checklist (MYNA_OFFICE_FINDER (finder), office, pdf, &error));
  g_assert_no_error (error);
  g_file_get_contents (pdf, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_unlink (pdf);
  g_rmdir (dir);
  g_assert_finalize_object (finder);
}

/* ---- a fake location portal on a private bus ---------------------------------- */

static const char portal_xml[] =
  "<node>"
  " <interface name='org.freedesktop.portal.Location'>"
  "  <method name='CreateSession'><arg type='a{sv}' direction='in'/><arg type='o' direction='out'/></method>"
  "  <method name='Start'><arg type='o' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='o' direction='out'/></method>"
  "  <property name='version' type='u' access='read'/>"
  " </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *bus;
  gboolean         refuse;
  char            *request_path;
  guint            n_starts;
} FakePortal;

static FakePortal portal;

static gboolean
emit_answer (gpointer data)
{
  g_autoptr(GError) error = NULL;
  GVariantBuilder location;

  g_dbus_connection_emit_signal (portal.bus, NULL, portal.request_path, "org.freedesktop.portal.Request",
                                 "Response", g_variant_new ("(u@a{sv})", portal.refuse ? 1 : 0,
                                                            g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                 &error);
  g_assert_no_error (error);
  if (!portal.refuse)
    {
      /* At 千代田区役所 (municipalities.csv 35.694003,139.753634). */
      g_variant_builder_init (&location, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&location, "{sv}", "Latitude", g_variant_new_double (35.694003));
      g_variant_builder_add (&location, "{sv}", "Longitude", g_variant_new_double (139.753634));
      g_variant_builder_add (&location, "{sv}", "Accuracy", g_variant_new_double (50));
      g_dbus_connection_emit_signal (portal.bus, NULL, "/org/freedesktop/portal/desktop",
                                     "org.freedesktop.portal.Location", "LocationUpdated",
                                     g_variant_new ("(oa{sv})", "/org/freedesktop/portal/desktop/session/fake/1", &location),
                                     &error);
      g_assert_no_error (error);
    }
  return G_SOURCE_REMOVE;
}

static void
portal_method_cb (GDBusConnection       *bus,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  if (g_str_equal (method, "CreateSession"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(o)", "/org/freedesktop/portal/desktop/session/fake/1"));
    }
  else if (g_str_equal (method, "Start"))
    {
      g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 2);
      g_autofree char *unique = g_strdup (sender + 1);
      const char *token = NULL;

      g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
      g_strdelimit (unique, ".", '_');
      g_free (portal.request_path);
      portal.request_path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", unique, token);
      portal.n_starts++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", portal.request_path));
      g_idle_add (emit_answer, NULL);
    }
  else
    g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.DBus.Error.UnknownMethod", method);
}

static GVariant *
portal_property_cb (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *property,
                    GError         **error,
                    gpointer         user_data)
{
  return g_variant_new_uint32 (1);
}

static void
start_fake_portal (void)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, portal_property_cb, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  portal.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (portal.bus, "/org/freedesktop/portal/desktop", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal.bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
wait_for (gboolean (*done) (GtkWidget *widget),
          GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (widget))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
is_visible (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
is_sensitive (GtkWidget *widget)
{
  return gtk_widget_get_sensitive (widget);
}

static gboolean
has_results (GtkWidget *finder)
{
  return myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)) != NULL;
}

static void
test_location (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *finder = g_object_ref_sink (myna_office_finder_new ());
  GtkWidget *button;
  GtkWidget *entry = find_child (finder, GTK_TYPE_SEARCH_ENTRY);
  GPtrArray *results;

  gtk_window_set_child (GTK_WINDOW (window), finder);
  button = find_button (finder, "Use My _Location");
  g_assert_nonnull (button);
  /* Shown once the portal answered that it has the Location interface. */
  g_assert_true (wait_for (is_visible, button));

  portal.refuse = FALSE;
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wait_for (has_results, finder));
  results = myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder));
  g_assert_cmpstr (((MynaOffice *) g_ptr_array_index (results, 0))->municipality_code, ==, "131016");
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  /* The user refuses: a clear message, no results, the button usable again. */
  portal.refuse = TRUE;
  myna_office_finder_search (MYNA_OFFICE_FINDER (finder), "");
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (wait_for (is_sensitive, button));
  g_assert_null (myna_office_finder_get_results (MYNA_OFFICE_FINDER (finder)));
  gtk_test_accessible_assert_state (entry, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpuint (portal.n_starts, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (finder);
}

static void
test_map_uri (void)
{
  g_autofree char *uri = myna_office_finder_map_uri (35.694003, 139.753634);

  g_assert_cmpstr (uri, ==, "https://www.openstreetmap.org/?mlat=35.694003&mlon=139.753634#map=17/35.694003/139.753634");
}

int
main (int    argc,
      char **argv)
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int ret;

  /* A private session bus before anything connects, with a fake location portal. */
  g_unsetenv ("MYNASSIST_NO_LOCATION");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* g_test_dbus_up() unsets DISPLAY (against X11 autolaunch); GTK needs it back. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  start_fake_portal ();

  g_test_add_func ("/office-finder/new-destroy", test_new_destroy);
  g_test_add_func ("/office-finder/search-ambiguous", test_search_ambiguous);
  g_test_add_func ("/office-finder/search-error", test_search_error);
  g_test_add_func ("/office-finder/search-card-address", test_search_card_address);
  g_test_add_func ("/office-finder/checklist-pdf", test_checklist_pdf);
  g_test_add_func ("/office-finder/copy-address", test_copy_address);
  g_test_add_func ("/office-finder/map-uri", test_map_uri);
  g_test_add_func ("/office-finder/location", test_location);

  ret = g_test_run ();
  g_clear_object (&portal.bus);
  g_free (portal.request_path);
  /* GTK and libadwaita keep the session bus open, so stop the daemon without waiting
   * for the connection to be freed (g_test_dbus_down() and unreffing would wait). */
  g_test_dbus_stop (bus);
  return ret;
}
