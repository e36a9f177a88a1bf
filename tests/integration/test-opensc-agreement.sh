#!/bin/bash
# test-opensc-agreement.sh — an independent client, OpenSC's jpki driver, reads the virtual
# card through pcscd and must see what mynassist-cli sees: the same tries left and the same
# authentication certificate bytes. If the card model drifted from the real card's protocol,
# OpenSC (written against real cards) would disagree.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

command -v pkcs15-tool >/dev/null || { echo "1..0 # SKIP OpenSC (pkcs15-tool) is not installed"; exit 0; }
require_pcscd

cp "$PKI"/*.der "$PKI"/*.pem "$PKI/card.ini" "$WORK/"
start_vcard "$WORK/card.ini" || { echo "Bail out! the virtual card did not connect"; exit 1; }

# Spend one try of each JPKI PIN first, so the counts compared are not just the defaults.
echo 0000 | "$CLI" verify auth --pin-stdin 2>/dev/null
echo WRONG1 | "$CLI" verify sign --pin-stdin 2>/dev/null

"$CLI" status --json >"$WORK/status.json"
check "mynassist-cli status exits 0" 0 $?

OPENSC_DRIVER=jpki pkcs15-tool --list-pins --list-certificates --read-certificate 01 \
  >"$WORK/opensc.txt" 2>"$WORK/opensc.err"
check "pkcs15-tool exits 0" 0 $?

# "PIN [User Authentication PIN]" … "Tries left : N"
tries_of () {
  awk -v name="$1" '/^PIN \[/ { cur = $0 } /Tries left/ && index(cur, name) { print $NF; exit }' "$WORK/opensc.txt"
}
check "auth PIN tries: OpenSC agrees" "$(json_get "$WORK/status.json" 'd["pins"]["auth"]["remaining"]')" "$(tries_of "User Authentication PIN")"
check "signing password tries: OpenSC agrees" "$(json_get "$WORK/status.json" 'd["pins"]["sign"]["remaining"]')" "$(tries_of "Digital Signature PIN")"
check "the tries are the ones spent above" "2 4" "$(tries_of "User Authentication PIN") $(tries_of "Digital Signature PIN")"

sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$WORK/opensc.txt" >"$WORK/opensc-auth.pem"
"$CLI" cert auth --pem >"$WORK/ours-auth.pem"
check "auth certificate: OpenSC reads the same bytes" \
  "$(openssl x509 -in "$WORK/ours-auth.pem" -outform DER | sha256sum)" \
  "$(openssl x509 -in "$WORK/opensc-auth.pem" -outform DER 2>/dev/null | sha256sum)"
check "auth certificate: and both are the card's certificate" \
  "$(sha256sum <"$PKI/auth.der")" "$(openssl x509 -in "$WORK/opensc-auth.pem" -outform DER 2>/dev/null | sha256sum)"

serial_ours=$(json_get "$WORK/status.json" 'd["certificates"]["auth"]["serial"]')
grep -q -i "Encoded serial : 02 0[0-9] $serial_ours" "$WORK/opensc.txt" && ok "OpenSC lists the auth certificate with our serial" \
  || not_ok "OpenSC lists the auth certificate with our serial" "ours: $serial_ours" "$(grep -i serial "$WORK/opensc.txt")"

finish
