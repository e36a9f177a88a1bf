#!/bin/bash
# test-cli-terminal.sh CLI: a PIN typed at a terminal is not shown by it. Runs mynassist-cli on
# the demo card inside a pseudo-terminal (script(1)) and types the PIN there. TAP.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
cli=$1
echo "1..4"

# type TEXT COMMAND: runs COMMAND in a pseudo-terminal, types TEXT into it after a second (by
# then the program has switched echo off), prints what the terminal showed.
type_into () {
  (sleep 1; printf '%s\n' "$1") | script -qec "$2" /dev/null 2>&1
}

# The harness itself: without the program's help, the terminal does show what is typed.
shown=$(type_into 7391 "head -n 1 >/dev/null")
case $shown in
  *7391*) echo "ok 1 - a terminal shows what is typed (the check below can fail)" ;;
  *) echo "not ok 1 - the pseudo-terminal did not echo: $shown" ;;
esac

shown=$(type_into 1234 "'$cli' --demo verify auth --pin-stdin")
case $shown in
  *1234*) echo "not ok 2 - the PIN appeared on the terminal"; printf '%s\n' "$shown" | sed 's/^/# /' ;;
  *"accepted"*) echo "ok 2 - verify: the PIN is not shown, and the card took it" ;;
  *) echo "not ok 2 - unexpected output"; printf '%s\n' "$shown" | sed 's/^/# /' ;;
esac

shown=$(type_into DEMO2026 "'$cli' --demo cert sign --pin-stdin --text")
case $shown in
  *DEMO2026*) echo "not ok 3 - the signing password appeared on the terminal" ;;
  *"not shown"*) echo "ok 3 - cert sign: the password is not shown" ;;
  *) echo "not ok 3 - unexpected output"; printf '%s\n' "$shown" | sed 's/^/# /' ;;
esac

# The terminal is left as it was: after the program, typed text shows again.
shown=$( (sleep 1; printf '1234\n'; sleep 1; printf '5820\n') |
        script -qec "'$cli' --demo verify auth --pin-stdin; head -n 1 >/dev/null" /dev/null 2>&1)
case $shown in
  *1234*) echo "not ok 4 - the PIN appeared on the terminal" ;;
  *5820*) echo "ok 4 - echo is back after the program" ;;
  *) echo "not ok 4 - the terminal stayed silent"; printf '%s\n' "$shown" | sed 's/^/# /' ;;
esac
