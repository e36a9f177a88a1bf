#!/bin/sh
# run-atspi-test.sh — run the AT-SPI end-to-end test on its own session bus and X display
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-atspi-test.sh MYNASSIST PROFILE
# The accessibility bus and registry are D-Bus activated on the private session bus. Under
# `xvfb-run -a meson test` DISPLAY is set already; otherwise start an Xvfb of our own.

set -eu
here=$(dirname "$0")
unset NO_AT_BRIDGE GTK_A11Y

# The D-Bus activated services (a11y bus, registry, keyring) print to the session's stdout,
# which meson reads as TAP: send that to stderr and give the test the real stdout as fd 3.
exec 3>&1
run_test='exec /usr/bin/python3 "$@" >&3 3>&-'
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1024x768x24 -noreset" dbus-run-session -- \
    sh -c "$run_test" sh "$here/test-wizard-atspi.py" "$@" >&2
fi
exec dbus-run-session -- sh -c "$run_test" sh "$here/test-wizard-atspi.py" "$@" >&2
