#!/bin/bash
# run-app.sh — installs what is missing, builds Mynassist and starts it: on your card reader
# when pcscd sees one, otherwise on the built-in demo card.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
BUILD=${BUILD:-_build/app}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
ninja -C "$BUILD" >/dev/null

args=()
if ! "$BUILD/src/cli/mynassist-cli" readers >/dev/null 2>&1; then
  echo "No card reader found: starting with the demo card." >&2
  args+=(--demo)
fi
# The app finds its schema and translations in the build tree through meson's devenv.
exec meson devenv -C "$BUILD" ./src/ui/mynassist "${args[@]}" "$@"
