/* myna-pin-dialog.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only place where the user types a PIN. It keeps the product's promise: it shows the
 * tries left (read without spending one) before asking, checks the format as the user types
 * and sends nothing until it is right, asks for an explicit confirmation before the last try,
 * never submits by itself and never retries, and clears the entries as soon as the PIN has
 * been handed to the worker's wiped buffer.
 */

#define G_LOG_DOMAIN "myna-pin-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "core/myna-error.h"
#include "myna-format.h"
#include "myna-page.h"
#include "myna-pin-dialog.h"
#include "myna-pin-entry-guard.h"

#include "myna-memo-check.h"

struct _MynaPinDialog
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *cancel_button;
  GtkButton         *submit_button;
  GtkSpinner        *spinner;
  GtkStack          *stack;
  GtkWidget         *form_box;
  GtkLabel          *intro_label;
  GtkLabel          *tries_label;
  GtkLabel          *rule_label;
  GtkLabel          *current_label;
  GtkPasswordEntry  *current_entry;
  GtkLabel          *new_label;
  GtkPasswordEntry  *new_entry;
  GtkLabel          *confirm_label;
  GtkPasswordEntry  *confirm_entry;
  GtkLabel          *error_label;
  AdwStatusPage     *result_page;
  GtkButton         *result_button;

  GtkWidget         *memo_check;   /* "remember in the keyring", or NULL */

  MynaSession       *session;
  MynaPinKind        kind;
  MynaPinDialogMode  mode;
  MynaPinTries       tries;
  MynaCardStatus    *status;       /* the card this dialog was opened for */
  gboolean           tries_read;
  gboolean           working;
  gboolean           sending;      /* a PIN job is queued or running */
  gboolean           stopping;     /* closed once while sending: waits, in view, for the card */
  gboolean           hidden;       /* closed twice while sending: back only if the card answered */
  gboolean           card_gone;    /* the card was removed or replaced */
  gboolean           locked;
};

G_DEFINE_FINAL_TYPE (MynaPinDialog, myna_pin_dialog, ADW_TYPE_WINDOW)

enum {
  CERTIFICATE_READ,
  ADDRESS_READ,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A copy of an entry's text with full-width ASCII (what a Japanese input method types) folded
 * to ASCII, so that full-width digits count as digits. By hand rather than with NFKC:
 * g_utf8_normalize() frees a copy of the PIN it never wipes. Free with wipe_text(). */
static char *
entry_text (GtkPasswordEntry *entry)
{
  char *text = myna_pin_entry_guard_dup_text (entry);
  char *folded = g_malloc (strlen (text) + 1);
  char *out = folded;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)       /* ！ to ～ */
        *out++ = (char) (c - 0xFEE0);
      else if (c == 0x3000)                 /* ideographic space */
        *out++ = ' ';
      else
        {
          gsize n = (gsize) (g_utf8_next_char (p) - p);

          memcpy (out, p, n);
          out += n;
        }
    }
  *out = '\0';

  myna_secure_wipe (text, strlen (text));
  g_free (text);
  return folded;
}

static void
wipe_text (char *text)
{
  if (text == NULL)
    return;
  myna_secure_wipe (text, strlen (text));
  g_free (text);
}

typedef char char_wiped;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_wiped, wipe_text)

/* The memo hooks (issue 6): the memo check box stores a PIN only after the card accepted it,
 * forgets one the card rejected, and never fills the entry when one try is left. */
static void
memo_cancelled (MynaPinDialog *self)
{
  if (self->memo_check != NULL)
    myna_memo_check_cancelled (MYNA_MEMO_CHECK (self->memo_check));
}

static gboolean
memo_rejected (MynaPinDialog *self)
{
  if (self->memo_check != NULL)
    return myna_memo_check_rejected (MYNA_MEMO_CHECK (self->memo_check));
  return FALSE;
}

static void
clear_entries (MynaPinDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->current_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
}

static void reveal_message (MynaPinDialog *self);

static void
show_error (MynaPinDialog *self,
            GtkWidget     *entry,
            const char    *message)
{
  GtkWidget *entries[] = {
    GTK_WIDGET (self->current_entry), GTK_WIDGET (self->new_entry), GTK_WIDGET (self->confirm_entry)
  };

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  if (message != NULL)
    reveal_message (self);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gboolean invalid = message != NULL && entries[i] == entry;

      gtk_accessible_update_state (GTK_ACCESSIBLE (entries[i]),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      if (invalid)
        gtk_widget_add_css_class (entries[i], "error");
      else
        gtk_widget_remove_css_class (entries[i], "error");

      /* Orca 43 does not follow the error-message relation, and GTK 4.8 cannot announce: the
       * message becomes the entry's description, which is spoken when the entry gets the focus
       * back (and when it changes while focused). Otherwise the rule and tries describe it. */
      if (invalid)
        gtk_accessible_update_property (GTK_ACCESSIBLE (entries[i]),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (entries[i]),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The form scrolls when the dialog is small; a message below the fold would go unseen, and
 * nothing focusable sits below it to scroll there with the keyboard. */
static gboolean
reveal_message_cb (gpointer data)
{
  MynaPinDialog *self = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->form_box), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  graphene_point_t top;

  /* Coordinates in the scrolled content, not in the viewport (which has moved with it). */
  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));

  if (child != NULL && gtk_widget_get_visible (GTK_WIDGET (self->error_label)) &&
      gtk_widget_compute_point (GTK_WIDGET (self->error_label), child, &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                               top.y, top.y + gtk_widget_get_height (GTK_WIDGET (self->error_label)));

  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
reveal_message (MynaPinDialog *self)
{
  /* After the next layout, when the label has its place. */
  g_idle_add_full (G_PRIORITY_LOW, reveal_message_cb, g_object_ref (self), NULL);
}

/* Reassurance ("nothing was sent") in the message line, not in the colour of an error. */
static void
show_notice (MynaPinDialog *self,
             const char    *message)
{
  show_error (self, NULL, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->current_entry),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
}

static void
update_tries_label (MynaPinDialog *self)
{
  g_autofree char *text = NULL;

  if (!self->tries_read)
    {
      gtk_label_set_label (self->tries_label, _("Checking the tries left…"));
      return;
    }

  if (!self->tries.known)
    {
      gtk_label_set_label (self->tries_label, _("The card did not say how many tries are left."));
      return;
    }

  text = myna_format_tries (self->tries.remaining, self->tries.max, self->tries.blocked);
  gtk_label_set_label (self->tries_label, text);
}

static const char *
format_problem (MynaPinDialog *self,
                const char    *text,
                gboolean       typing)
{
  gsize len = strlen (text);

  if (len == 0)
    return NULL;

  if (self->kind == MYNA_PIN_SIGN)
    {
      gboolean letter = FALSE, digit = FALSE, other = FALSE;

      for (const char *p = text; *p != '\0'; p++)
        {
          if (g_ascii_isalpha (*p))
            letter = TRUE;
          else if (g_ascii_isdigit (*p))
            digit = TRUE;
          else
            other = TRUE;
        }
      if (other)
        return _("Use only the letters A to Z and the digits 0 to 9, typed in half-width characters.");
      if (len > 16)
        return _("Too long: the signing password has at most 16 characters.");
      /* What more typing can still mend is not an error yet (the rule is shown anyway). */
      if (typing)
        return NULL;
      if (len < 6)
        return _("Too short: the signing password has at least 6 characters.");
      if (!letter || !digit)
        return _("The signing password contains both letters and digits.");
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return _("Use only the digits 0 to 9.");
  if (len != 4 && !(typing && len < 4))
    return _("The PIN has exactly 4 digits.");

  return NULL;
}

/* @typing: while the user types, only what more typing cannot mend is a problem. */
static gboolean
check_form (MynaPinDialog *self,
            gboolean       show,
            gboolean       typing)
{
  g_autoptr(char_wiped) current = entry_text (self->current_entry);
  const char *problem = NULL;
  GtkWidget *problem_entry = NULL;
  gboolean complete;

  complete = myna_pin_check_format (self->kind, current, NULL);
  if (!complete && (problem = format_problem (self, current, typing)) != NULL)
    problem_entry = GTK_WIDGET (self->current_entry);

  if (self->mode == MYNA_PIN_DIALOG_CHANGE)
    {
      g_autoptr(char_wiped) new_pin = entry_text (self->new_entry);
      g_autoptr(char_wiped) confirm = entry_text (self->confirm_entry);

      if (!myna_pin_check_format (self->kind, new_pin, NULL))
        {
          complete = FALSE;
          if (problem == NULL && (problem = format_problem (self, new_pin, typing)) != NULL)
            problem_entry = GTK_WIDGET (self->new_entry);
        }
      else if (g_ascii_strcasecmp (new_pin, current) == 0)
        {
          complete = FALSE;
          if (problem == NULL)
            {
              problem = self->kind == MYNA_PIN_SIGN
                        ? _("The new password is the same as the current one.")
                        : _("The new PIN is the same as the current one.");
              problem_entry = GTK_WIDGET (self->new_entry);
            }
        }
      else if (g_ascii_strcasecmp (new_pin, confirm) != 0)
        {
          complete = FALSE;
          /* Only complain once the confirmation is as long as the new PIN. */
          if (problem == NULL && strlen (confirm) >= strlen (new_pin))
            {
              problem = self->kind == MYNA_PIN_SIGN
                        ? _("The two new passwords are not the same.")
                        : _("The two new PINs are not the same.");
              problem_entry = GTK_WIDGET (self->confirm_entry);
            }
        }
    }

  if (show)
    show_error (self, problem_entry, problem);

  return complete;
}

static void
update_submit (MynaPinDialog *self)
{
  gboolean ok = self->tries_read && !self->working && !self->locked && check_form (self, FALSE, TRUE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), ok);
}

static void
entry_changed_cb (GtkEditable   *editable,
                  MynaPinDialog *self)
{
  if (self->working)
    return;

  check_form (self, TRUE, TRUE);
  update_submit (self);
}

static void
set_working (MynaPinDialog *self,
             gboolean       working)
{
  self->working = working;
  if (!working)
    self->sending = FALSE;
  /* Take the focus out of the form before it turns insensitive: GTK 4.8 leaves a focused
   * entry blinking without a focus-out ("GtkText did not receive a focus-out event"). Not
   * onto Cancel while a PIN is sent: a second Enter would press it. */
  if (working && gtk_widget_get_focus_child (self->form_box) != NULL)
    {
      if (self->sending)
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), working);
  gtk_spinner_set_spinning (self->spinner, working);
  gtk_widget_set_sensitive (self->form_box, !working);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->form_box),
                               GTK_ACCESSIBLE_STATE_BUSY, working,
                               -1);
  update_submit (self);
}

static void
show_result (MynaPinDialog *self,
             const char    *icon,
             const char    *title,
             const char    *description,
             const char    *button)
{
  adw_status_page_set_icon_name (self->result_page, icon);
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
  gtk_button_set_label (self->result_button, button);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack,
                                                                      gtk_stack_get_child_by_name (self->stack, "result"))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  myna_page_name_rows (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->result_button));
}

static void
show_locked (MynaPinDialog *self)
{
  const char *title;

  self->locked = TRUE;
  clear_entries (self);
  g_object_set_data (G_OBJECT (self->result_button), "goto-reset", GINT_TO_POINTER (TRUE));
  /* Whole titles rather than "%s Is Locked": a PIN name inside a title-case string read
   * "Card information PIN Is Locked". */
  title = self->kind == MYNA_PIN_SIGN ? _("The Signing Password Is Locked")
          : self->kind == MYNA_PIN_AUTH ? _("The User Authentication PIN Is Locked")
          : _("The Card Information PIN Is Locked");
  show_result (self, "system-lock-screen-symbolic", title,
               _("Waiting does not unlock it. It must be reset; the next step shows how and where."),
               _("_Show How to Reset It"));
  /* Going to the reset guide is offered, not forced. */
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
}

static void
set_tries (MynaPinDialog      *self,
           const MynaPinTries *tries)
{
  self->tries = *tries;
  self->tries_read = TRUE;
  myna_session_set_tries (self->session, self->kind, tries);
  update_tries_label (self);
}

/* The card accepted the PIN: its count of wrong entries is back to zero. */
static void
set_tries_full (MynaPinDialog *self)
{
  MynaPinTries tries = self->tries;

  tries.known = TRUE;
  tries.blocked = FALSE;
  tries.remaining = tries.max != 0 ? tries.max : myna_pin_kind_max_tries (self->kind);
  set_tries (self, &tries);
}

static void
query_tries_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MynaPinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  MynaPinTries tries = { 0 };

  myna_session_end_job (self->session);
  set_working (self, FALSE);

  if (!myna_card_worker_query_tries_finish (MYNA_CARD_WORKER (source), result, &tries, &error))
    {
      /* The card went while its tries were read: the dialog already says so. */
      if (self->card_gone)
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      show_result (self, "dialog-warning-symbolic", _("The Card Could Not Be Read"),
                   error->message, _("_Close"));
      return;
    }

  if (self->card_gone)
    return;
  set_tries (self, &tries);
  if (tries.blocked || (tries.known && tries.remaining == 0))
    show_locked (self);
  else
    {
      if (self->memo_check != NULL)
        myna_memo_check_fill (MYNA_MEMO_CHECK (self->memo_check),
                              GTK_EDITABLE (self->current_entry), &tries);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
    }

  update_submit (self);
}

/* Reads the tries afresh (no try spent): another program may have used one since, and after
 * a cancelled job we must not guess whether the card counted it. */
static void
start_query (MynaPinDialog *self)
{
  MynaCardWorker *worker = myna_session_get_worker (self->session);
  GCancellable *cancellable;

  if (worker == NULL || myna_session_get_busy (self->session))
    {
      MynaPinTries tries;

      /* No worker (card gone): fall back on the last known count; submit will say why. */
      if (myna_session_get_tries (self->session, self->kind, &tries))
        {
          self->tries = tries;
          self->tries_read = TRUE;
          update_tries_label (self);
          if (tries.blocked)
            show_locked (self);
        }
      return;
    }

  cancellable = myna_session_begin_job (self->session);
  set_working (self, TRUE);
  myna_card_worker_query_tries_async (worker, self->kind, cancellable, query_tries_cb,
                                      g_object_ref (self));
}

static void check_card (MynaPinDialog *self);

/* Returns FALSE when the dialog is gone (closed while the PIN job waited, and the job was
 * cancelled before it reached the card), so the caller shows nothing more. */
static gboolean
operation_done (MynaPinDialog *self,
                gboolean       ok,
                guint          remaining,
                GError        *error)
{
  MynaPinTries tries = self->tries;

  myna_session_end_job (self->session);
  set_working (self, FALSE);

  if (self->stopping || self->hidden)
    {
      /* Closed while the PIN job was on its way. */
      self->stopping = FALSE;
      self->hidden = FALSE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          memo_cancelled (self);
          gtk_window_destroy (GTK_WINDOW (self));
          return FALSE;
        }
      if (ok && (self->mode == MYNA_PIN_DIALOG_READ_SIGN_CERT || self->mode == MYNA_PIN_DIALOG_READ_CARD_INFO))
        {
          /* Accepted: the count is back to full; the personal data the user no longer
           * waited for is not shown. */
          set_tries_full (self);
          gtk_window_destroy (GTK_WINDOW (self));
          return FALSE;
        }
      /* The card answered after all: a try counted, or the PIN changed. Say so. */
      show_notice (self, NULL);
      gtk_window_present (GTK_WINDOW (self));
    }

  if (ok)
    {
      if (self->memo_check != NULL)
        myna_memo_check_accepted (MYNA_MEMO_CHECK (self->memo_check));
      set_tries_full (self);
      return TRUE;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      memo_cancelled (self);
      show_notice (self, _("Cancelled. Nothing more was sent to the card."));
      self->tries_read = FALSE;
      update_tries_label (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
      check_card (self);
      if (!self->card_gone)
        start_query (self);
      return TRUE;
    }

  if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_INCORRECT))
    {
      g_autofree char *message = NULL;
      gboolean forgotten = memo_rejected (self);

      tries.known = TRUE;
      tries.remaining = remaining;
      tries.blocked = remaining == 0;
      set_tries (self, &tries);
      if (remaining == 0)
        {
          show_locked (self);
          return TRUE;
        }

      if (self->kind == MYNA_PIN_SIGN)
        message = g_strdup_printf (ngettext ("Wrong password. %d more wrong entry will lock it. If you are not sure, stop here and look for the form on which you wrote it down.",
                                             "Wrong password. %d more wrong entries will lock it. If you are not sure, stop here and look for the form on which you wrote it down.",
                                             remaining), remaining);
      else
        message = g_strdup_printf (ngettext ("Wrong PIN. %d more wrong entry will lock it. If you are not sure, stop here and look for the form on which you wrote it down.",
                                             "Wrong PIN. %d more wrong entries will lock it. If you are not sure, stop here and look for the form on which you wrote it down.",
                                             remaining), remaining);
      if (forgotten)
        {
          /* Translators: two sentences in a row; Japanese puts no space between them. */
          char *with_memo = g_strdup_printf (C_("two sentences", "%1$s %2$s"), message,
                                             self->kind == MYNA_PIN_SIGN
                                             ? _("The password remembered in the login keyring was wrong and has been removed from it.")
                                             : _("The PIN remembered in the login keyring was wrong and has been removed from it."));

          g_free (message);
          message = with_memo;
        }
      show_error (self, GTK_WIDGET (self->current_entry), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
      check_card (self);
      return TRUE;
    }

  if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_BLOCKED))
    {
      memo_rejected (self);
      tries.known = TRUE;
      tries.remaining = 0;
      tries.blocked = TRUE;
      set_tries (self, &tries);
      show_locked (self);
      return TRUE;
    }

  if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_LAST_TRY))
    {
      memo_cancelled (self);
      /* Another program used a try since we looked: the guard stopped us, nothing was sent. */
      tries.known = TRUE;
      tries.remaining = 1;
      set_tries (self, &tries);
      show_error (self, GTK_WIDGET (self->current_entry),
                  _("Only one try is left now, so nothing was sent. Enter the PIN again only if you are sure; you will be asked to confirm."));
      gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
      check_card (self);
      return TRUE;
    }

  if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_PIN_FORMAT))
    {
      memo_cancelled (self);
      show_error (self, GTK_WIDGET (self->current_entry), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
      check_card (self);
      return TRUE;
    }

  memo_cancelled (self);
  {
    /* Translators: two sentences in a row; Japanese puts no space between them. */
    g_autofree char *text = g_strdup_printf (C_("two sentences", "%1$s %2$s"), error->message,
                                             _("Whether the card counted this entry is not known: the tries left are read again when the card is back on the reader."));

    show_result (self, "dialog-warning-symbolic", _("The Card Could Not Be Used"), text, _("_Close"));
  }
  return TRUE;
}

static void
verify_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MynaPinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint remaining = 0;
  gboolean ok;

  ok = myna_card_worker_verify_finish (MYNA_CARD_WORKER (source), result, &remaining, &error);
  if (operation_done (self, ok, remaining, error) && ok)
    show_result (self, "emblem-ok-symbolic",
                 self->kind == MYNA_PIN_SIGN ? _("The Signing Password Is Correct") : _("The PIN Is Correct"),
                 _("The card accepted it, and the count of wrong entries is back to zero."),
                 _("_Done"));
}

static void
change_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MynaPinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint remaining = 0;
  gboolean ok;

  ok = myna_card_worker_change_pin_finish (MYNA_CARD_WORKER (source), result, &remaining, &error);
  if (operation_done (self, ok, remaining, error) && ok)
    show_result (self, "emblem-ok-symbolic",
                 self->kind == MYNA_PIN_SIGN ? _("The Signing Password Was Changed") : _("The PIN Was Changed"),
                 self->kind == MYNA_PIN_SIGN
                 ? _("Use the new password from now on. Update the form on which you keep your passwords, and keep it in a safe place.")
                 : _("Use the new PIN from now on. Update the form on which you keep your PINs, and keep it in a safe place."),
                 _("_Done"));
}

static void
read_sign_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MynaPinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaCertificate) certificate = NULL;
  guint remaining = 0;

  certificate = myna_card_worker_read_sign_certificate_finish (MYNA_CARD_WORKER (source), result,
                                                               &remaining, &error);
  if (operation_done (self, certificate != NULL, remaining, error) && certificate != NULL)
    {
      g_signal_emit (self, signals[CERTIFICATE_READ], 0, certificate);
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
read_card_info_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MynaPinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaCardInfo) info = NULL;
  guint remaining = 0;

  info = myna_card_worker_read_card_info_finish (MYNA_CARD_WORKER (source), result, &remaining, &error);
  if (operation_done (self, info != NULL, remaining, error) && info != NULL)
    {
      /* Only the address leaves the dialog, and only to the office search. */
      g_signal_emit (self, signals[ADDRESS_READ], 0, info->address);
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
run_operation (MynaPinDialog *self,
               gboolean       last_try_confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaPin) pin = NULL;
  g_autoptr(MynaPin) new_pin = NULL;
  MynaCardWorker *worker = myna_session_get_worker (self->session);
  GCancellable *cancellable;

  /* The card the tries were read from must still be there. */
  check_card (self);
  if (self->card_gone)
    return;

  if (worker == NULL)
    {
      clear_entries (self);
      show_result (self, "dialog-warning-symbolic", _("The Card Is Not Ready"),
                   _("Place the card on the reader again and wait until it has been read."),
                   _("_Close"));
      return;
    }

  {
    g_autoptr(char_wiped) text = entry_text (self->current_entry);

    /* Hand the texts to the memo box now (it keeps them wiped until the card answers). */
    if (self->memo_check != NULL)
      {
        g_autoptr(char_wiped) new_text = self->mode == MYNA_PIN_DIALOG_CHANGE
                                         ? entry_text (self->new_entry) : NULL;

        myna_memo_check_submit (MYNA_MEMO_CHECK (self->memo_check), text, new_text);
      }
    pin = myna_pin_new (self->kind, text, &error);
  }
  if (pin != NULL && self->mode == MYNA_PIN_DIALOG_CHANGE)
    {
      g_autoptr(char_wiped) text = entry_text (self->new_entry);

      new_pin = myna_pin_new (self->kind, text, &error);
    }

  /* From here the PIN lives only in the worker's wiped buffer. */
  clear_entries (self);

  if (pin == NULL || (self->mode == MYNA_PIN_DIALOG_CHANGE && new_pin == NULL))
    {
      memo_cancelled (self);
      show_error (self, GTK_WIDGET (self->current_entry), error->message);
      return;
    }

  show_error (self, NULL, NULL);
  cancellable = myna_session_begin_job (self->session);
  self->sending = TRUE;
  set_working (self, TRUE);

  switch (self->mode)
    {
    case MYNA_PIN_DIALOG_TEST:
      myna_card_worker_verify_async (worker, g_steal_pointer (&pin), last_try_confirmed,
                                     cancellable, verify_cb, g_object_ref (self));
      break;

    case MYNA_PIN_DIALOG_CHANGE:
      myna_card_worker_change_pin_async (worker, g_steal_pointer (&pin), g_steal_pointer (&new_pin),
                                         last_try_confirmed, cancellable, change_cb,
                                         g_object_ref (self));
      break;

    case MYNA_PIN_DIALOG_READ_SIGN_CERT:
      myna_card_worker_read_sign_certificate_async (worker, g_steal_pointer (&pin),
                                                    last_try_confirmed, cancellable,
                                                    read_sign_cb, g_object_ref (self));
      break;

    case MYNA_PIN_DIALOG_READ_CARD_INFO:
      myna_card_worker_read_card_info_async (worker, g_steal_pointer (&pin),
                                             last_try_confirmed, cancellable,
                                             read_card_info_cb, g_object_ref (self));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
last_try_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      MynaPinDialog    *self)
{
  if (g_strcmp0 (response, "use") == 0)
    run_operation (self, TRUE);
  else
    {
      clear_entries (self);
      show_notice (self, _("Nothing was sent to the card."));
      gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
    }
}

/* The consequence of a wrong last entry for this PIN on this card: which reset routes stay
 * open (domain.md §2: the kiosk resets the signing password or the authentication PIN only
 * with the other one still working; the 4-digit card-information PIN only at the office). */
static char *
last_try_body (MynaPinDialog *self)
{
  MynaPinTries other = { 0 };
  gboolean other_locked = FALSE;
  const char *route;

  if (self->kind == MYNA_PIN_SIGN || self->kind == MYNA_PIN_AUTH)
    other_locked = myna_session_get_tries (self->session,
                                           self->kind == MYNA_PIN_SIGN ? MYNA_PIN_AUTH : MYNA_PIN_SIGN,
                                           &other)
                   && other.known && other.blocked;

  if (self->kind == MYNA_PIN_SIGN && !other_locked)
    route = _("It can then be reset at the municipal office, or with the smartphone app and a convenience-store kiosk if you know your user authentication PIN (4 digits).");
  else if (self->kind == MYNA_PIN_AUTH && !other_locked)
    route = _("It can then be reset at the municipal office, or with the smartphone app and a kiosk at some convenience stores if you know your signing password.");
  else if (other_locked)
    route = _("Your other certificate PIN is locked too, so only the municipal office of your registered address could reset it.");
  else
    route = _("It can then be reset only at the municipal office of your registered address.");

  /* Translators: %1$s is the name of a PIN, %2$s says where it can be reset. */
  return g_strdup_printf (_("Only one try is left. If this entry is wrong, the %1$s will be locked. %2$s Before guessing, look for the form on which you wrote your PINs. Continue only if you are sure."),
                          myna_pin_kind_get_noun (self->kind), route);
}

/* Enter in an entry while the form is not complete: say what is missing (Submit is
 * insensitive, so nothing else would happen). */
static void
entry_activate_cb (GtkPasswordEntry *entry,
                   MynaPinDialog    *self)
{
  if (self->tries_read && !self->working && !self->locked &&
      !gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button)))
    check_form (self, TRUE, FALSE);
}

static void
submit_clicked_cb (GtkButton     *button,
                   MynaPinDialog *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button)) || !check_form (self, TRUE, FALSE))
    return;

  if (!(self->tries.known && self->tries.remaining == 1))
    {
      run_operation (self, FALSE);
      return;
    }

  body = last_try_body (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Use the Last Try?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "use", _("_Use My Last Try"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (last_try_response_cb), self);
  /* Orca 43 reads only the title of a libadwaita 1.2 message dialog and then the focused
   * button: the consequence goes into the dialog's description, read with its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_clicked_cb (GtkButton     *button,
                   MynaPinDialog *self)
{
  /* While the card works, Cancel closes too: the card may be held by another program for a
   * long time, and close_request() takes care of a PIN on its way. */
  gtk_window_close (GTK_WINDOW (self));
}

static void
result_clicked_cb (GtkButton     *button,
                   MynaPinDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (g_object_get_data (G_OBJECT (button), "goto-reset") && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.goto-reset", "(ss)",
                                myna_pin_kind_to_string (self->kind), "locked");

  gtk_window_close (GTK_WINDOW (self));
}

/* The card this dialog was opened for went away (or another took its place): what it knows of
 * the tries, and a PIN remembered for that card, must not be used on another one. */
static void
check_card (MynaPinDialog *self)
{
  MynaCardStatus *status = myna_session_get_status (self->session);

  /* While a PIN is sent, the answer comes first; this is checked again then. */
  if (self->sending || self->status == NULL)
    return;
  if (myna_session_get_state (self->session) == MYNA_SESSION_READY && status == self->status)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0)
    return;

  self->card_gone = TRUE;
  g_clear_pointer (&self->status, myna_card_status_unref);
  if (self->working)
    myna_session_cancel_job (self->session);
  clear_entries (self);
  memo_cancelled (self);
  show_result (self, "dialog-warning-symbolic", _("The Card Was Removed"),
               _("Nothing was sent to the card. Place the card on the reader, wait until it has been read, and start again."),
               _("_Close"));
}

static void
session_changed_cb (MynaSession   *session,
                    MynaPinDialog *self)
{
  check_card (self);
}

static gboolean
myna_pin_dialog_close_request (GtkWindow *window)
{
  MynaPinDialog *self = MYNA_PIN_DIALOG (window);

  clear_entries (self);
  /* A PIN on its way: cancel the job, which stops it if it has not reached the card yet, and
   * wait for the answer in view (the window behind stays blocked, so the card cannot be
   * pulled unawares). If the card is held by another program for long, a second close hides
   * the dialog; it comes back if the card answers after all (operation_done()). */
  if (self->sending && !self->stopping)
    {
      self->stopping = TRUE;
      myna_session_cancel_job (self->session);
      show_notice (self, _("Stopping… If the card already has the PIN, its answer is shown here."));
      return TRUE;
    }
  if (self->sending)
    {
      self->hidden = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  /* Closing while the tries are read cancels that. */
  if (self->working)
    myna_session_cancel_job (self->session);

  return GTK_WINDOW_CLASS (myna_pin_dialog_parent_class)->close_request (window);
}

static void
setup (MynaPinDialog *self)
{
  const char *title = myna_pin_kind_get_title (self->kind);
  const char *noun = myna_pin_kind_get_noun (self->kind);
  g_autofree char *intro = NULL;
  const char *current = NULL;
  const char *submit = NULL;
  gboolean change = self->mode == MYNA_PIN_DIALOG_CHANGE;
  switch (self->mode)
    {
    case MYNA_PIN_DIALOG_TEST:
      adw_window_title_set_title (self->window_title,
                                  self->kind == MYNA_PIN_SIGN ? _("Test the Signing Password") : _("Test a PIN"));
      /* Translators: %s is the name of a PIN. */
      intro = g_strdup_printf (_("The card checks the %s you enter. If it is right, the count of wrong entries goes back to zero; if it is wrong, one try is used."), noun);
      current = self->kind == MYNA_PIN_SIGN ? _("_Signing password")
                : self->kind == MYNA_PIN_AUTH ? _("_User authentication PIN")
                /* Translators: not the access key of Cancel (C). */
                : _("Card _information PIN");
      submit = _("_Test");
      break;

    case MYNA_PIN_DIALOG_CHANGE:
      if (self->kind == MYNA_PIN_SIGN)
        {
          /* The signing password is a password, not a PIN, in its own dialog too. */
          adw_window_title_set_title (self->window_title, _("Change the Signing Password"));
          intro = g_strdup (_("Enter the current signing password and the new one. A wrong current password uses one try. A locked or forgotten password cannot be changed here; it must be reset."));
        }
      else
        {
          adw_window_title_set_title (self->window_title, _("Change a PIN"));
          /* Translators: %s is the name of a PIN. */
          intro = g_strdup_printf (_("Enter the current %s and the new one. A wrong current PIN uses one try. A locked or forgotten PIN cannot be changed here; it must be reset."), noun);
        }
      current = _("C_urrent PIN");
      submit = _("C_hange");
      break;

    case MYNA_PIN_DIALOG_READ_SIGN_CERT:
      adw_window_title_set_title (self->window_title, _("Signing Certificate"));
      intro = g_strdup (_("The card shows the signing certificate only after the signing password. It contains your name, address, date of birth and sex. This app shows them in this window only and never stores them. A wrong password uses one try."));
      current = _("_Signing password");
      submit = _("_Show");
      break;

    case MYNA_PIN_DIALOG_READ_CARD_INFO:
      adw_window_title_set_title (self->window_title, _("Address on the Card"));
      intro = g_strdup (_("To find your municipality, the card can give the address where you are registered. It needs the card information PIN. The address is only put into the office search and never stored. A wrong PIN uses one try."));
      /* Translators: not the access key of Cancel (C). */
      current = _("Card _information PIN");
      submit = _("_Read");
      break;

    default:
      g_assert_not_reached ();
    }

  if (myna_session_get_demo (self->session))
    {
      g_autofree char *pin = myna_session_dup_demo_pin (self->session, self->kind);

      if (pin != NULL)
        {
          char *with_hint;

          /* Translators: shown only with the demo card; %s is its fictitious PIN. */
          with_hint = g_strdup_printf (_("%1$s On the demo card it is %2$s."), intro, pin);
          g_free (intro);
          intro = with_hint;
        }
    }

  adw_window_title_set_subtitle (self->window_title, title);
  /* GTK 4.8 names a stack page "GtkStackPage" to screen readers; name it after what it is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack,
                                                                      gtk_stack_get_child_by_name (self->stack, "form"))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_window_title_get_title (self->window_title),
                                  -1);
  myna_accessible_name_scrolled (GTK_WIDGET (self), title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->intro_label, intro);
  /* Announced with the dialog: no Tab stop reaches the introduction otherwise. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, intro,
                                  -1);
  gtk_label_set_label (self->rule_label, myna_pin_kind_get_rule (self->kind));
  gtk_label_set_label (self->current_label, current);
  gtk_button_set_label (self->submit_button, submit);

  if (self->kind == MYNA_PIN_SIGN)
    {
      gtk_label_set_label (self->new_label, _("_New signing password"));
      gtk_label_set_label (self->confirm_label, _("C_onfirm the new signing password"));
      if (change)
        gtk_label_set_label (self->current_label, _("C_urrent signing password"));
    }

  /* Not for reading the address: that PIN is typed once, for one search. */
  if (self->mode != MYNA_PIN_DIALOG_READ_CARD_INFO)
    {
      self->memo_check = myna_memo_check_new (self->kind);
      /* Below the message line, which belongs right under the entries it speaks of. */
      gtk_box_insert_child_after (GTK_BOX (self->form_box), self->memo_check,
                                  GTK_WIDGET (self->error_label));
      myna_memo_check_set_status (MYNA_MEMO_CHECK (self->memo_check),
                                  myna_session_get_status (self->session));
    }

  if (myna_session_get_status (self->session) != NULL)
    self->status = myna_card_status_ref (myna_session_get_status (self->session));
  g_signal_connect_object (self->session, "changed", G_CALLBACK (session_changed_cb), self, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->new_label), change);
  gtk_widget_set_visible (GTK_WIDGET (self->new_entry), change);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_label), change);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_entry), change);

  /* The rule and the tries left are the description of every entry; the error label is its
   * error message. */
  {
    GtkWidget *entries[] = {
      GTK_WIDGET (self->current_entry), GTK_WIDGET (self->new_entry), GTK_WIDGET (self->confirm_entry)
    };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        gtk_accessible_update_relation (GTK_ACCESSIBLE (entries[i]),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                        self->rule_label, self->tries_label, NULL,
                                        GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->error_label,
                                        -1);
        gtk_accessible_update_property (GTK_ACCESSIBLE (entries[i]),
                                        GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                        -1);
      }
  }

  update_tries_label (self);
  update_submit (self);
  myna_page_name_rows (GTK_WIDGET (self));

  start_query (self);
}

static void
myna_pin_dialog_dispose (GObject *object)
{
  MynaPinDialog *self = MYNA_PIN_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->status, myna_card_status_unref);

  G_OBJECT_CLASS (myna_pin_dialog_parent_class)->dispose (object);
}

static void
myna_pin_dialog_class_init (MynaPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = myna_pin_dialog_dispose;
  window_class->close_request = myna_pin_dialog_close_request;

  /**
   * MynaPinDialog::certificate-read:
   *
   * The signing certificate was read (mode %MYNA_PIN_DIALOG_READ_SIGN_CERT). Show it; do not
   * keep it longer than the user looks at it.
   */
  signals[CERTIFICATE_READ] =
    g_signal_new ("certificate-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MYNA_TYPE_CERTIFICATE);

  /**
   * MynaPinDialog::address-read:
   * @address: (nullable): the registered address as the card holds it
   *
   * The card-information AP was read (mode %MYNA_PIN_DIALOG_READ_CARD_INFO). Use the address
   * for the office search only.
   */
  signals[ADDRESS_READ] =
    g_signal_new ("address-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-pin-dialog.ui");
  /* A dialog to screen readers, not a plain frame: Orca then reads its description. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, tries_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, rule_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, current_entry);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, new_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, new_entry);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, MynaPinDialog, result_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
myna_pin_dialog_init (MynaPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Nothing a screen reader meets may go by its GTK type name: the peek icons, the result
   * page and its button before any result. */
  {
    GtkPasswordEntry *entries[] = { self->current_entry, self->new_entry, self->confirm_entry };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (entries[i])); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_IMAGE (c))
          gtk_accessible_update_property (GTK_ACCESSIBLE (c),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show or hide what was typed"),
                                          -1);
  }
  gtk_button_set_label (self->result_button, _("_Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack,
                                                                      gtk_stack_get_child_by_name (self->stack, "result"))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Result"),
                                  -1);

  /* The PIN stays out of the entries' own text, which GTK 4.8 hands to screen readers. */
  myna_pin_entry_guard_attach (self->current_entry);
  myna_pin_entry_guard_attach (self->new_entry);
  myna_pin_entry_guard_attach (self->confirm_entry);
  g_signal_connect (self->current_entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (self->new_entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (self->confirm_entry, "changed", G_CALLBACK (entry_changed_cb), self);
  /* A tall form at 200 % text: the first entry was focused below the fold. */
  myna_keep_focus_in_view (GTK_WINDOW (self));
  g_signal_connect (self->submit_button, "clicked", G_CALLBACK (submit_clicked_cb), self);
  g_signal_connect (self->current_entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect (self->new_entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect (self->confirm_entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  g_signal_connect (self->result_button, "clicked", G_CALLBACK (result_clicked_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->submit_button));
}

/**
 * myna_pin_dialog_new:
 * @parent: (nullable): the window
 *
 * Returns: (transfer none): a new dialog; present it
 */
MynaPinDialog *
myna_pin_dialog_new (GtkWindow         *parent,
                     MynaSession       *session,
                     MynaPinKind        kind,
                     MynaPinDialogMode  mode)
{
  MynaPinDialog *self;

  g_return_val_if_fail (MYNA_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind < MYNA_PIN_KIND_COUNT, NULL);
  g_return_val_if_fail (mode != MYNA_PIN_DIALOG_READ_SIGN_CERT || kind == MYNA_PIN_SIGN, NULL);
  g_return_val_if_fail (mode != MYNA_PIN_DIALOG_READ_CARD_INFO || kind == MYNA_PIN_CARD_INFO, NULL);

  self = g_object_new (MYNA_TYPE_PIN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->kind = kind;
  self->mode = mode;
  setup (self);

  /* Never wider or taller than the window it belongs to (a phone-sized window is 360 px). */
  if (parent != NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (parent));
      int height = gtk_widget_get_height (GTK_WIDGET (parent));
      int default_width = 0, default_height = 0;

      gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), MIN (default_width, width), MIN (default_height, height));
    }

  return self;
}

MynaPinKind
myna_pin_dialog_get_kind (MynaPinDialog *self)
{
  g_return_val_if_fail (MYNA_IS_PIN_DIALOG (self), MYNA_PIN_AUTH);

  return self->kind;
}

/**
 * myna_pin_dialog_get_can_submit:
 *
 * Whether Submit is enabled (tests: the format check as the user types).
 */
gboolean
myna_pin_dialog_get_can_submit (MynaPinDialog *self)
{
  g_return_val_if_fail (MYNA_IS_PIN_DIALOG (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button));
}
