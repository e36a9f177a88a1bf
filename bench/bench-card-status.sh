#!/bin/bash
# bench-card-status.sh — how many APDUs and how much time it takes to learn the PIN tries and
# the freely readable certificates, mynassist-cli status against OpenSC's jpki driver
# (pkcs15-tool --list-pins --list-certificates), on the same virtual card behind pcscd with
# 20 ms per APDU (a slow contact reader is in that range). Every APDU costs real time on a real
# card; the fewer, the better. Needs pcscd with the vpcd driver running.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
: "${BUILD_DIR:?}"
. "$(dirname "$0")/../tests/integration/lib.sh"

RUNS=${RUNS:-5}
LATENCY=${LATENCY:-20}

pcscd_running || { echo "pcscd with the vpcd driver is not running: nothing measured"; exit 77; }
cp "$PKI"/*.der "$PKI"/*.pem "$PKI/card.ini" "$WORK/"
start_vcard "$WORK/card.ini" --latency-ms "$LATENCY" || exit 1

measure () {
  # measure NAME COMMAND…: prints NAME, APDUs of one run, median wall time over RUNS runs
  local name=$1; shift
  local times=() apdus
  for _ in $(seq "$RUNS"); do
    : >"$WORK/apdu.log"
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "$name failed"; return 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    apdus=$(grep -c -- ' -> ' "$WORK/apdu.log")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%-48s %6s APDUs %8s ms (median of %s)\n' "$name" "$apdus" "$median" "$RUNS"
}

echo "virtual card, ${LATENCY} ms per APDU, through pcscd + vpcd"
echo "test card (its CA certificates are test roots, read to the end):"
measure "  mynassist-cli status" "$CLI" status --json
measure "  OpenSC pkcs15-tool --list-pins --list-certificates" \
  env OPENSC_DRIVER=jpki pkcs15-tool --list-pins --list-certificates
stop_vcard

# As on a real card: the CA EFs hold the published J-LIS roots, which mynassist-cli
# recognises from their first 256 bytes.
SRC_ROOTS="$(dirname "$0")/../data/jpki-ca"
openssl x509 -in "$SRC_ROOTS/auth_ca_2023.pem" -outform DER -out "$WORK/auth-ca.der"
openssl x509 -in "$SRC_ROOTS/sign_ca_2023.pem" -outform DER -out "$WORK/sign-ca.der"
start_vcard "$WORK/card.ini" --latency-ms "$LATENCY" || exit 1
echo "card with the J-LIS generation-3 roots in its CA EFs:"
measure "  mynassist-cli status" "$CLI" status --json
measure "  OpenSC pkcs15-tool --list-pins --list-certificates" \
  env OPENSC_DRIVER=jpki pkcs15-tool --list-pins --list-certificates
