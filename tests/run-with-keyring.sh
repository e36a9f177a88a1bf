#!/bin/sh
# run-with-keyring.sh — run a command against a real, private Secret Service
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts a session bus of its own (dbus-run-session) with gnome-keyring-daemon's secrets
# component, whose login keyring is created and unlocked with the password "test". HOME and
# the XDG directories point into a temporary directory, so the user's real keyring is never
# read or written. Usage: run-with-keyring.sh COMMAND [ARG…]; exits with COMMAND's status,
# or 77 (skip) when gnome-keyring-daemon or dbus-run-session is not installed.

for tool in dbus-run-session gnome-keyring-daemon gdbus; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/myna-keyring-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

export HOME="$tmp/home" MYNA_TEST_KEYRING=1
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

# The inner shell starts the daemon, waits until it owns org.freedesktop.secrets (otherwise
# D-Bus activation could start a second, locked daemon), then runs the command. The daemon
# runs without the test G_DEBUG: fatal-warnings would kill it on its own warnings. (No
# apostrophes inside the quoted script below.)
dbus-run-session -- sh -c '
  printf test | env -u G_DEBUG -u G_MESSAGES_DEBUG \
    gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null || exit 1
  i=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
        grep -q true; do
    i=$((i + 1))
    if [ $i -gt 100 ]; then
      echo "gnome-keyring-daemon did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  # The daemon normally leaves with the bus; stop it anyway so that no test leaves it behind.
  pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets |
        tr -dc "0-9")
  "$@"
  rc=$?
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  exit $rc
' sh "$@"
