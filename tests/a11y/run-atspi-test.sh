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

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1024x768x24 -noreset" dbus-run-session -- /usr/bin/python3 "$here/test-wizard-atspi.py" "$@"
fi
exec dbus-run-session -- /usr/bin/python3 "$here/test-wizard-atspi.py" "$@"
