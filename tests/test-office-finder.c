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
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/office-finder/new-destroy", test_new_destroy);
  g_test_add_func ("/office-finder/search-ambiguous", test_search_ambiguous);
  g_test_add_func ("/office-finder/search-error", test_search_error);
  g_test_add_func ("/office-finder/checklist-pdf", test_checklist_pdf);
  g_test_add_func ("/office-finder/map-uri", test_map_uri);

  return g_test_run ();
}
