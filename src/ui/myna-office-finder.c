/* myna-office-finder.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search field and results for the office directory, embedded in the Reset step. The
 * answer is always grouped by municipality, because only the municipality of the
 * user's resident registration can reset a PIN: when a postal code or a name fits
 * several, every one is shown with a heading asking the user to pick theirs, and
 * branch offices say that they may not handle My Number Card procedures.
 */

#define G_LOG_DOMAIN "myna-office-finder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "core/myna-office-directory.h"
#include "myna-office-finder.h"
#include "myna-page.h"

struct _MynaOfficeFinder
{
  AdwBin               parent_instance;

  GtkLabel            *search_label;
  GtkSearchEntry      *search_entry;
  GtkButton           *search_button;
  GtkButton           *location_button;
  GtkLabel            *hint_label;
  GtkLabel            *status_label;
  guint                status_source;
  GtkListBox          *results_list;

  MynaOfficeDirectory *directory;
  GPtrArray           *results;
  char                *pin_name;

  /* Location portal (org.freedesktop.portal.Location); all NULL/0 when unused. */
  GCancellable        *cancellable;
  GDBusConnection     *bus;
  char                *location_session;
  guint                location_signal;
  guint                response_signal;
};

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_LOCATION "org.freedesktop.portal.Location"
/* Accuracy "neighborhood": enough to find nearby offices, no more. */
#define PORTAL_ACCURACY_NEIGHBORHOOD 3

G_DEFINE_FINAL_TYPE (MynaOfficeFinder, myna_office_finder, ADW_TYPE_BIN)

/**
 * myna_office_finder_map_uri:
 * @lat: latitude in degrees
 * @lon: longitude in degrees
 *
 * Returns: (transfer full): an OpenStreetMap URL with a marker at the point
 */
char *
myna_office_finder_map_uri (double lat,
                            double lon)
{
  char la[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (la, sizeof la, "%.6f", lat);
  g_ascii_formatd (lo, sizeof lo, "%.6f", lon);
  return g_strdup_printf ("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=17/%s/%s", la, lo, la, lo);
}

static char *
full_address (const MynaOffice *office)
{
  if (office->address == NULL)
    return NULL;
  if (office->postal_code != NULL)
    return g_strdup_printf ("〒%.3s-%s %s", office->postal_code, office->postal_code + 3, office->address);
  return g_strdup (office->address);
}

/* The status stays selectable (so it can be copied) and reachable with Tab, but GTK selects
 * all of a selectable label's text when it takes the focus, and Orca then said "selected"
 * over the message: undo that one selection (GTK 4.8 does it after the focus handlers and
 * without a notification), not one the user makes later. */
static gboolean
status_unselect_cb (gpointer data)
{
  MynaOfficeFinder *self = data;
  int start, end;

  self->status_source = 0;
  if (gtk_label_get_selection_bounds (self->status_label, &start, &end) && start == 0 &&
      end == g_utf8_strlen (gtk_label_get_text (self->status_label), -1))
    gtk_label_select_region (self->status_label, 0, 0);

  return G_SOURCE_REMOVE;
}

static void
status_focus_cb (MynaOfficeFinder *self)
{
  if (self->status_source == 0)
    self->status_source = g_idle_add_full (G_PRIORITY_HIGH, status_unselect_cb, self, NULL);
}

static void
show_status (MynaOfficeFinder *self,
             const char       *text,
             gboolean          is_error)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");

  /* The entry carries the error for screen readers (GTK 4.8 has no live region). */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->search_entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               is_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  /* The outcome is read with the entry when the focus comes back to it (a search from the
   * card's address, or Shift+Tab from the results). */
  if (text != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->search_entry),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    self->status_label, self->hint_label, NULL,
                                    -1);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->search_entry),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->hint_label, NULL,
                                    -1);
  if (is_error)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->search_entry),
                                    GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->status_label,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->search_entry),
                                   GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
}

static void
clear_results (MynaOfficeFinder *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
  g_clear_pointer (&self->results, g_ptr_array_unref);
}

static void
website_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  const MynaOffice *office = g_object_get_data (G_OBJECT (button), "office");

  if (office->url != NULL)
    myna_open_uri (GTK_WIDGET (button), office->url);
}

static void
map_clicked_cb (GtkButton *button,
                gpointer   user_data)
{
  const MynaOffice *office = g_object_get_data (G_OBJECT (button), "office");
  g_autofree char *uri = myna_office_finder_map_uri (office->lat, office->lon);

  myna_open_uri (GTK_WIDGET (button), uri);
}

static gboolean
copied_done_cb (gpointer data)
{
  GtkButton *button = data;

  const char *label = g_object_get_data (G_OBJECT (button), "myna-tooltip");

  gtk_button_set_icon_name (button, "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), label);
  myna_accessible_name_icon_button (GTK_WIDGET (button), label);
  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const MynaOffice *office = g_object_get_data (G_OBJECT (button), "office");
  g_autofree char *address = full_address (office);

  if (address == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), address);
  /* Say it happened, where the user is: a tick on the button for a moment, and the same in
   * words for a screen reader (GTK 4.8 cannot announce). */
  gtk_button_set_icon_name (button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("The address was copied."));
  myna_accessible_set_label (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "myna-tooltip"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("The address was copied."),
                                  -1);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 3, copied_done_cb, g_object_ref (button), g_object_unref);
}

/* ---- checklist ---------------------------------------------------------------- */

/**
 * myna_office_finder_set_pin_name:
 * @self: a finder
 * @pin_name: (nullable): the PIN to reset, as the user sees it ("Signing password"),
 *   or %NULL to leave a blank line on the checklist
 *
 * Sets the PIN named on printed checklists; the Reset step calls it when the user
 * picks a PIN.
 */
void
myna_office_finder_set_pin_name (MynaOfficeFinder *self,
                                 const char       *pin_name)
{
  g_return_if_fail (MYNA_IS_OFFICE_FINDER (self));

  g_free (self->pin_name);
  self->pin_name = g_strdup (pin_name);
}

static void
append_item (GString    *out,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "☐ %s\n", escaped);
}

static void
append_heading (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "\n<b>%s</b>\n", escaped);
}

/**
 * myna_office_finder_checklist_markup:
 * @self: a finder
 * @office: the office the user will go to
 *
 * Returns: (transfer full): the checklist as Pango markup: the office, the PIN to
 *   reset, what to bring (spec/domain.md §2.1) and a reminder to check opening hours
 */
char *
myna_office_finder_checklist_markup (MynaOfficeFinder *self,
                                     const MynaOffice *office)
{
  GString *out = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (_("Checklist: resetting a PIN at the municipal office"), -1);
  g_autofree char *office_line = NULL;
  g_autofree char *address = full_address (office);

  g_return_val_if_fail (MYNA_IS_OFFICE_FINDER (self), NULL);
  g_return_val_if_fail (office != NULL, NULL);

  g_string_append_printf (out, "<big><b>%s</b></big>\n", title);

  append_heading (out, _("Office"));
  office_line = g_markup_printf_escaped ("%s (%s)\n", office->office, office->municipality);
  g_string_append (out, office_line);
  if (address != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (address, -1);
      g_string_append_printf (out, "%s\n", escaped);
    }
  else if (office->approx_locality != NULL)
    {
      g_autofree char *near = g_strdup_printf (_("Near %s (exact address unknown)"), office->approx_locality);
      g_autofree char *escaped = g_markup_escape_text (near, -1);
      g_string_append_printf (out, "%s\n", escaped);
    }
  if (office->url != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Website: %s"), office->url);
      g_autofree char *escaped = g_markup_escape_text (line, -1);
      g_string_append_printf (out, "%s\n", escaped);
    }
  if (office->is_branch)
    {
      g_autofree char *escaped = g_markup_escape_text (
          _("This is a branch office. Some branches do not handle My Number Card procedures: check the website or call before you go."), -1);
      g_string_append_printf (out, "%s\n", escaped);
    }

  append_heading (out, _("PIN to reset"));
  if (self->pin_name != NULL)
    append_item (out, self->pin_name);
  else
    append_item (out, _("______________________ (write which PIN)"));

  append_heading (out, _("What to bring"));
  append_item (out, _("Your My Number Card."));
  append_item (out, _("One more identity document, such as a driver's licence, passport or pension book. Required documents differ by municipality."));
  append_item (out, _("If a family member or another proxy goes for you: the office mails an inquiry-and-answer form to your registered address, so the proxy has to visit twice. Ask the office what the proxy must bring."));

  append_heading (out, _("Before you go"));
  append_item (out, _("Check the opening hours and the documents on the municipality's website. Most offices are open on weekdays only."));
  append_item (out, _("Only the municipality where you are registered as a resident can reset the PIN."));
  append_item (out, _("At the counter you type the new PIN yourself. Decide it beforehand and do not write it on this sheet."));

  return g_string_free (out, FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  const char *markup = g_object_get_data (G_OBJECT (operation), "checklist");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 11");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

static GtkPrintOperation *
checklist_operation (MynaOfficeFinder *self,
                     const MynaOffice *office)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autofree char *name = g_strdup_printf (_("Checklist for %s"), office->office);

  g_object_set_data_full (G_OBJECT (operation), "checklist",
                          myna_office_finder_checklist_markup (self, office), g_free);
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), NULL);
  return operation;
}

/**
 * myna_office_finder_export_checklist:
 * @self: a finder
 * @office: the office
 * @pdf_path: where to write the PDF
 * @error: return location for an error
 *
 * Writes the checklist of myna_office_finder_checklist_markup() as a PDF, without a
 * dialog.
 *
 * Returns: %TRUE on success
 */
gboolean
myna_office_finder_export_checklist (MynaOfficeFinder *self,
                                     const MynaOffice *office,
                                     const char       *pdf_path,
                                     GError          **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (MYNA_IS_OFFICE_FINDER (self), FALSE);
  g_return_val_if_fail (office != NULL && pdf_path != NULL, FALSE);

  operation = checklist_operation (self, office);
  gtk_print_operation_set_export_filename (operation, pdf_path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  MynaOfficeFinder *self = user_data;
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_status (self, error != NULL ? error->message : _("The checklist could not be printed."), TRUE);
    }
  g_object_unref (self);
  g_object_unref (operation);
}

static void
print_clicked_cb (GtkButton *button,
                  gpointer   user_data)
{
  MynaOfficeFinder *self = MYNA_OFFICE_FINDER (gtk_widget_get_ancestor (GTK_WIDGET (button), MYNA_TYPE_OFFICE_FINDER));
  const MynaOffice *office = g_object_get_data (G_OBJECT (button), "office");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkPrintOperation *operation;

  if (self == NULL)
    return;
  /* The operation owns its own copy of the text, so a new search while the dialog
   * is open cannot pull the office from under it. */
  operation = checklist_operation (self, office);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), g_object_ref (self));
  /* "done" comes in every case, synchronous or not, and releases both references. */
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
}

/* An icon button whose accessible name says what it does to which office. */
static GtkWidget *
office_button (const MynaOffice *office,
               const char       *icon_name,
               const char       *label,
               GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  myna_accessible_name_icon_button (button, label);
  g_object_set_data_full (G_OBJECT (button), "myna-tooltip", g_strdup (label), g_free);
  g_object_set_data (G_OBJECT (button), "office", (gpointer) office);
  g_signal_connect (button, "clicked", callback, NULL);
  return button;
}

static GtkWidget *
municipality_row (const MynaOffice *office,
                  gboolean          several)
{
  GtkWidget *row = adw_action_row_new ();

  /* The name with its prefecture is unique; the municipality code means nothing to the
   * user (and a screen reader read it as one large number). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), office->municipality);
  if (several)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Choose this one only if you are registered as a resident here."));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "heading");

  if (office->url != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Open the website of %s"), office->municipality);
      GtkWidget *button = office_button (office, "web-browser-symbolic", label, G_CALLBACK (website_clicked_cb));
      GtkWidget *content = adw_button_content_new ();

      /* Said in words: the icon alone looked like the Mynaportal step's, and a tooltip does
       * not show for the keyboard. */
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "web-browser-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Website"));
      gtk_button_set_child (GTK_BUTTON (button), content);
      /* The name says whose website; the word on the button is not added to it. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkWidget *
office_row (const MynaOffice *office)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) spoken = NULL;
  g_autofree char *address = full_address (office);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), office->office);

  if (office->is_branch)
    {
      g_string_append_printf (subtitle,
                              /* Translators: %s is the kind of branch, such as 支所 or 出張所 */
                              _("Branch office (%s). It may not handle My Number Card procedures: check the website first."),
                              office->branch_kind != NULL ? office->branch_kind : "");
      g_string_append_c (subtitle, '\n');
    }
  else
    {
      g_string_append (subtitle, _("Main office"));
      g_string_append_c (subtitle, '\n');
    }

  if (address != NULL)
    g_string_append (subtitle, address);
  else if (office->approx_locality != NULL)
    /* Translators: %s is a place name; the office's exact address is not in the data */
    g_string_append_printf (subtitle, _("Near %s (exact address unknown)"), office->approx_locality);
  else
    g_string_append (subtitle, _("Address unknown"));

  if (!isnan (office->distance_km))
    {
      /* Screen readers read "km" letter by letter (or, in Japanese, not at all). */
      spoken = g_string_new (subtitle->str);
      g_string_append_c (subtitle, '\n');
      /* Translators: distance from the town of the postal code or address searched for */
      g_string_append_printf (subtitle, _("About %.1f km from the town you searched for"), office->distance_km);
      g_string_append_c (spoken, '\n');
      /* Translators: the same distance as "About %.1f km from the town you searched for",
       * as a screen reader should say it: the unit written out */
      g_string_append_printf (spoken, _("About %.1f kilometres from the town you searched for"), office->distance_km);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  if (spoken != NULL)
    myna_accessible_set_row_description (row, spoken->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (address != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Copy the address of %s"), office->office);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 office_button (office, "edit-copy-symbolic", label, G_CALLBACK (copy_clicked_cb)));
    }
  {
    g_autofree char *label = g_strdup_printf (_("Save or print a checklist for %s"), office->office);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               office_button (office, "printer-symbolic", label, G_CALLBACK (print_clicked_cb)));
  }
  if (!isnan (office->lat) && !isnan (office->lon))
    {
      g_autofree char *label = g_strdup_printf (_("Show %s on a map"), office->office);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 office_button (office, "mark-location-symbolic", label, G_CALLBACK (map_clicked_cb)));
    }
  return row;
}

/* ---- location (desktop portal) ------------------------------------------------ */

static void
location_stop (MynaOfficeFinder *self)
{
  if (self->location_signal != 0 && self->bus != NULL)
    g_dbus_connection_signal_unsubscribe (self->bus, self->location_signal);
  if (self->response_signal != 0 && self->bus != NULL)
    g_dbus_connection_signal_unsubscribe (self->bus, self->response_signal);
  self->location_signal = 0;
  self->response_signal = 0;
  if (self->location_session != NULL && self->bus != NULL)
    g_dbus_connection_call (self->bus, PORTAL_BUS_NAME, self->location_session,
                            "org.freedesktop.portal.Session", "Close", NULL, NULL,
                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  g_clear_pointer (&self->location_session, g_free);
  if (self->location_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->location_button), TRUE);
}

static void
show_near (MynaOfficeFinder *self,
           double            lat,
           double            lon)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  const char *last = NULL;

  clear_results (self);
  offices = myna_office_directory_lookup_near (self->directory, lat, lon, 0, &error);
  if (offices == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }

  show_status (self, _("Offices near your location. A PIN can be reset only by the municipality where you are registered as a resident; if you live elsewhere, search for your registered address instead."), FALSE);
  self->results = g_steal_pointer (&offices);
  for (guint i = 0; i < self->results->len; i++)
    {
      const MynaOffice *office = g_ptr_array_index (self->results, i);

      if (last == NULL || !g_str_equal (last, office->municipality_code))
        gtk_list_box_append (self->results_list, municipality_row (office, TRUE));
      last = office->municipality_code;
      gtk_list_box_append (self->results_list, office_row (office));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), TRUE);
}

static void
location_updated_cb (GDBusConnection *bus,
                     const char      *sender,
                     const char      *path,
                     const char      *interface,
                     const char      *signal,
                     GVariant        *parameters,
                     gpointer         user_data)
{
  g_autoptr(MynaOfficeFinder) self = g_weak_ref_get (user_data);
  g_autoptr(GVariant) location = NULL;
  const char *session;
  double lat, lon;

  if (self == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(oa{sv})")))
    return;
  g_variant_get (parameters, "(&o@a{sv})", &session, &location);
  if (g_strcmp0 (session, self->location_session) != 0)
    return;

  /* One fix is all we need; stop the session so the desktop stops tracking. */
  if (g_variant_lookup (location, "Latitude", "d", &lat) && g_variant_lookup (location, "Longitude", "d", &lon))
    {
      location_stop (self);
      show_near (self, lat, lon);
    }
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* The portal answers Start through a Request object: 0 = granted; 1 = the user
 * refused; 2 = failed. Nothing else tells us the user said no. */
static void
start_response_cb (GDBusConnection *bus,
                   const char      *sender,
                   const char      *path,
                   const char      *interface,
                   const char      *signal,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  g_autoptr(MynaOfficeFinder) self = g_weak_ref_get (user_data);
  guint32 response;

  if (self == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, NULL);
  if (response != 0)
    {
      show_status (self, _("Your location is not available: access was refused or the location service failed. Search by postal code or address instead."), TRUE);
      location_stop (self);
    }
}

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
location_started_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MynaOfficeFinder *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  /* Cancelled means the widget is gone: do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      show_status (self, _("The desktop's location service is not available. Search by postal code or address instead."), TRUE);
      location_stop (self);
    }
}

static void
location_session_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MynaOfficeFinder *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  GVariantBuilder options;
  g_autofree char *token = g_strdup_printf ("mynassist%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *request_path = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      show_status (self, _("The desktop's location service is not available. Search by postal code or address instead."), TRUE);
      location_stop (self);
      return;
    }

  g_variant_get (reply, "(o)", &self->location_session);
  self->location_signal = g_dbus_connection_signal_subscribe (self->bus, PORTAL_BUS_NAME, PORTAL_LOCATION,
                                                              "LocationUpdated", PORTAL_PATH, NULL,
                                                              G_DBUS_SIGNAL_FLAGS_NONE,
                                                              location_updated_cb, weak_ref_new (self),
                                                              weak_ref_free);

  /* Subscribe to the request's answer before asking, at the path the portal will
   * use (its documented form), so a quick refusal is not missed. */
  sender = g_strdup (g_dbus_connection_get_unique_name (self->bus) + 1);
  g_strdelimit (sender, ".", '_');
  request_path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  self->response_signal = g_dbus_connection_signal_subscribe (self->bus, PORTAL_BUS_NAME,
                                                              "org.freedesktop.portal.Request", "Response",
                                                              request_path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                              start_response_cb, weak_ref_new (self),
                                                              weak_ref_free);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_dbus_connection_call (self->bus, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_LOCATION, "Start",
                          g_variant_new ("(osa{sv})", self->location_session, "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, location_started_cb, self);
}

static void
location_clicked_cb (MynaOfficeFinder *self)
{
  GVariantBuilder options;
  g_autofree char *token = g_strdup_printf ("mynassist%u", g_random_int ());

  if (self->bus == NULL || self->location_session != NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->location_button), FALSE);
  show_status (self, _("Asking the desktop for your location…"), FALSE);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "session_handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "accuracy", g_variant_new_uint32 (PORTAL_ACCURACY_NEIGHBORHOOD));
  g_dbus_connection_call (self->bus, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_LOCATION, "CreateSession",
                          g_variant_new ("(a{sv})", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, location_session_cb, self);
}

/* The button is shown only when a portal with the Location interface answers. */
static void
location_version_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MynaOfficeFinder *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      g_debug ("No location portal: %s", error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->location_button), self->directory != NULL);
}

static gboolean
session_bus_exists (void)
{
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL || g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MynaOfficeFinder *self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&bus);
      return;
    }
  if (bus == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      return;
    }
  self->bus = bus;
  g_dbus_connection_call (self->bus, PORTAL_BUS_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", PORTAL_LOCATION, "version"), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, self->cancellable, location_version_cb, self);
}

/**
 * myna_office_finder_search:
 * @self: a finder
 * @text: a postal code or an address, as the user would type it
 *
 * Looks @text up and shows the result or what was wrong with it.
 */
void
myna_office_finder_search (MynaOfficeFinder *self,
                           const char       *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *last = NULL;
  guint n;

  g_return_if_fail (MYNA_IS_OFFICE_FINDER (self));

  clear_results (self);
  if (self->directory == NULL)
    return;
  if (trimmed[0] == '\0')
    {
      /* An empty search is not an error: the user has just not typed yet. */
      show_status (self, NULL, FALSE);
      return;
    }

  self->results = myna_office_directory_lookup_text (self->directory, text, &error);
  if (self->results == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }

  n = myna_office_list_n_municipalities (self->results);
  if (n > 1)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u municipality matches. Go to the office of the one where you are registered as a resident.",
                                           "%u municipalities match. Go to the office of the one where you are registered as a resident.",
                                           n),
                              n);
  else
    status = g_strdup_printf (_("Offices of %s"), ((MynaOffice *) g_ptr_array_index (self->results, 0))->municipality);
  show_status (self, status, FALSE);

  for (guint i = 0; i < self->results->len; i++)
    {
      const MynaOffice *office = g_ptr_array_index (self->results, i);

      if (last == NULL || !g_str_equal (last, office->municipality_code))
        gtk_list_box_append (self->results_list, municipality_row (office, n > 1));
      last = office->municipality_code;
      gtk_list_box_append (self->results_list, office_row (office));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), TRUE);
}

/**
 * myna_office_finder_search_card_address:
 * @self: a finder
 * @address: the address recorded on the card
 *
 * Like myna_office_finder_search(), but shows the address in the entry and says that it came
 * from the card, since the user typed nothing; then puts the focus on the entry.
 */
void
myna_office_finder_search_card_address (MynaOfficeFinder *self,
                                        const char       *address)
{
  g_autofree char *status = NULL;
  gboolean found;

  g_return_if_fail (MYNA_IS_OFFICE_FINDER (self));
  g_return_if_fail (address != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), address);
  myna_office_finder_search (self, address);
  found = self->results != NULL;
  status = g_strdup_printf (found ? _("Searched with the address recorded on the card. %s")
                                  : _("The address recorded on the card was not found. %s"),
                            gtk_label_get_text (self->status_label));
  show_status (self, status, !found);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * myna_office_finder_get_results:
 * @self: a finder
 *
 * Returns: (transfer none) (element-type MynaOffice) (nullable): the offices shown
 */
GPtrArray *
myna_office_finder_get_results (MynaOfficeFinder *self)
{
  g_return_val_if_fail (MYNA_IS_OFFICE_FINDER (self), NULL);
  return self->results;
}

static void
search_cb (MynaOfficeFinder *self)
{
  myna_office_finder_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
myna_office_finder_dispose (GObject *object)
{
  MynaOfficeFinder *self = MYNA_OFFICE_FINDER (object);

  g_clear_handle_id (&self->status_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  location_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->bus);
  gtk_widget_dispose_template (GTK_WIDGET (self), MYNA_TYPE_OFFICE_FINDER);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_object (&self->directory);
  g_clear_pointer (&self->pin_name, g_free);

  G_OBJECT_CLASS (myna_office_finder_parent_class)->dispose (object);
}

static void
myna_office_finder_class_init (MynaOfficeFinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_office_finder_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-office-finder.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, search_label);
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, search_button);
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, location_button);
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, status_label);
  gtk_widget_class_bind_template_child (widget_class, MynaOfficeFinder, results_list);
}

static void
myna_office_finder_init (MynaOfficeFinder *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (focus, "enter", G_CALLBACK (status_focus_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->status_label), focus);
  }

  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_cb), self);
  g_signal_connect_swapped (self->search_button, "clicked", G_CALLBACK (search_cb), self);
  g_signal_connect_swapped (self->location_button, "clicked", G_CALLBACK (location_clicked_cb), self);

  self->directory = myna_office_directory_get_default (&error);
  if (self->directory == NULL)
    {
      /* Keep the page usable: the rest of the Reset step does not need the data. */
      g_warning ("%s", error->message);
      show_status (self, error->message, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
      return;
    }

  /* "Use my location" only where the desktop offers a location portal (Flatpak, or a
   * host with xdg-desktop-portal and GeoClue). Without a session bus, do not let
   * GDBus autolaunch one just for this. */
  if (g_getenv ("MYNASSIST_NO_LOCATION") == NULL && session_bus_exists ())
    {
      self->cancellable = g_cancellable_new ();
      g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_ready_cb, self);
    }
}

/**
 * myna_office_finder_new:
 *
 * Returns: (transfer floating): a new office finder
 */
GtkWidget *
myna_office_finder_new (void)
{
  return g_object_new (MYNA_TYPE_OFFICE_FINDER, NULL);
}
