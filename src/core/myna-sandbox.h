/* myna-sandbox.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the app runs: on the host or inside a Flatpak sandbox, and whether that sandbox may
 * reach the host's pcscd. The reader diagnosis uses this to say what the user can do when
 * pcscd is unreachable.
 *
 * Two environment variables exist for tests: MYNASSIST_SANDBOX=flatpak|none forces the answer
 * of myna_sandbox_is_flatpak(), and MYNASSIST_FLATPAK_INFO names the file read instead of
 * /.flatpak-info.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean myna_sandbox_is_flatpak       (void);
gboolean myna_sandbox_has_pcsc_socket  (void);
char    *myna_sandbox_pcscd_hint       (void);

G_END_DECLS
