/* myna-memo-check.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PIN dialog's part of the PIN memo: the "remember in the login keyring" check box, and
 * the rules around it, so that the dialog only reports what happened:
 *   - fill(): a remembered PIN is put into the entry, only while more than one try is left and
 *     only into an empty entry. This widget never talks to the card: submitting stays the
 *     user's act.
 *   - submit() before the VERIFY, then accepted() or rejected(): the PIN is stored only after
 *     the card accepted it; a remembered PIN the card rejected is deleted and the user told.
 * PIN copies are MynaPin buffers (wiped on free); the entry's own buffer is GTK's secure one.
 */

#define G_LOG_DOMAIN "myna-memo-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "core/myna-secret-store.h"
#include "myna-memo-check.h"

struct _MynaMemoCheck
{
  AdwBin          parent_instance;

  GtkCheckButton *check;
  GtkLabel       *note_label;

  MynaPinKind     kind;
  char           *card_id;
  GCancellable   *cancellable;
  guint           pending;

  MynaPin        *memo;       /* the remembered PIN, once looked up */
  MynaPin        *submitted;  /* what was sent, until the card answered */
  MynaPin        *new_pin;    /* for a PIN change: what the card holds afterwards */
  gboolean        filled;     /* the entry holds the memo, unchanged */
  gboolean        used_memo;  /* the submitted PIN is the remembered one */
  GtkEditable    *entry;      /* weak */
  gulong          changed_id;
  guint           fill_serial; /* a lookup fills the entry only if this did not change */
};

G_DEFINE_FINAL_TYPE (MynaMemoCheck, myna_memo_check, ADW_TYPE_BIN)

static void
set_note (MynaMemoCheck *self,
          const char    *text,
          gboolean       is_error)
{
  gtk_label_set_text (self->note_label, text);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "error");
}

static gboolean
same_pin (const MynaPin *a,
          const MynaPin *b)
{
  const guint8 *da, *db;
  gsize la = 0, lb = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  da = myna_pin_get_bytes (a, &la);
  db = myna_pin_get_bytes (b, &lb);
  return la == lb && memcmp (da, db, la) == 0;
}

static void
entry_changed_cb (GtkEditable   *entry,
                  MynaMemoCheck *self)
{
  /* Once the user edits the filled-in PIN, it is theirs, not the memo. */
  self->filled = FALSE;
}

static void
forget_entry (MynaMemoCheck *self)
{
  if (self->entry != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->entry);
      g_object_remove_weak_pointer (G_OBJECT (self->entry), (gpointer *) &self->entry);
      self->entry = NULL;
    }
  self->changed_id = 0;
}

typedef struct
{
  MynaMemoCheck *self;
  MynaPinTries   tries;
  guint          fill_serial;
} FillData;

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FillData *data = user_data;
  g_autoptr(MynaMemoCheck) self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaPin) pin = NULL;
  MynaPinTries tries = data->tries;
  gboolean current = data->fill_serial == self->fill_serial;

  g_free (data);
  pin = myna_secret_store_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->pending--;

  if (error != NULL)
    {
      /* A locked or missing keyring is not a reason to stop: the user types the PIN. */
      g_debug ("PIN memo lookup failed: %s", error->message);
      return;
    }
  if (pin == NULL)
    return;
  /* Asked before the last submit: the box may have been changed since (unticked to forget),
   * and the tries it was asked with are old. Leave everything as the user left it. */
  if (!current)
    return;

  g_clear_pointer (&self->memo, myna_pin_free);
  self->memo = g_steal_pointer (&pin);
  gtk_check_button_set_active (self->check, TRUE);

  /* Checked again here: the answer may come after the tries changed. */
  if (self->entry != NULL && myna_secret_store_may_fill (&tries) &&
      gtk_editable_get_text (self->entry)[0] == '\0')
    {
      char buf[MYNA_PIN_MAX_LENGTH + 1];
      const guint8 *bytes;
      gsize len = 0;

      bytes = myna_pin_get_bytes (self->memo, &len);
      memcpy (buf, bytes, len);
      buf[len] = '\0';
      g_signal_handler_block (self->entry, self->changed_id);
      gtk_editable_set_text (self->entry, buf);
      g_signal_handler_unblock (self->entry, self->changed_id);
      myna_secure_wipe (buf, sizeof buf);
      self->filled = TRUE;
      set_note (self, _("Filled in from the login keyring. Nothing has been sent to the card: "
                        "check it, then continue yourself."), FALSE);
    }
}

/**
 * myna_memo_check_fill:
 * @entry: the PIN entry (the current PIN in a change)
 * @tries: the tries the card reported just now
 *
 * Looks the memo up and, if there is one and more than one try is left, puts it into @entry
 * when that is still empty. Never submits anything.
 */
void
myna_memo_check_fill (MynaMemoCheck      *self,
                      GtkEditable        *entry,
                      const MynaPinTries *tries)
{
  FillData *data;

  g_return_if_fail (MYNA_IS_MEMO_CHECK (self));
  g_return_if_fail (GTK_IS_EDITABLE (entry));

  forget_entry (self);
  self->entry = entry;
  g_object_add_weak_pointer (G_OBJECT (entry), (gpointer *) &self->entry);
  self->changed_id = g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);

  if (self->card_id == NULL)
    return;
  if (!myna_secret_store_may_fill (tries))
    {
      if (tries != NULL && tries->known && tries->remaining == 1)
        set_note (self, self->kind == MYNA_PIN_SIGN
                        ? _("With one try left, a remembered password is not filled in: type it "
                            "yourself, and only if you are sure.")
                        : _("With one try left, a remembered PIN is not filled in: type it "
                            "yourself, and only if you are sure."), FALSE);
      return;
    }

  data = g_new0 (FillData, 1);
  data->self = g_object_ref (self);
  data->tries = *tries;
  data->fill_serial = ++self->fill_serial;
  self->pending++;
  myna_secret_store_lookup_async (self->card_id, self->kind, self->cancellable, lookup_cb, data);
}

static MynaPin *
pin_from_text (MynaPinKind  kind,
               const char  *text)
{
  return text != NULL ? myna_pin_new (kind, text, NULL) : NULL;
}

/**
 * myna_memo_check_submit:
 * @pin_text: the (current) PIN about to be sent, as the entry holds it
 * @new_pin_text: (nullable): for a change, the new PIN
 *
 * Call right before the card operation. Keeps wiped copies until accepted() or rejected().
 */
void
myna_memo_check_submit (MynaMemoCheck *self,
                        const char    *pin_text,
                        const char    *new_pin_text)
{
  g_return_if_fail (MYNA_IS_MEMO_CHECK (self));

  /* A lookup still out was asked with the tries of before this submit. */
  self->fill_serial++;
  g_clear_pointer (&self->submitted, myna_pin_free);
  g_clear_pointer (&self->new_pin, myna_pin_free);
  self->submitted = pin_from_text (self->kind, pin_text);
  self->new_pin = pin_from_text (self->kind, new_pin_text);
  self->used_memo = self->memo != NULL && same_pin (self->submitted, self->memo);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MynaMemoCheck) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean remember = g_task_get_source_tag (G_TASK (result)) == myna_secret_store_remember_async;
  gboolean ok = remember ? myna_secret_store_remember_finish (result, &error)
                         : myna_secret_store_forget_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->pending--;
  if (!ok)
    set_note (self, error->message, TRUE);
}

/**
 * myna_memo_check_accepted:
 *
 * The card accepted the submitted PIN: remember it (the new one after a change) if the box
 * is ticked, or forget an existing memo if the user unticked it.
 */
void
myna_memo_check_accepted (MynaMemoCheck *self)
{
  MynaPin *keep;

  g_return_if_fail (MYNA_IS_MEMO_CHECK (self));

  keep = self->new_pin ? self->new_pin : self->submitted;
  if (self->card_id != NULL && keep != NULL)
    {
      if (gtk_check_button_get_active (self->check))
        {
          self->pending++;
          myna_secret_store_remember_async (self->card_id, keep, self->cancellable, done_cb,
                                            g_object_ref (self));
          set_note (self, self->kind == MYNA_PIN_SIGN
                          ? _("The password is remembered in the login keyring.")
                          : _("The PIN is remembered in the login keyring."), FALSE);
        }
      else if (self->memo != NULL)
        {
          self->pending++;
          myna_secret_store_forget_async (self->card_id, self->kind, self->cancellable, done_cb,
                                          g_object_ref (self));
          set_note (self, self->kind == MYNA_PIN_SIGN
                          ? _("The password was removed from the login keyring.")
                          : _("The PIN was removed from the login keyring."), FALSE);
        }
    }

  g_clear_pointer (&self->submitted, myna_pin_free);
  g_clear_pointer (&self->new_pin, myna_pin_free);
  self->used_memo = FALSE;
}

/**
 * myna_memo_check_rejected:
 *
 * The card said the PIN is wrong (or locked). If it was the remembered one, the memo is
 * deleted at once.
 *
 * Returns: %TRUE if a memo was deleted, so the dialog can say so next to the error
 */
gboolean
myna_memo_check_rejected (MynaMemoCheck *self)
{
  gboolean deleted = FALSE;

  g_return_val_if_fail (MYNA_IS_MEMO_CHECK (self), FALSE);

  if (self->used_memo && self->card_id != NULL)
    {
      self->pending++;
      myna_secret_store_forget_async (self->card_id, self->kind, self->cancellable, done_cb,
                                      g_object_ref (self));
      g_clear_pointer (&self->memo, myna_pin_free);
      gtk_check_button_set_active (self->check, FALSE);
      set_note (self, self->kind == MYNA_PIN_SIGN
                      ? _("The card did not accept the password remembered in the login keyring, so "
                          "it was removed from the keyring. Type the password yourself.")
                      : _("The card did not accept the PIN remembered in the login keyring, so it "
                          "was removed from the keyring. Type the PIN yourself."), TRUE);
      deleted = TRUE;
    }

  g_clear_pointer (&self->submitted, myna_pin_free);
  g_clear_pointer (&self->new_pin, myna_pin_free);
  self->used_memo = FALSE;
  self->filled = FALSE;
  return deleted;
}

/* Nothing reached the card (cancelled, refused by the PIN guard): drop the copies. */
void
myna_memo_check_cancelled (MynaMemoCheck *self)
{
  g_return_if_fail (MYNA_IS_MEMO_CHECK (self));

  g_clear_pointer (&self->submitted, myna_pin_free);
  g_clear_pointer (&self->new_pin, myna_pin_free);
  self->used_memo = FALSE;
}

static void
myna_memo_check_dispose (GObject *object)
{
  MynaMemoCheck *self = MYNA_MEMO_CHECK (object);

  g_cancellable_cancel (self->cancellable);
  forget_entry (self);
  g_clear_pointer (&self->memo, myna_pin_free);
  g_clear_pointer (&self->submitted, myna_pin_free);
  g_clear_pointer (&self->new_pin, myna_pin_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MYNA_TYPE_MEMO_CHECK);

  G_OBJECT_CLASS (myna_memo_check_parent_class)->dispose (object);
}

static void
myna_memo_check_finalize (GObject *object)
{
  MynaMemoCheck *self = MYNA_MEMO_CHECK (object);

  g_clear_object (&self->cancellable);
  g_free (self->card_id);

  G_OBJECT_CLASS (myna_memo_check_parent_class)->finalize (object);
}

static void
myna_memo_check_class_init (MynaMemoCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_memo_check_dispose;
  object_class->finalize = myna_memo_check_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-memo-check.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaMemoCheck, check);
  gtk_widget_class_bind_template_child (widget_class, MynaMemoCheck, note_label);
}

/* GTK 4.8 gives a check button with a mnemonic its label as the accessible name as written,
 * underscore and all ("…keyring(_R)", "_Remember this PIN…"): name it as shown. */
static void
name_check (MynaMemoCheck *self)
{
  const char *label = gtk_check_button_get_label (self->check);
  g_autoptr(GString) shown = g_string_new (NULL);

  for (const char *p = label; p != NULL && *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (shown, *p);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, shown->str,
                                  -1);

  /* The label is long: let it wrap, or it alone makes the PIN dialog wider than a phone. */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->check)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c))
      {
        gtk_label_set_wrap (GTK_LABEL (c), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (c), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_xalign (GTK_LABEL (c), 0);
      }
}

static void
myna_memo_check_init (MynaMemoCheck *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_check (self);
  self->cancellable = g_cancellable_new ();
  /* Hidden until a card with a user authentication certificate names the memo. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * myna_memo_check_new:
 * @kind: the PIN the dialog asks for
 *
 * Returns: (transfer floating): the check box, hidden until myna_memo_check_set_status()
 */
GtkWidget *
myna_memo_check_new (MynaPinKind kind)
{
  MynaMemoCheck *self = g_object_new (MYNA_TYPE_MEMO_CHECK, NULL);

  self->kind = kind;
  /* The signing secret is a password, not a PIN, in J-LIS's words and ours. */
  if (kind == MYNA_PIN_SIGN)
    {
      gtk_check_button_set_label (self->check,
                                  _("_Remember this password in the login keyring once the card accepts it"));
      gtk_label_set_label (self->note_label,
                           _("Anyone who can open your login keyring can read it. A remembered password is filled in for you, never sent without you, and not filled in when one try is left."));
    }
  name_check (self);
  return GTK_WIDGET (self);
}

/**
 * myna_memo_check_set_status:
 * @status: (nullable): the card
 *
 * The memo is keyed by the card's user authentication certificate; without one (a card
 * issued without certificates) there is nothing to key it by and the box stays hidden.
 */
void
myna_memo_check_set_status (MynaMemoCheck  *self,
                            MynaCardStatus *status)
{
  MynaCertificate *auth = NULL;

  g_return_if_fail (MYNA_IS_MEMO_CHECK (self));

  g_clear_pointer (&self->card_id, g_free);
  if (status != NULL && status->certs[MYNA_CERT_AUTH].present)
    auth = status->certs[MYNA_CERT_AUTH].certificate;
  if (auth != NULL)
    self->card_id = myna_secret_store_card_id (auth);
  gtk_widget_set_visible (GTK_WIDGET (self), self->card_id != NULL);
}

gboolean
myna_memo_check_get_active (MynaMemoCheck *self)
{
  g_return_val_if_fail (MYNA_IS_MEMO_CHECK (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
myna_memo_check_set_active (MynaMemoCheck *self,
                            gboolean       active)
{
  g_return_if_fail (MYNA_IS_MEMO_CHECK (self));

  gtk_check_button_set_active (self->check, active);
}

/* Whether the entry holds the remembered PIN, unchanged. */
gboolean
myna_memo_check_get_filled (MynaMemoCheck *self)
{
  g_return_val_if_fail (MYNA_IS_MEMO_CHECK (self), FALSE);

  return self->filled;
}

/* Whether a keyring call is still running. */
gboolean
myna_memo_check_get_busy (MynaMemoCheck *self)
{
  g_return_val_if_fail (MYNA_IS_MEMO_CHECK (self), FALSE);

  return self->pending > 0;
}

const char *
myna_memo_check_get_note (MynaMemoCheck *self)
{
  g_return_val_if_fail (MYNA_IS_MEMO_CHECK (self), NULL);

  return gtk_label_get_text (self->note_label);
}
