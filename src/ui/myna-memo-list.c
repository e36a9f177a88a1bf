/* myna-memo-list.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which PIN memos exist in the login keyring, each with a "Forget" button. Values are never
 * read here and the keyring is not unlocked to list them.
 */

#define G_LOG_DOMAIN "myna-memo-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/myna-secret-store.h"
#include "myna-memo-list.h"

struct _MynaMemoList
{
  AdwBin        parent_instance;

  GtkLabel     *heading_label;
  GtkLabel     *explanation_label;
  GtkListBox   *list;
  GtkLabel     *status_label;

  GCancellable *cancellable;
  char         *card_id;   /* the card in the reader, to say "this card" */
  guint         n_memos;
  guint         pending;   /* keyring calls in flight */
};

G_DEFINE_FINAL_TYPE (MynaMemoList, myna_memo_list, ADW_TYPE_BIN)

static const char *
kind_title (MynaPinKind kind)
{
  switch (kind)
    {
    case MYNA_PIN_AUTH:
      return _("User authentication PIN (4 digits)");
    case MYNA_PIN_SIGN:
      return _("Signing password (6 to 16 letters and digits)");
    case MYNA_PIN_CARD_INFO:
      return _("Card information PIN (4 digits)");
    default:
      return "?";
    }
}

static void
show_status (MynaMemoList *self,
             const char   *text,
             gboolean      is_error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  /* GTK 4.8 has no live regions: the list carries the message for screen readers. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
clear_rows (MynaMemoList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_memos = 0;
}

typedef struct
{
  MynaMemoList *self;
  MynaPinKind   kind;
  char         *card_id;
} ForgetData;

static void
forget_data_free (ForgetData *data)
{
  g_object_unref (data->self);
  g_free (data->card_id);
  g_free (data);
}

static void
forget_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ForgetData *data = user_data;
  MynaMemoList *self = data->self;
  g_autoptr(GError) error = NULL;

  self->pending--;
  if (!myna_secret_store_forget_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message, TRUE);
    }
  else
    {
      myna_memo_list_refresh (self);
      show_status (self, _("The PIN was removed from the login keyring."), FALSE);
    }
  forget_data_free (data);
}

static void
forget_clicked_cb (GtkButton    *button,
                   MynaMemoList *self)
{
  ForgetData *data = g_new0 (ForgetData, 1);

  data->self = g_object_ref (self);
  data->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pin-kind"));
  data->card_id = g_strdup (g_object_get_data (G_OBJECT (button), "card-id"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  self->pending++;
  myna_secret_store_forget_async (data->card_id, data->kind, self->cancellable, forget_cb, data);
}

static GtkWidget *
make_row (MynaMemoList      *self,
          const MynaPinMemo *memo)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Forget"));
  g_autofree char *short_id = g_strndup (memo->card_id, 8);
  g_autofree char *card = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  gboolean this_card = g_strcmp0 (memo->card_id, self->card_id) == 0;

  /* Translators: %s is a short card identifier (8 hex digits) */
  card = this_card ? g_strdup (_("The card in the reader")) : g_strdup_printf (_("Card %s"), short_id);
  subtitle = memo->locked ? g_strdup_printf ("%s — %s", card, _("the keyring is locked"))
                          : g_strdup (card);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind_title (memo->kind));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: accessible name of a Forget button; %1$s is a PIN kind, %2$s the card */
  accessible = g_strdup_printf (_("Forget: %1$s, %2$s"), kind_title (memo->kind), card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data (G_OBJECT (button), "pin-kind", GINT_TO_POINTER (memo->kind));
  g_object_set_data_full (G_OBJECT (button), "card-id", g_strdup (memo->card_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (forget_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MynaMemoList) self = user_data;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GError) error = NULL;

  self->pending--;
  memos = myna_secret_store_list_finish (result, &error);
  if (memos == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Many desktops have no Secret Service: that is a fact to state, not an error. */
      g_debug ("Listing PIN memos failed: %s", error->message);
      clear_rows (self);
      show_status (self, _("No login keyring is available, so no PIN can be remembered on this "
                           "computer."), FALSE);
      return;
    }

  clear_rows (self);
  for (guint i = 0; i < memos->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (memos, i)));
  self->n_memos = memos->len;
}

/**
 * myna_memo_list_refresh:
 *
 * Reads the list again from the keyring (asynchronously).
 */
void
myna_memo_list_refresh (MynaMemoList *self)
{
  g_return_if_fail (MYNA_IS_MEMO_LIST (self));

  show_status (self, NULL, FALSE);
  self->pending++;
  myna_secret_store_list_async (self->cancellable, list_cb, g_object_ref (self));
}

static void
myna_memo_list_dispose (GObject *object)
{
  MynaMemoList *self = MYNA_MEMO_LIST (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MYNA_TYPE_MEMO_LIST);

  G_OBJECT_CLASS (myna_memo_list_parent_class)->dispose (object);
}

static void
myna_memo_list_finalize (GObject *object)
{
  MynaMemoList *self = MYNA_MEMO_LIST (object);

  g_clear_object (&self->cancellable);
  g_free (self->card_id);

  G_OBJECT_CLASS (myna_memo_list_parent_class)->finalize (object);
}

static void
myna_memo_list_class_init (MynaMemoListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_memo_list_dispose;
  object_class->finalize = myna_memo_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-memo-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaMemoList, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MynaMemoList, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, MynaMemoList, list);
  gtk_widget_class_bind_template_child (widget_class, MynaMemoList, status_label);
}

static void
myna_memo_list_init (MynaMemoList *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  placeholder = gtk_label_new (_("No PIN is remembered."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
}

/**
 * myna_memo_list_new:
 *
 * Returns: (transfer floating): the list; call myna_memo_list_refresh() to fill it
 */
GtkWidget *
myna_memo_list_new (void)
{
  return g_object_new (MYNA_TYPE_MEMO_LIST, NULL);
}

/**
 * myna_memo_list_set_card_id:
 * @card_id: (nullable): see myna_secret_store_card_id(), for the card in the reader
 *
 * Marks that card's memos as "the card in the reader" on the next refresh.
 */
void
myna_memo_list_set_card_id (MynaMemoList *self,
                            const char   *card_id)
{
  g_return_if_fail (MYNA_IS_MEMO_LIST (self));

  g_free (self->card_id);
  self->card_id = g_strdup (card_id);
}

/* Whether a keyring call is still running (for tests and a spinner). */
gboolean
myna_memo_list_get_loading (MynaMemoList *self)
{
  g_return_val_if_fail (MYNA_IS_MEMO_LIST (self), FALSE);

  return self->pending > 0;
}

guint
myna_memo_list_get_n_memos (MynaMemoList *self)
{
  g_return_val_if_fail (MYNA_IS_MEMO_LIST (self), 0);

  return self->n_memos;
}
