/* myna-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of every wizard step: a title for the header and the step list, and the session
 * it shows. Subclasses refresh themselves in ->update whenever the session changes.
 */

#define G_LOG_DOMAIN "myna-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-page.h"

typedef struct
{
  MynaSession *session;
  char        *title;
  char        *icon_name;
  char        *summary;
  gulong       changed_id;
} MynaPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MynaPage, myna_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
session_changed_cb (MynaSession *session,
                    MynaPage    *self)
{
  myna_page_update (self);
}

static void
myna_page_dispose (GObject *object)
{
  MynaPage *self = (MynaPage *)object;
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  if (priv->session != NULL)
    {
      g_clear_signal_handler (&priv->changed_id, priv->session);
      g_clear_object (&priv->session);
    }

  G_OBJECT_CLASS (myna_page_parent_class)->dispose (object);
}

static void
myna_page_finalize (GObject *object)
{
  MynaPage *self = (MynaPage *)object;
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_free (priv->title);
  g_free (priv->icon_name);
  g_free (priv->summary);

  G_OBJECT_CLASS (myna_page_parent_class)->finalize (object);
}

static void
myna_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MynaPage *self = MYNA_PAGE (object);
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, priv->icon_name);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, priv->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myna_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MynaPage *self = MYNA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      myna_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_TITLE:
      myna_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      myna_page_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_SUMMARY:
      myna_page_set_summary (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myna_page_class_init (MynaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myna_page_dispose;
  object_class->finalize = myna_page_finalize;
  object_class->get_property = myna_page_get_property;
  object_class->set_property = myna_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MYNA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The step's key sentence (for example whether the certificate is valid, and until when),
   * which the window gives screen readers as the step's description: a user who tabs from
   * control to control would otherwise never reach it. */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
myna_page_init (MynaPage *self)
{
}

/**
 * myna_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session this page shows
 */
MynaSession *
myna_page_get_session (MynaPage *self)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_val_if_fail (MYNA_IS_PAGE (self), NULL);

  return priv->session;
}

void
myna_page_set_session (MynaPage    *self,
                       MynaSession *session)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_if_fail (MYNA_IS_PAGE (self));
  g_return_if_fail (session == NULL || MYNA_IS_SESSION (session));

  if (priv->session == session)
    return;

  if (priv->session != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->session);
  g_set_object (&priv->session, session);
  if (session != NULL)
    priv->changed_id = g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb), self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  myna_page_update (self);
}

const char *
myna_page_get_title (MynaPage *self)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_val_if_fail (MYNA_IS_PAGE (self), NULL);

  return priv->title;
}

void
myna_page_set_title (MynaPage   *self,
                     const char *title)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_if_fail (MYNA_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  /* The title names the step's GtkStackPage in the window, which a screen reader says on
   * entering the step; naming the page itself as well made Orca say it twice. */
  myna_accessible_name_scrolled (GTK_WIDGET (self), title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
myna_page_get_icon_name (MynaPage *self)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_val_if_fail (MYNA_IS_PAGE (self), NULL);

  return priv->icon_name;
}

void
myna_page_set_icon_name (MynaPage   *self,
                         const char *icon_name)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_if_fail (MYNA_IS_PAGE (self));

  if (g_strcmp0 (priv->icon_name, icon_name) == 0)
    return;

  g_free (priv->icon_name);
  priv->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

/**
 * myna_page_get_summary:
 *
 * Returns: (nullable): the step's key sentence, for screen readers
 */
const char *
myna_page_get_summary (MynaPage *self)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_val_if_fail (MYNA_IS_PAGE (self), NULL);

  return priv->summary;
}

/**
 * myna_page_set_summary:
 * @summary: (nullable): what the step says in one or two sentences
 *
 * Sets the sentence a screen reader gives as the step's description.
 */
void
myna_page_set_summary (MynaPage   *self,
                       const char *summary)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_if_fail (MYNA_IS_PAGE (self));

  if (summary != NULL && *summary == '\0')
    summary = NULL;
  if (g_strcmp0 (priv->summary, summary) == 0)
    return;

  g_free (priv->summary);
  priv->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/**
 * myna_page_update:
 *
 * Refreshes the page from its session.
 */
void
myna_page_update (MynaPage *self)
{
  MynaPagePrivate *priv = myna_page_get_instance_private (self);

  g_return_if_fail (MYNA_IS_PAGE (self));

  if (priv->session != NULL && MYNA_PAGE_GET_CLASS (self)->update != NULL)
    MYNA_PAGE_GET_CLASS (self)->update (self);

  myna_page_name_rows (GTK_WIDGET (self));
}

/**
 * myna_accessible_set_description:
 * @description: (nullable): the description, or %NULL for none
 *
 * Sets @widget's accessible description only when it changes: GTK 4.8 tells screen readers
 * about every update, and Orca read the focused control's description out again each time
 * the page refreshed itself.
 */
void
myna_accessible_set_description (GtkWidget  *widget,
                                 const char *description)
{
  const char *current = g_object_get_data (G_OBJECT (widget), "myna-description");

  if (description != NULL && *description == '\0')
    description = NULL;
  if (g_object_get_data (G_OBJECT (widget), "myna-description-set") != NULL &&
      g_strcmp0 (current, description) == 0)
    return;

  g_object_set_data (G_OBJECT (widget), "myna-description-set", GINT_TO_POINTER (TRUE));
  g_object_set_data_full (G_OBJECT (widget), "myna-description", g_strdup (description), g_free);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * myna_page_name_rows:
 *
 * Tidies what GTK 4.8 and libadwaita 1.2 give screen readers under @root. A row is described
 * by its subtitle label alone (its name comes from its title label already). A button with a
 * mnemonic gets both its label property ("_Next") and a labelled-by relation to its label
 * ("Next"), which GTK joins into "_Next Next": keep one. Buttons whose accessible name was
 * set on purpose (marked with myna_accessible_set_label()) keep that name alone.
 */
void
myna_page_name_rows (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_use_underline (GTK_BUTTON (child)) &&
          gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          const char *label = g_object_get_data (G_OBJECT (child), "myna-accessible-label");

          if (label != NULL)
            {
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                              -1);
            }
          else
            gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
        }
      else if (ADW_IS_ACTION_ROW (child))
        {
          /* libadwaita describes a row by its subtitle label (described-by). A description
           * property on top made Orca say the subtitle twice: GTK 4.8 reports it once with the
           * focus and once more as a change. */
          myna_accessible_set_description (child, NULL);
        }

      myna_page_name_rows (child);
    }
}

/**
 * myna_accessible_name_scrolled:
 *
 * Names every scrolled window under @root (status pages have one inside): GTK 4.8 exposes
 * them as focusable scroll panes, which a screen reader would otherwise announce nameless.
 */
void
myna_accessible_name_scrolled (GtkWidget  *root,
                               const char *name)
{
  if (GTK_IS_SCROLLED_WINDOW (root))
    gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    myna_accessible_name_scrolled (child, name);
}

/**
 * myna_accessible_set_label:
 *
 * Gives @button an accessible name other than its visible label (for example "Test the
 * signing password" for a button that reads "Test This PIN…"), and keeps it that way.
 */
void
myna_accessible_set_label (GtkWidget  *button,
                           const char *label)
{
  g_object_set_data_full (G_OBJECT (button), "myna-accessible-label", g_strdup (label), g_free);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * myna_accessible_set_row_description:
 * @description: what a screen reader says for the row's subtitle
 *
 * Gives an action row a spoken form of its subtitle (for example "kilometres" where the
 * subtitle shows "km").
 */
void
myna_accessible_set_row_description (GtkWidget  *row,
                                     const char *description)
{
  GtkWidget *spoken;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  /* Described by a label that is never shown, as libadwaita describes it by the subtitle
   * label: a description property would be said twice (see myna_page_name_rows()). */
  spoken = g_object_get_data (G_OBJECT (row), "myna-spoken-subtitle");
  if (spoken == NULL)
    {
      spoken = gtk_label_new (NULL);
      gtk_widget_set_visible (spoken, FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spoken);
      g_object_set_data (G_OBJECT (row), "myna-spoken-subtitle", spoken);
    }
  gtk_label_set_text (GTK_LABEL (spoken), description);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, spoken, NULL,
                                  -1);
}

/**
 * myna_accessible_name_icon_button:
 *
 * Names a button that shows only an icon. GTK 4.8 labels such a button by its image, which
 * has no name of its own ("GtkImage"), and makes its tooltip the description, so a screen
 * reader said "GtkImage Copy the address push button Copy the address". Call it after setting
 * the tooltip: the name is said once.
 */
void
myna_accessible_name_icon_button (GtkWidget  *button,
                                  const char *label)
{
  myna_accessible_set_label (button, label);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Opening web pages */

typedef struct
{
  GtkWindow *parent;   /* weak */
  char      *uri;
} OpenUri;

static void
open_uri_free (OpenUri *data)
{
  g_clear_weak_pointer (&data->parent);
  g_free (data->uri);
  g_free (data);
}

static void
open_uri_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "myna-uri");

  if (g_strcmp0 (response, "copy") == 0 && uri != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), uri);
}

static void
open_uri_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenUri *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->parent == NULL)
    {
      open_uri_free (data);
      return;
    }

  /* GTK's own message for this ("Could not show link") has no address to go on with. */
  body = g_strdup_printf (_("No web browser opened it. Open this address in a browser yourself:\n%s"),
                          data->uri);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (data->parent, _("The Web Page Could Not Be Opened"), body));
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "copy", _("C_opy the Address"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "myna-uri", g_strdup (data->uri), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (open_uri_response_cb), NULL);
  /* Orca 43 reads only the title of a libadwaita 1.2 message dialog: the body is its
   * description too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
  gtk_window_present (GTK_WINDOW (dialog));
  open_uri_free (data);
}

/**
 * myna_open_uri:
 * @widget: the widget the user activated
 * @uri: a web address
 *
 * Opens @uri in the user's browser; if nothing opens it (no browser, no portal), says so
 * with the address and a way to copy it.
 */
void
myna_open_uri (GtkWidget  *widget,
               const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  OpenUri *data;

  g_return_if_fail (GTK_IS_WINDOW (root));

  data = g_new0 (OpenUri, 1);
  g_set_weak_pointer (&data->parent, GTK_WINDOW (root));
  data->uri = g_strdup (uri);
  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, open_uri_done_cb, data);
}

static gboolean
activate_link_cb (GtkLinkButton *button,
                  gpointer       user_data)
{
  myna_open_uri (GTK_WIDGET (button), gtk_link_button_get_uri (button));
  return TRUE;
}

/**
 * myna_open_links_with_fallback:
 * @root: a widget tree
 *
 * Makes every #GtkLinkButton under @root open its address with myna_open_uri().
 */
void
myna_open_links_with_fallback (GtkWidget *root)
{
  if (GTK_IS_LINK_BUTTON (root))
    g_signal_connect (root, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    myna_open_links_with_fallback (child);
}

/* Keeping the focus in view */

#define FOCUS_VIEW_DELAY_MS 300

typedef struct
{
  GtkWindow *window;   /* weak */
  guint      source;
} FocusView;

static GtkWidget *
last_focusable (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_sensitive (widget) ||
      !gtk_widget_get_can_focus (widget))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      GtkWidget *last = last_focusable (child);

      if (last != NULL)
        return last;
    }
  return gtk_widget_get_focusable (widget) ? widget : NULL;
}

static gboolean
focus_view_cb (gpointer data)
{
  FocusView *view = data;
  GtkWidget *focus = view->window != NULL ? gtk_window_get_focus (view->window) : NULL;
  GtkWidget *scrolled = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  GtkWidget *content, *last;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double bottom;

  view->source = 0;
  if (scrolled == NULL || !gtk_widget_get_mapped (focus))
    return G_SOURCE_REMOVE;

  /* Coordinates in the scrolled content, not in the viewport (which has moved with it). */
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_compute_bounds (focus, content, &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  bottom = bounds.origin.y + bounds.size.height;
  /* Text below the last control has nothing focusable to scroll to: show it with it. */
  last = last_focusable (content);
  if (last != NULL && (focus == last || gtk_widget_is_ancestor (focus, last)))
    bottom = gtk_adjustment_get_upper (adjustment);
  /* If that is taller than the view, the control itself wins. */
  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bottom);
  return G_SOURCE_REMOVE;
}

static void
focus_view_changed_cb (GtkWindow  *window,
                       GParamSpec *pspec,
                       FocusView  *view)
{
  /* After GTK has scrolled to the focus itself, which it animates (about 200 ms), and after
   * the layout of what just appeared. */
  g_clear_handle_id (&view->source, g_source_remove);
  view->source = g_timeout_add (FOCUS_VIEW_DELAY_MS, focus_view_cb, view);
}

static void
focus_view_free (gpointer data)
{
  FocusView *view = data;

  g_clear_handle_id (&view->source, g_source_remove);
  g_clear_weak_pointer (&view->window);
  g_free (view);
}

/**
 * myna_keep_focus_in_view:
 * @window: a window with scrolled content
 *
 * Makes sure the focused control is in view once the window has settled: GTK 4.8 does not
 * scroll to a focus set before the control had its place (a step's first control at start,
 * the first entry of a tall dialog at 200 % text). And when the focus is on the last control
 * of a scrolled area, the text below it is shown too, or the keyboard could never reach it
 * (the note under "Open Mynaportal", the toll-free line on the Reset step).
 */
void
myna_keep_focus_in_view (GtkWindow *window)
{
  FocusView *view = g_new0 (FocusView, 1);

  g_set_weak_pointer (&view->window, window);
  g_object_set_data_full (G_OBJECT (window), "myna-focus-view", view, focus_view_free);
  g_signal_connect (window, "notify::focus-widget", G_CALLBACK (focus_view_changed_cb), view);
}

/**
 * myna_page_set_waiting:
 * @status: a step's "no card yet" status page, inside @stack
 * @not_read: its description when no card has been read
 * @reading: its description while a card is being read
 *
 * A step that needs the card says whether one is being read right now or none is there, and
 * names its stack page after the title (GTK 4.8 would give it its type name).
 */
void
myna_page_set_waiting (AdwStatusPage *status,
                       GtkStack      *stack,
                       MynaSession   *session,
                       const char    *not_read,
                       const char    *reading)
{
  MynaSessionState state = myna_session_get_state (session);
  gboolean busy = state == MYNA_SESSION_READING || state == MYNA_SESSION_STARTING;
  const char *title = busy ? _("Reading the Card…") : _("No Card Has Been Read");

  adw_status_page_set_title (status, title);
  adw_status_page_set_description (status, busy ? reading : not_read);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (stack, GTK_WIDGET (status))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

/**
 * myna_show_focus:
 * @widget: a widget in the window whose focus was just moved by the app
 *
 * GTK shows the focus ring only after keyboard navigation of its own, so a focus the app
 * moved after a key press (Alt+N, Enter in a dialog) looked lost. Shows it when the window's
 * last input was a key (MynaWindow records that), not after a click.
 */
void
myna_show_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root) && g_object_get_data (G_OBJECT (root), MYNA_LAST_INPUT_KEYBOARD) != NULL)
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

/**
 * myna_page_focus_first:
 *
 * Moves the keyboard focus to the page's first control, so that a screen reader starts
 * reading the new step there.
 *
 * Returns: %TRUE if a control took the focus
 */
gboolean
myna_page_focus_first (MynaPage *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (MYNA_IS_PAGE (self), FALSE);

  /* gtk_widget_child_focus() moves on from a focus already inside the page (GtkStack puts
   * one there when it switches pages), which would land on the second control. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);

  return gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/**
 * myna_page_activate_action:
 *
 * Activates a window or application action (for example "win.goto-reset") from a page.
 */
void
myna_page_activate_action (MynaPage   *self,
                           const char *action,
                           GVariant   *parameter)
{
  g_return_if_fail (MYNA_IS_PAGE (self));

  gtk_widget_activate_action_variant (GTK_WIDGET (self), action, parameter);
}
