#!/bin/bash
# test-pcscd-ui.sh — the wizard on the real stack: pcscd + vpcd + mynassist-vcard.
# The C driver (tests/test-ui-pcscd.c) inserts, reads, tries a wrong PIN, meets a locked PIN,
# removes and re-inserts the card through the app's own session and PIN dialog; here the
# card's log and state say what really reached it.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

require_pcscd

cp "$PKI"/*.der "$PKI"/*.pem "$PKI/card.ini" "$WORK/"
# The card-information PIN starts locked: the app must not send it a single VERIFY.
sed -i '/^\[card-info\]/,/^\[/ s/^remaining=.*/remaining=0/' "$WORK/card.ini"

export MYNASSIST_VCARD="$VCARD" IT_PROFILE="$WORK/card.ini" IT_STATE="$WORK/state.ini" IT_LOG="$WORK/apdu.log"
export IT_PIDFILE="$WORK/vcard.pid"
export GTK_A11Y=test GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 MYNASSIST_SANDBOX=none

run_driver () {
  if [ -n "${DISPLAY:-}" ]; then "$BUILD_DIR/tests/test-ui-pcscd" "$@"
  else xvfb-run -a "$BUILD_DIR/tests/test-ui-pcscd" "$@"; fi
}

run_driver >"$WORK/driver.out" 2>&1
rc=$?
# A failed assertion leaves the driver's bridge running; stop it by its pid.
if [ -s "$IT_PIDFILE" ]; then kill "$(cat "$IT_PIDFILE")" 2>/dev/null; sleep 0.5; fi
sed -n 's/^# \(reader\|removal\|re-insertion\)/# \1/p' "$WORK/driver.out"
if [ $rc -eq 0 ]; then ok "the session and PIN dialog work on pcscd + vpcd"
else not_ok "the session and PIN dialog work on pcscd + vpcd" "$(grep -v DEBUG "$WORK/driver.out" | tail -n 15)"; fi

check "exactly one PIN attempt reached the card (the wrong one)" 1 "$(verify_attempts)"
check "the card counts the wrong PIN: 2 tries left" 2 "$(state_value auth remaining)"
check "the locked card-information PIN got no attempt" 0 \
  "$(grep -c '^[0-9:.]* 00 20 00 91 [0-9A-F][0-9A-F] XX' "$WORK/apdu.log")"
check "the signing password was never tried" 5 "$(state_value sign remaining)"

finish
