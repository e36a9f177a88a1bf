/* myna-virtual-card.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MYNA_TYPE_VIRTUAL_CARD (myna_virtual_card_get_type ())
G_DECLARE_FINAL_TYPE (MynaVirtualCard, myna_virtual_card, MYNA, VIRTUAL_CARD, GObject)

/**
 * MynaVirtualCard:
 *
 * A My Number Card model faithful to spec/jpki-card.md §9, loaded from a profile (GKeyFile,
 * see docs/virtual-card.md). Thread-safe: process() may be called from any thread.
 *
 * Key names for get_tries() and friends: "auth", "sign", "card-info" (and, for completeness,
 * "juki", "card-info-a", "card-info-b", "card-info-0012").
 */
MynaVirtualCard *myna_virtual_card_new_from_profile (const char       *profile_path,
                                                     GError          **error);
gboolean         myna_virtual_card_load_state       (MynaVirtualCard  *self,
                                                     const char       *state_path,
                                                     GError          **error);
gboolean         myna_virtual_card_save_state       (MynaVirtualCard  *self,
                                                     const char       *state_path,
                                                     GError          **error);
GBytes          *myna_virtual_card_get_atr          (MynaVirtualCard  *self);
void             myna_virtual_card_power_on         (MynaVirtualCard  *self);
void             myna_virtual_card_power_off        (MynaVirtualCard  *self);
void             myna_virtual_card_reset            (MynaVirtualCard  *self);
gsize            myna_virtual_card_process          (MynaVirtualCard  *self,
                                                     const guint8     *command,
                                                     gsize             command_len,
                                                     guint8           *response,
                                                     gsize             response_size);
guint            myna_virtual_card_get_tries        (MynaVirtualCard  *self,
                                                     const char       *key);
guint            myna_virtual_card_get_latency_ms   (MynaVirtualCard  *self);
void             myna_virtual_card_set_latency_ms   (MynaVirtualCard  *self,
                                                     guint             latency_ms);
guint            myna_virtual_card_get_command_count (MynaVirtualCard *self);
guint            myna_virtual_card_get_verify_count (MynaVirtualCard  *self);

/* Added by the virtual-card work (see docs/virtual-card.md). */
gboolean         myna_virtual_card_set_state_path   (MynaVirtualCard  *self,
                                                     const char       *state_path,
                                                     GError          **error);
guint            myna_virtual_card_get_max_tries    (MynaVirtualCard  *self,
                                                     const char       *key);
gboolean         myna_virtual_card_is_verified      (MynaVirtualCard  *self,
                                                     const char       *key);
gboolean         myna_virtual_card_is_powered       (MynaVirtualCard  *self);

char            *myna_demo_profile_path             (void);

G_END_DECLS
