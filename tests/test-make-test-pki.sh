#!/bin/sh
# test-make-test-pki.sh — TAP test of tools/make-test-pki.sh
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-make-test-pki.sh PATH/TO/make-test-pki.sh
# Checks the interface other tests and the demo rely on: usage errors, quiet and repeatable
# runs, the file set, chains that verify, keys that match, the --demo marking, and the
# profile's references.

set -u

SCRIPT=$1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/test-make-test-pki.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

FILES="auth-ca.pem auth-ca.der auth-ca.key.pem sign-ca.pem sign-ca.der sign-ca.key.pem
auth.der auth.pem auth.key.pem sign.der sign.pem sign.key.pem auth-expired.der auth-notyet.der
other-auth-ca.der other-auth-ca.pem other-auth-ca.key.pem auth-by-other.der
old-auth-ca.der old-auth-ca.pem old-auth-ca.key.pem auth-by-old.der card.ini"
CERTS="auth-ca sign-ca auth sign auth-expired auth-notyet other-auth-ca auth-by-other
old-auth-ca auth-by-old"

n=0
failed=0
ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n $2"
  else
    echo "not ok $n $2"
    failed=1
  fi
}

echo "1..12"

"$SCRIPT" >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "no arguments is a usage error"

"$SCRIPT" "$TMP/x" --nonsense >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$TMP/x" ]
ok $? "an unknown option is a usage error and writes nothing"

"$SCRIPT" "$TMP/test" >"$TMP/out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ ! -s "$TMP/out" ]
ok $? "a run succeeds quietly"

missing=0
for f in $FILES; do
  [ -s "$TMP/test/$f" ] || { echo "# missing $f"; missing=1; }
done
ok $missing "every documented file is written"

"$SCRIPT" "$TMP/test" >"$TMP/out" 2>&1
rc=$?
count=$(ls "$TMP/test" | wc -l)
[ $rc -eq 0 ] && [ ! -s "$TMP/out" ] && [ "$count" -eq $(echo $FILES | wc -w) ]
ok $? "a second run into the same directory succeeds with the same file set"

cd "$TMP/test" || exit 1
openssl verify -CAfile auth-ca.pem auth.pem >/dev/null 2>&1 \
  && openssl verify -CAfile sign-ca.pem sign.pem >/dev/null 2>&1 \
  && ! openssl verify -CAfile other-auth-ca.pem auth.pem >/dev/null 2>&1
ok $? "end entities verify under their root, not under the other key with the same name"

mismatch=0
for pair in auth-ca:auth-ca sign-ca:sign-ca auth:auth sign:sign other-auth-ca:other-auth-ca \
            old-auth-ca:old-auth-ca auth-expired:auth auth-notyet:auth; do
  cert=${pair%%:*}
  key=${pair#*:}
  a=$(openssl x509 -inform DER -in "$cert.der" -noout -pubkey)
  b=$(openssl pkey -in "$key.key.pem" -pubout)
  [ "$a" = "$b" ] || { echo "# $cert does not match $key.key.pem"; mismatch=1; }
done
ok $mismatch "every certificate matches its key"

bad=0
for c in $CERTS; do
  names=$(openssl x509 -inform DER -in "$c.der" -noout -subject -issuer -nameopt utf8)
  echo "$names" | grep -v -q "TEST" && { echo "# $c: unmarked name"; bad=1; }
  echo "$names" | grep -q "DEMO" && { echo "# $c: DEMO in a test name"; bad=1; }
done
ok $bad "every subject and issuer is marked TEST"

# The subjectAltName is an OCTET STRING inside the certificate: parse it on its own.
san=$(openssl asn1parse -inform DER -in sign.der \
  | awk '/Subject Alternative Name/ { found = 1; next } found && /OCTET STRING/ { sub(/:.*/, "", $1); print $1; exit }')
openssl asn1parse -inform DER -in sign.der -strparse "$san" >"$TMP/asn1" 2>&1
grep -q "UTF8STRING *:試験　太郎" "$TMP/asn1" \
  && grep -q "UTF8STRING *:東京都千代田区試験町１－２－３" "$TMP/asn1" \
  && grep -q "UTF8STRING *:319850401" "$TMP/asn1"
ok $? "the signing certificate carries the fixture as UTF-8"

refs=0
for key in certificate key ca; do
  for f in $(sed -n "s/^$key=//p" card.ini); do
    [ -s "$f" ] || { echo "# card.ini: $key=$f missing"; refs=1; }
  done
done
grep -q '^atr=3BE000FF8131FE4514$' card.ini && grep -q '^name=試験　太郎$' card.ini || refs=1
ok $refs "card.ini references existing files and holds the fixture"

"$SCRIPT" "$TMP/demo" --demo >"$TMP/out" 2>&1
rc=$?
bad=0
for c in $CERTS; do
  names=$(openssl x509 -inform DER -in "$TMP/demo/$c.der" -noout -subject -issuer -nameopt utf8)
  echo "$names" | grep -v -q "DEMO" && bad=1
  echo "$names" | grep -q "TEST" && bad=1
done
[ $rc -eq 0 ] && [ ! -s "$TMP/out" ] && [ $bad -eq 0 ]
ok $? "--demo marks every name DEMO"

grep -q '^name=試験' "$TMP/demo/card.ini"
[ $? -ne 0 ] && grep -q '^name=' "$TMP/demo/card.ini"
ok $? "--demo uses its own fixture values"

exit $failed
