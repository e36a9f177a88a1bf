/* myna-pin-entry-guard.c — keeps the PIN out of a password entry's text
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 hands a password entry's real characters to assistive technology: every keystroke
 * goes out in an AT-SPI text-changed event (Orca speaks "1", "2", "3", "4" aloud) and the
 * Text interface returns the PIN to any program on the accessibility bus. The guard keeps the
 * PIN in a buffer of its own, wiped after use, and lets the entry hold one "*" per character,
 * so that a screen reader says "star" as it should. The entry still shows its usual dots.
 * When the user asks to see the PIN (the peek icon), the entry shows the real text, as any
 * visible text is shown, and goes back to stars when it is hidden again.
 */

#define G_LOG_DOMAIN "myna-pin-entry-guard"

#include "config.h"

#include <string.h>

#include "core/myna-pin.h"
#include "myna-pin-entry-guard.h"

/* Far above the longest PIN (16); a paste beyond it is refused rather than truncated. */
#define GUARD_CAPACITY 256

typedef struct
{
  GtkEditable *text;       /* the entry's GtkText, which owns the guard */
  gpointer     entry;      /* weak: the entry may go first */
  gulong       destroy_id;
  char         pin[GUARD_CAPACITY + 1];
  gsize        len;        /* bytes */
  gboolean     swapping;   /* we are replacing the shown text ourselves */
} Guard;

static const char guard_key[] = "myna-pin-entry-guard";

static void
guard_free (gpointer data)
{
  Guard *guard = data;

  if (guard->entry != NULL)
    {
      g_signal_handler_disconnect (guard->entry, guard->destroy_id);
      g_object_remove_weak_pointer (guard->entry, &guard->entry);
    }
  myna_secure_wipe (guard->pin, sizeof guard->pin);
  g_free (guard);
}

/* A character position as GtkEditable gives it; negative means the end, as for GTK. */
static gsize
byte_offset (Guard *guard,
             int    position)
{
  const char *end = guard->pin + guard->len;
  const char *p = guard->pin;

  if (position < 0)
    return guard->len;

  for (int i = 0; i < position && p < end; i++)
    p = g_utf8_next_char (p);

  return MIN ((gsize) (p - guard->pin), guard->len);
}

static void
show_text (Guard *guard)
{
  gboolean visible = gtk_text_get_visibility (GTK_TEXT (guard->text));
  glong n_chars = g_utf8_strlen (guard->pin, (gssize) guard->len);
  char *shown;

  /* Replacing the text goes through insert-text and delete-text: not ours to count. */
  guard->swapping = TRUE;
  if (visible)
    gtk_editable_set_text (guard->text, guard->pin);
  else
    {
      shown = g_strnfill ((gsize) n_chars, '*');
      gtk_editable_set_text (guard->text, shown);
      g_free (shown);
    }
  guard->swapping = FALSE;
}

static void
insert_text_cb (GtkEditable *text,
                const char  *new_text,
                int          length,
                int         *position,
                Guard       *guard)
{
  gsize bytes = length < 0 ? strlen (new_text) : (gsize) length;
  glong n_chars;
  gsize at;
  char *stars;

  if (guard->swapping)
    return;

  if (guard->len + bytes > GUARD_CAPACITY || !g_utf8_validate (new_text, (gssize) bytes, NULL))
    {
      g_signal_stop_emission_by_name (text, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (text));
      return;
    }

  at = byte_offset (guard, *position);
  memmove (guard->pin + at + bytes, guard->pin + at, guard->len - at);
  memcpy (guard->pin + at, new_text, bytes);
  guard->len += bytes;
  guard->pin[guard->len] = '\0';

  /* Shown on purpose: the text goes in as typed, like any visible text. */
  if (gtk_text_get_visibility (GTK_TEXT (text)))
    return;

  n_chars = g_utf8_strlen (new_text, (gssize) bytes);
  stars = g_strnfill ((gsize) n_chars, '*');
  guard->swapping = TRUE;
  gtk_editable_insert_text (text, stars, (int) n_chars, position);
  guard->swapping = FALSE;
  g_free (stars);
  g_signal_stop_emission_by_name (text, "insert-text");
}

static void
delete_text_cb (GtkEditable *text,
                int          start_pos,
                int          end_pos,
                Guard       *guard)
{
  gsize start, end;

  if (guard->swapping)
    return;

  start = byte_offset (guard, start_pos);
  end = end_pos < 0 ? guard->len : byte_offset (guard, end_pos);
  if (end <= start)
    return;

  memmove (guard->pin + start, guard->pin + end, guard->len - end);
  guard->len -= end - start;
  myna_secure_wipe (guard->pin + guard->len, sizeof guard->pin - guard->len);
}

static void
visibility_cb (GtkText    *text,
               GParamSpec *pspec,
               Guard      *guard)
{
  show_text (guard);
  /* GTK turns undo on for visible text, which would keep copies of what is typed. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (text), FALSE);
}

/* The dialog is gone: wipe now, even if the GtkText lives on a little (a paste in flight
 * holds it). */
static void
entry_destroy_cb (GtkWidget *entry,
                  Guard     *guard)
{
  myna_secure_wipe (guard->pin, sizeof guard->pin);
  guard->len = 0;
}

static Guard *
get_guard (GtkPasswordEntry *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  return text != NULL ? g_object_get_data (G_OBJECT (text), guard_key) : NULL;
}

/**
 * myna_pin_entry_guard_attach:
 * @entry: an empty password entry
 *
 * From now on @entry's own text is one "*" per character while the PIN is hidden; read the
 * PIN with myna_pin_entry_guard_dup_text(). gtk_editable_set_text() on @entry still works
 * (it fills the guard), and clearing @entry wipes the guard.
 */
void
myna_pin_entry_guard_attach (GtkPasswordEntry *entry)
{
  GtkEditable *text;
  Guard *guard;

  g_return_if_fail (GTK_IS_PASSWORD_ENTRY (entry));

  text = gtk_editable_get_delegate (GTK_EDITABLE (entry));
  g_return_if_fail (GTK_IS_TEXT (text));
  g_return_if_fail (g_object_get_data (G_OBJECT (text), guard_key) == NULL);

  /* The guard lives as long as the GtkText whose signals it handles: a paste still in flight
   * holds the GtkText after the dialog is destroyed, and then calls insert-text. */
  guard = g_new0 (Guard, 1);
  guard->text = text;
  g_object_set_data_full (G_OBJECT (text), guard_key, guard, guard_free);
  guard->entry = entry;
  g_object_add_weak_pointer (G_OBJECT (entry), &guard->entry);
  guard->destroy_id = g_signal_connect (entry, "destroy", G_CALLBACK (entry_destroy_cb), guard);

  g_signal_connect (text, "insert-text", G_CALLBACK (insert_text_cb), guard);
  g_signal_connect (text, "delete-text", G_CALLBACK (delete_text_cb), guard);
  g_signal_connect (text, "notify::visibility", G_CALLBACK (visibility_cb), guard);

  /* Whatever was there before is taken in as typed. */
  {
    char *before = g_strdup (gtk_editable_get_text (text));

    gtk_editable_set_text (text, "");
    gtk_editable_set_text (text, before);
    myna_secure_wipe (before, strlen (before));
    g_free (before);
  }
}

/**
 * myna_pin_entry_guard_dup_text:
 *
 * Returns: (transfer full): the PIN as typed; wipe it (myna_secure_wipe()) before freeing
 */
char *
myna_pin_entry_guard_dup_text (GtkPasswordEntry *entry)
{
  Guard *guard = get_guard (entry);

  g_return_val_if_fail (guard != NULL, g_strdup (""));

  return g_strndup (guard->pin, guard->len);
}

gboolean
myna_pin_entry_guard_is_empty (GtkPasswordEntry *entry)
{
  Guard *guard = get_guard (entry);

  g_return_val_if_fail (guard != NULL, TRUE);

  return guard->len == 0;
}
