# lib.sh — helpers for the integration tests that run the real stack:
# pcscd + vpcd + mynassist-vcard + mynassist-cli. Sourced by the test scripts.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

: "${BUILD_DIR:?BUILD_DIR must point at the meson build directory}"
CLI="$BUILD_DIR/src/cli/mynassist-cli"
VCARD="$BUILD_DIR/src/virtual-card/mynassist-vcard"
PKI="$BUILD_DIR/tests/pki"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mynassist-it.XXXXXX")
VCARD_PID=
TAP_N=0
TAP_FAILED=0

cleanup () {
  stop_vcard
  rm -rf "$WORK"
}
trap cleanup EXIT

ok () {
  TAP_N=$((TAP_N + 1))
  echo "ok $TAP_N - $1"
}

not_ok () {
  TAP_N=$((TAP_N + 1))
  TAP_FAILED=$((TAP_FAILED + 1))
  echo "not ok $TAP_N - $1"
  shift
  for line in "$@"; do echo "# $line"; done
}

# check DESCRIPTION EXPECTED ACTUAL
check () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

finish () {
  echo "1..$TAP_N"
  [ "$TAP_FAILED" -eq 0 ]
}

pcscd_running () {
  "$CLI" readers --json >/dev/null 2>&1
  [ $? -ne 3 ]
}

# pcscd is a system service; tests that need it either find it or (in CI, as root, with
# MYNASSIST_TEST_MANAGE_PCSCD=1) may start it themselves.
require_pcscd () {
  if pcscd_running; then return 0; fi
  if [ "${MYNASSIST_TEST_MANAGE_PCSCD:-0}" = 1 ]; then
    start_pcscd
    pcscd_running && return 0
  fi
  if [ "${MYNASSIST_REQUIRE_PCSCD:-0}" = 1 ]; then
    echo "Bail out! pcscd with the vpcd driver is not running (install pcscd and vsmartcard-vpcd and start pcscd)"
    exit 1
  fi
  echo "1..0 # SKIP pcscd is not running"
  exit 0
}

start_pcscd () {
  # $1: optional reader.conf.d folder (an empty one gives a pcscd without readers)
  if [ -n "${1:-}" ]; then pcscd -c "$1"; else pcscd; fi
  for _ in $(seq 50); do pcscd_running && return 0; sleep 0.1; done
  return 1
}

stop_pcscd () {
  pkill -x pcscd
  for _ in $(seq 50); do pgrep -x pcscd >/dev/null || return 0; sleep 0.1; done
  pkill -9 -x pcscd
}

# start_vcard PROFILE [extra options…]: connects to vpcd's first slot, waits for the card
start_vcard () {
  local profile=$1; shift
  "$VCARD" --profile "$profile" --state "$WORK/state.ini" --log "$WORK/apdu.log" "$@" \
    >"$WORK/vcard.out" 2>&1 &
  VCARD_PID=$!
  for _ in $(seq 100); do
    if "$CLI" readers 2>/dev/null | grep -q "	card"; then return 0; fi
    sleep 0.1
  done
  echo "# mynassist-vcard did not appear in pcscd:"; sed 's/^/# /' "$WORK/vcard.out"
  return 1
}

stop_vcard () {
  if [ -n "$VCARD_PID" ]; then
    kill "$VCARD_PID" 2>/dev/null
    wait "$VCARD_PID" 2>/dev/null
    VCARD_PID=
    for _ in $(seq 50); do
      "$CLI" readers 2>/dev/null | grep -q "	card" || return 0
      sleep 0.1
    done
  fi
}

# state_value SECTION KEY: a counter of the card, as the bridge saved it
state_value () {
  awk -F= -v s="[$1]" -v k="$2" '$0 == s { in_s = 1; next } /^\[/ { in_s = 0 } in_s && $1 == k { print $2 }' \
    "$WORK/state.ini"
}

# How many VERIFY commands with data (a real PIN attempt) the card has seen.
verify_attempts () {
  grep -c '^[0-9:.]* 00 20 00 [0-9A-F][0-9A-F] [0-9A-F][0-9A-F] XX' "$WORK/apdu.log" || true
}

json_get () {
  # json_get FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
