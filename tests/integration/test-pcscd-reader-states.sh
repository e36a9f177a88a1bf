#!/bin/bash
# test-pcscd-reader-states.sh — the Reader & card step in each state, on the real stack:
# pcscd + vpcd (both slots) + mynassist-vcard. The C driver (tests/test-ui-reader-pcscd.c)
# puts the page in every state it can produce for real and asserts what the user gets; here
# the card's own log says what reached it.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

require_pcscd

cp "$PKI"/*.der "$PKI"/*.pem "$PKI/card.ini" "$WORK/"
# Another kind of card (a bank or transit card): no My Number application at all.
cat >"$WORK/foreign.ini" <<'INI'
[card]
atr=3B8F8001804F0CA000000306030001000000006A

[behaviour]
foreign-card=true
INI

export MYNASSIST_VCARD="$VCARD" IT_WORK="$WORK" IT_PIDFILE="$WORK/vcard.pids"
export GTK_A11Y=test GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 MYNASSIST_SANDBOX=none
export G_DEBUG=gc-friendly,fatal-warnings

run_driver () {
  if [ -n "${DISPLAY:-}" ]; then "$BUILD_DIR/tests/test-ui-reader-pcscd" "$@"
  else xvfb-run -a "$BUILD_DIR/tests/test-ui-reader-pcscd" "$@"; fi
}

run_driver >"$WORK/driver.out" 2>&1
rc=$?
# A failed assertion leaves the driver's bridges running; stop them by their pids.
if [ -s "$IT_PIDFILE" ]; then
  while read -r pid; do kill "$pid" 2>/dev/null; done <"$IT_PIDFILE"
  sleep 0.5
fi
# pcscd must be up again for whoever comes next, even if the restart test failed half-way.
if [ "${MYNASSIST_TEST_MANAGE_PCSCD:-0}" = 1 ] && ! pcscd_running; then start_pcscd; fi

# The driver's own TAP lines, renumbered into this script's plan, and its timings.
while IFS= read -r line; do
  desc=$(printf '%s\n' "$line" | sed -E 's/^(not )?ok [0-9]+ (- )?//')
  case "$line" in
    "ok "*" # SKIP"*) TAP_N=$((TAP_N + 1)); echo "ok $TAP_N $desc" ;;
    "ok "*) ok "$desc" ;;
    "not ok "*) not_ok "$desc" ;;
    "# "*" after "*" ms") echo "$line" ;;
  esac
done <"$WORK/driver.out"
if [ $rc -ne 0 ]; then
  not_ok "the reader page driver exits cleanly" "$(grep -v DEBUG "$WORK/driver.out" | tail -n 15)"
fi

# What reached the cards: the foreign card was asked for the JPKI application and said no;
# the mute card never got a command; no PIN was ever sent.
grep -q '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 6A 82' "$WORK/apdu.log" \
  && ok "the foreign card answered SELECT of the JPKI application with 6A 82" \
  || not_ok "the foreign card answered SELECT of the JPKI application with 6A 82"
check "no PIN attempt reached any card" 0 "$(verify_attempts)"
check "no command reached the mute card" 0 "$(grep -c 'no answer' "$WORK/apdu.log")"

finish
