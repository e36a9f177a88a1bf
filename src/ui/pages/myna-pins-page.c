/* myna-pins-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three counters the card reports without spending a try, what each PIN unlocks, what a
 * lock stops, and the guarded "test" and "change" flows (MynaPinDialog).
 */

#define G_LOG_DOMAIN "myna-pins-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-format.h"
#include "myna-pin-dialog.h"
#include "myna-pins-page.h"

typedef struct
{
  AdwPreferencesGroup *group;
  AdwActionRow        *tries_row;
  GtkImage            *tries_icon;
  GtkButton           *test_button;
  GtkButton           *change_button;
  GtkButton           *reset_button;
} PinWidgets;

struct _MynaPinsPage
{
  MynaPage    parent_instance;

  GtkStack   *stack;
  GtkBox     *groups_box;
  PinWidgets  pins[MYNA_PIN_KIND_COUNT];
};

G_DEFINE_FINAL_TYPE (MynaPinsPage, myna_pins_page, MYNA_TYPE_PAGE)

static const char *
group_title (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("User Authentication PIN (4 Digits)");
    case MYNA_PIN_SIGN:
      return _("Signing Password (6 to 16 Letters and Digits)");
    case MYNA_PIN_CARD_INFO:
      return _("Card Information PIN (4 Digits)");
    default:
      g_assert_not_reached ();
    }
}

static void
open_dialog (MynaPinsPage      *self,
             MynaPinKind        kind,
             MynaPinDialogMode  mode)
{
  MynaPinDialog *dialog;

  dialog = myna_pin_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                myna_page_get_session (MYNA_PAGE (self)), kind, mode);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
test_clicked_cb (GtkButton    *button,
                 MynaPinsPage *self)
{
  open_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind")),
               MYNA_PIN_DIALOG_TEST);
}

static void
change_clicked_cb (GtkButton    *button,
                   MynaPinsPage *self)
{
  open_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind")),
               MYNA_PIN_DIALOG_CHANGE);
}

static void
reset_clicked_cb (GtkButton    *button,
                  MynaPinsPage *self)
{
  MynaPinKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));
  MynaPinTries tries = { 0 };

  myna_session_get_tries (myna_page_get_session (MYNA_PAGE (self)), kind, &tries);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.goto-reset", "(ss)",
                              myna_pin_kind_to_string (kind),
                              tries.blocked ? "locked" : "forgotten");
}

static GtkButton *
add_button (GtkBox      *box,
            const char  *label,
            const char  *accessible,
            MynaPinKind  kind,
            GCallback    callback,
            gpointer     data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  /* The visible label is the same in every group; the accessible name says which PIN. */
  myna_accessible_set_label (button, accessible);
  g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", callback, data);
  gtk_box_append (box, button);

  return GTK_BUTTON (button);
}

static void
build_group (MynaPinsPage *self,
             MynaPinKind   kind)
{
  PinWidgets *w = &self->pins[kind];
  GtkWidget *row;
  GtkWidget *box;
  g_autofree char *description = g_strdup_printf ("%s\n%s", myna_pin_kind_get_uses (kind),
                                                   myna_pin_kind_get_rule (kind));
  const char *title = myna_pin_kind_get_title (kind);
  g_autofree char *test_name = NULL;
  g_autofree char *change_name = NULL;
  g_autofree char *reset_name = NULL;

  w->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (w->group, group_title (kind));
  adw_preferences_group_set_description (w->group, description);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tries left"));
  w->tries_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->tries_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (w->tries_icon));
  w->tries_row = ADW_ACTION_ROW (row);
  adw_preferences_group_add (w->group, row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("If it gets locked"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), myna_pin_kind_get_lock_effect (kind));
  adw_preferences_group_add (w->group, row);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  /* Translators: accessible names of buttons; %s is the name of a PIN. */
  test_name = g_strdup_printf (_("Test the %s"), title);
  change_name = g_strdup_printf (_("Change the %s"), title);
  reset_name = g_strdup_printf (_("How to reset the %s"), title);
  w->test_button = add_button (GTK_BOX (box), _("_Test This PIN…"), test_name, kind,
                               G_CALLBACK (test_clicked_cb), self);
  if (kind != MYNA_PIN_CARD_INFO)
    w->change_button = add_button (GTK_BOX (box), _("C_hange…"), change_name, kind,
                                   G_CALLBACK (change_clicked_cb), self);
  w->reset_button = add_button (GTK_BOX (box), _("_How to Reset"), reset_name, kind,
                                G_CALLBACK (reset_clicked_cb), self);
  gtk_widget_set_hexpand (GTK_WIDGET (w->reset_button), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (w->reset_button), GTK_ALIGN_END);
  adw_preferences_group_add (w->group, box);

  gtk_box_append (self->groups_box, GTK_WIDGET (w->group));
}

static void
myna_pins_page_update (MynaPage *page)
{
  MynaPinsPage *self = MYNA_PINS_PAGE (page);
  MynaSession *session = myna_page_get_session (page);
  gboolean ready = myna_session_get_state (session) == MYNA_SESSION_READY;
  gboolean busy = myna_session_get_busy (session);

  gtk_stack_set_visible_child_name (self->stack, ready ? "content" : "empty");
  if (!ready)
    return;

  for (guint kind = 0; kind < MYNA_PIN_KIND_COUNT; kind++)
    {
      PinWidgets *w = &self->pins[kind];
      MynaPinTries tries = { 0 };
      g_autofree char *text = NULL;
      gboolean locked;

      myna_session_get_tries (session, kind, &tries);
      locked = tries.known && (tries.blocked || tries.remaining == 0);
      if (!tries.known)
        text = g_strdup (_("Unknown: the card did not say"));
      else if (!locked && tries.remaining == 1)
        /* Its own message: the last try deserves more than a number. */
        text = g_strdup (_("Only 1 try left: one more wrong entry locks it"));
      else
        text = myna_format_tries (tries.remaining, tries.max != 0 ? tries.max : myna_pin_kind_max_tries (kind),
                                  locked);

      adw_action_row_set_subtitle (w->tries_row, text);
      gtk_image_set_from_icon_name (w->tries_icon,
                                    locked ? "system-lock-screen-symbolic"
                                    : tries.remaining == 1 ? "dialog-warning-symbolic"
                                    : "emblem-ok-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (w->test_button), !locked);
      if (w->change_button != NULL)
        gtk_widget_set_visible (GTK_WIDGET (w->change_button), !locked);
      gtk_widget_set_sensitive (GTK_WIDGET (w->test_button), !busy);
      if (w->change_button != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (w->change_button), !busy);
      if (locked)
        gtk_widget_add_css_class (GTK_WIDGET (w->reset_button), "suggested-action");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (w->reset_button), "suggested-action");
    }
}

static void
session_busy_cb (MynaSession  *session,
                 GParamSpec   *pspec,
                 MynaPinsPage *self)
{
  myna_pins_page_update (MYNA_PAGE (self));
}

static void
session_set_cb (MynaPinsPage *self,
                GParamSpec   *pspec,
                gpointer      data)
{
  MynaSession *session = myna_page_get_session (MYNA_PAGE (self));

  if (session != NULL)
    g_signal_connect_object (session, "notify::busy", G_CALLBACK (session_busy_cb), self, 0);
}

static void
myna_pins_page_dispose (GObject *object)
{

  G_OBJECT_CLASS (myna_pins_page_parent_class)->dispose (object);
}

static void
myna_pins_page_class_init (MynaPinsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_pins_page_dispose;
  page_class->update = myna_pins_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-pins-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaPinsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MynaPinsPage, groups_box);
}

static void
myna_pins_page_init (MynaPinsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_page_set_title (MYNA_PAGE (self), _("PIN Attempts"));
  myna_page_set_icon_name (MYNA_PAGE (self), "dialog-password-symbolic");

  build_group (self, MYNA_PIN_AUTH);
  build_group (self, MYNA_PIN_SIGN);
  build_group (self, MYNA_PIN_CARD_INFO);

  g_signal_connect (self, "notify::session", G_CALLBACK (session_set_cb), NULL);
}

/**
 * myna_pins_page_new:
 *
 * Returns: (transfer full): the PIN attempts step
 */
MynaPinsPage *
myna_pins_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_PINS_PAGE, "session", session, NULL);
}
