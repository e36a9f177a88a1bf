#!/bin/bash
# test-pcscd-cli.sh — mynassist-cli through the real stack: pcscd + vpcd + mynassist-vcard.
# Asserts the card's own counters (the bridge's --state file) and the APDUs it saw (--log),
# so "a wrong PIN costs exactly one try" and "the guard sent nothing" are checked on the card.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

require_pcscd

cp "$PKI"/*.der "$PKI"/*.pem "$PKI/card.ini" "$WORK/"
PROFILE="$WORK/card.ini"
start_vcard "$PROFILE" || { echo "Bail out! the virtual card did not connect"; exit 1; }

# --- status: the facts, and not a single PIN attempt -------------------------------------
"$CLI" status --json >"$WORK/status.json" 2>"$WORK/err"
check "status exits 0" 0 $?
check "status: card kind" mynumber "$(json_get "$WORK/status.json" 'd["card"]["kind"]')"
check "status: auth tries" "3 3 False" "$(json_get "$WORK/status.json" 'd["pins"]["auth"]["remaining"], d["pins"]["auth"]["max"], d["pins"]["auth"]["blocked"]' | tr -d '(),')"
check "status: sign tries" "5 5" "$(json_get "$WORK/status.json" 'd["pins"]["sign"]["remaining"], d["pins"]["sign"]["max"]' | tr -d '(),')"
check "status: card-info tries" "3 3" "$(json_get "$WORK/status.json" 'd["pins"]["card_info"]["remaining"], d["pins"]["card_info"]["max"]' | tr -d '(),')"
serial=$(openssl x509 -inform DER -in "$PKI/auth.der" -noout -serial | cut -d= -f2)
check "status: auth certificate serial as openssl reads it" "$serial" "$(json_get "$WORK/status.json" 'd["certificates"]["auth"]["serial"]')"
enddate=$(date -u -d "$(openssl x509 -inform DER -in "$PKI/auth.der" -noout -enddate | cut -d= -f2)" +%Y-%m-%dT%H:%M:%SZ)
check "status: auth certificate expiry as openssl reads it" "$enddate" "$(json_get "$WORK/status.json" 'd["certificates"]["auth"]["not_after"]')"
check "status: chain checked against the card's CA" "valid card" "$(json_get "$WORK/status.json" 'd["certificates"]["auth"]["chain"], d["certificates"]["auth"]["trust"]' | tr -d "(),'")"
check "status: both CA certificates present" "True True" "$(json_get "$WORK/status.json" 'd["certificates"]["auth_ca"]["present"], d["certificates"]["sign_ca"]["present"]' | tr -d '(),')"
check "status sent no PIN attempt" 0 "$(verify_attempts)"

# --- cert: the same bytes as the certificate the card holds ------------------------------
"$CLI" cert auth --der >"$WORK/auth-read.der"
check "cert auth --der exits 0" 0 $?
if cmp -s "$PKI/auth.der" "$WORK/auth-read.der"; then ok "cert auth --der returns the card's certificate byte for byte"
else not_ok "cert auth --der returns the card's certificate byte for byte"; fi
"$CLI" cert sign-ca --pem >"$WORK/sign-ca.pem"
check "cert sign-ca --pem matches the card's CA" "$(openssl x509 -in "$PKI/sign-ca.pem" -noout -fingerprint -sha256)" \
  "$(openssl x509 -in "$WORK/sign-ca.pem" -noout -fingerprint -sha256)"
"$CLI" cert sign --json </dev/null >/dev/null 2>&1
check "cert sign without --pin-stdin is a usage error" 2 $?

# --- verify: wrong PIN costs exactly one try ---------------------------------------------
before=$(verify_attempts)
echo 0000 | "$CLI" verify auth --pin-stdin 2>"$WORK/err"
check "wrong auth PIN exits 6" 6 $?
grep -q "2" "$WORK/err" && ok "the message gives the tries left" || not_ok "the message gives the tries left" "$(cat "$WORK/err")"
check "wrong auth PIN: exactly one VERIFY sent" 1 $(( $(verify_attempts) - before ))
check "wrong auth PIN: the card counts 2 left" 2 "$(state_value auth remaining)"

# --- the guard: nothing is sent for a malformed PIN ---------------------------------------
before=$(verify_attempts)
for bad in 12345 12a4 "" "１２３４"; do
  printf '%s\n' "$bad" | "$CLI" verify auth --pin-stdin 2>/dev/null
  check "malformed auth PIN '$bad' refused by the guard (exit 5)" 5 $?
done
for bad in ABC12 ABCDEF 123456 ABC-123 ABCDEFGHIJ1234567; do
  printf '%s\n' "$bad" | "$CLI" verify sign --pin-stdin 2>/dev/null
  check "malformed signing password '$bad' refused by the guard (exit 5)" 5 $?
done
printf '12\r34\n' | "$CLI" verify auth --pin-stdin 2>/dev/null
check "a PIN with a CR inside is refused, not read as 1234 (exit 5)" 5 $?
printf '1234\0zz\n' | "$CLI" verify auth --pin-stdin 2>/dev/null
check "a PIN with a NUL inside is refused (exit 5)" 5 $?
"$CLI" verify auth --pin-stdin </dev/null 2>/dev/null
check "no PIN on standard input is refused (exit 5)" 5 $?
check "no VERIFY was sent for malformed PINs" 0 $(( $(verify_attempts) - before ))
check "the auth counter is unchanged" 2 "$(state_value auth remaining)"

# --- the right PIN restores the counter ----------------------------------------------------
echo 1234 | "$CLI" verify auth --pin-stdin >/dev/null
check "right auth PIN exits 0" 0 $?
check "the card reset the counter to 3" 3 "$(state_value auth remaining)"

# --- last try: refused without --last-try, nothing sent ----------------------------------
echo 0000 | "$CLI" verify card-info --pin-stdin 2>/dev/null
echo 0000 | "$CLI" verify card-info --pin-stdin 2>/dev/null
check "two wrong card-info PINs leave 1" 1 "$(state_value card-info remaining)"
before=$(verify_attempts)
echo 1234 | "$CLI" verify card-info --pin-stdin 2>"$WORK/err"
check "the last try without --last-try is refused (exit 5)" 5 $?
grep -q -- "--last-try" "$WORK/err" && ok "the refusal says how to confirm" || not_ok "the refusal says how to confirm" "$(cat "$WORK/err")"
check "…and no VERIFY was sent" 0 $(( $(verify_attempts) - before ))
echo 0000 | "$CLI" verify card-info --pin-stdin --last-try 2>/dev/null
check "a wrong PIN on the confirmed last try locks it (exit 7)" 7 $?
check "the card-info PIN is locked on the card" 0 "$(state_value card-info remaining)"
before=$(verify_attempts)
echo 1234 | "$CLI" verify card-info --pin-stdin --last-try 2>"$WORK/err"
check "a locked PIN is reported as locked (exit 7)" 7 $?
check "…without sending a VERIFY to the locked key" 0 $(( $(verify_attempts) - before ))
"$CLI" status --json >"$WORK/status.json"
check "status shows the lock" "0 True" "$(json_get "$WORK/status.json" 'd["pins"]["card_info"]["remaining"], d["pins"]["card_info"]["blocked"]' | tr -d '(),')"

# --- signing password: lower case is upper-cased, never a wasted try ----------------------
echo abc123 | "$CLI" cert sign --pin-stdin --json >"$WORK/sign.json" 2>"$WORK/err"
check "cert sign with the password in lower case exits 0" 0 $?
check "the signing certificate carries the holder's name" "試験　太郎" "$(json_get "$WORK/sign.json" 'd["personal"]["name"]')"
check "the signing counter is full" 5 "$(state_value sign remaining)"

# --- change-pin ----------------------------------------------------------------------------
printf 'ABC123\nXYZ789\n' | "$CLI" change-pin sign --pin-stdin >/dev/null
check "change-pin sign exits 0" 0 $?
echo ABC123 | "$CLI" verify sign --pin-stdin 2>/dev/null
check "the old signing password is now wrong (exit 6)" 6 $?
echo XYZ789 | "$CLI" verify sign --pin-stdin >/dev/null
check "the new signing password works" 0 $?
printf '1234\n12\n' | "$CLI" change-pin auth --pin-stdin 2>/dev/null
check "change-pin refuses a malformed new PIN before touching the card (exit 5)" 5 $?
check "…and the auth counter is untouched" 3 "$(state_value auth remaining)"

# --- the PIN never appears in the card's log, the CLI's output or its errors --------------
if grep -q -E '31 32 33 34|58 59 5A 37 38 39' "$WORK/apdu.log"; then not_ok "no PIN bytes in the APDU log"
else ok "no PIN bytes in the APDU log"; fi

stop_vcard

# --- card pulled during a read: a clear error and exit 4, never a hang ---------------------
start_vcard "$PROFILE" --latency-ms 200 || echo "Bail out! no card"
: >"$WORK/apdu.log"
( timeout 30 "$CLI" cert auth --der >/dev/null 2>"$WORK/err"; echo $? >"$WORK/rc" ) &
reader_pid=$!
# Pull the card once the certificate is being read (its EF selected), not before.
for _ in $(seq 100); do grep -q '00 A4 02 0C 02 00 0A' "$WORK/apdu.log" && break; sleep 0.05; done
stop_vcard
wait $reader_pid
check "card pulled during 'cert': exit 4" 4 "$(cat "$WORK/rc")"
grep -q -i "removed" "$WORK/err" && ok "card pulled: the message says the card was removed" \
  || not_ok "card pulled: the message says the card was removed" "$(cat "$WORK/err")"

"$CLI" status 2>"$WORK/err"
check "no card in any reader: exit 4" 4 $?

# --- a card that does not answer (inserted the wrong way round) is not "no card" ------------
"$VCARD" --profile "$PROFILE" --state "$WORK/state.ini" --log "$WORK/apdu.log" --mute \
  >"$WORK/vcard.out" 2>&1 &
VCARD_PID=$!
for _ in $(seq 100); do "$CLI" readers 2>/dev/null | grep -q "	mute" && break; sleep 0.1; done
"$CLI" status 2>"$WORK/err"
check "mute card: exit 4" 4 $?
grep -q -i "does not respond" "$WORK/err" && ok "mute card: the message says the card does not respond" \
  || not_ok "mute card: the message says the card does not respond" "$(cat "$WORK/err")"
kill "$VCARD_PID" 2>/dev/null; wait "$VCARD_PID" 2>/dev/null; VCARD_PID=
for _ in $(seq 50); do "$CLI" readers 2>/dev/null | grep -q "	mute" || break; sleep 0.1; done

# --- pcscd gone and no reader (only where the test may manage pcscd) -----------------------
if [ "${MYNASSIST_TEST_MANAGE_PCSCD:-0}" = 1 ]; then
  stop_pcscd
  timeout 30 "$CLI" status 2>"$WORK/err"
  check "pcscd stopped: exit 3" 3 $?
  grep -q pcscd "$WORK/err" && ok "pcscd stopped: the message names pcscd" || not_ok "pcscd stopped: the message names pcscd" "$(cat "$WORK/err")"
  mkdir -p "$WORK/no-readers"
  start_pcscd "$WORK/no-readers"
  timeout 30 "$CLI" status 2>"$WORK/err"
  check "no reader: exit 3" 3 $?
  grep -q -i "reader" "$WORK/err" && ok "no reader: the message says to connect a reader" || not_ok "no reader: the message says to connect a reader" "$(cat "$WORK/err")"
  stop_pcscd
  start_pcscd
else
  PCSCLITE_CSOCK_NAME="$WORK/no-such-pcscd.comm" "$CLI" status 2>"$WORK/err"
  check "pcscd unreachable: exit 3" 3 $?
fi

finish
