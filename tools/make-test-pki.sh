#!/bin/sh
# make-test-pki.sh — generate a JPKI-like test PKI and a virtual-card profile
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-test-pki.sh OUTDIR [--demo]
#
# Writes into OUTDIR (spec/jpki-card.md §6; every DN is marked TEST, or DEMO with --demo):
#   auth-ca.{pem,der,key.pem}     self-signed root "JPKI for user authentication"
#   sign-ca.{pem,der,key.pem}     self-signed root "JPKI for digital signature"
#   auth.{der,pem,key.pem}        authentication end-entity (no personal data)
#   sign.{der,pem,key.pem}        signing end-entity with the six JPKI otherNames (§6.2)
#   auth-expired.der              both dates in the past, issued by auth-ca
#   auth-notyet.der               both dates in the future, issued by auth-ca
#   other-auth-ca.{der,key.pem}   same DN as auth-ca, another key
#   auth-by-other.der             issued by other-auth-ca
#   old-auth-ca.{der,key.pem}     same DN as auth-ca, expired now (like the gen-1 J-LIS root)
#   auth-by-old.der               issued by old-auth-ca while it was valid, valid today
#   card.ini                      virtual-card profile (DESIGN.md) using the files above
#
# Dates are relative to the time of the run (offsets below, in seconds), so a generated
# PKI stays meaningful: the tests derive expected values from the certificates themselves
# or from these offsets. Needs only a POSIX shell, date(1) and openssl(1).

set -eu

usage () {
  echo "usage: $0 OUTDIR [--demo]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
OUTDIR=$1
MARK=TEST
if [ $# -ge 2 ]; then
  case $2 in
    --demo) MARK=DEMO ;;
    *) usage ;;
  esac
fi
[ $# -le 2 ] || usage

DAY=86400
# Offsets from now, in seconds. The end-entity expiry is deliberately not a round number
# of days or years so that "days left" tests catch off-by-one and rounding mistakes.
CA_START=$((-365 * DAY))
CA_END=$((3285 * DAY))                  # 10 years from one year ago
EE_START=$((-365 * DAY))
EE_END=$((1493 * DAY + 7 * 3600))       # ~4 years ahead, 1493 days and 7 hours
EXPIRED_START=$((-360 * DAY))           # within the CA's validity: only the EE expired
EXPIRED_END=$((-17 * DAY))
NOTYET_START=$((400 * DAY))             # far enough ahead for a build dir to keep for a while
NOTYET_END=$((1500 * DAY))
OLD_CA_START=$((-3650 * DAY))
OLD_CA_END=$((-30 * DAY))               # expired, but valid when auth-by-old was issued
OLD_EE_START=$((-400 * DAY))
OLD_EE_END=$((1000 * DAY))

if [ "$MARK" = DEMO ]; then
  NAME='見本　花子'
  NAME_SUBST='00000'
  SEX='2'
  BIRTH='419900815'                     # 平成 (era 4), 1990-08-15
  BIRTHDATE='19900815'
  ADDRESS='東京都千代田区見本町４－５－６'
  ADDRESS_SUBST='000000000000000'
  MY_NUMBER='987654321093'
else
  NAME='試験　太郎'
  NAME_SUBST='00000'
  SEX='2'
  BIRTH='319850401'                     # 昭和 (era 3), 1985-04-01
  BIRTHDATE='19850401'
  ADDRESS='東京都千代田区試験町１－２－３'
  ADDRESS_SUBST='000000000000000'
  MY_NUMBER='123456789018'
fi

ORG="JPKI-$MARK"
AUTH_CA_DN="/C=JP/O=$ORG/OU=JPKI for user authentication/OU=Japan Agency for Local Authority Information Systems"
SIGN_CA_DN="/C=JP/O=$ORG/OU=JPKI for digital signature/OU=Japan Agency for Local Authority Information Systems"
AUTH_DN="/C=JP/CN=84391726051938264701$MARK"
SIGN_DN="/C=JP/L=Tokyo-to $MARK/L=Chiyoda-ku $MARK/CN=2025112609300100001131016$MARK"

mkdir -p "$OUTDIR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/make-test-pki.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
NOW=$(date -u +%s)

# Run openssl quietly; show its output only when it fails.
ossl () {
  if ! openssl "$@" >"$WORK/log" 2>&1; then
    echo "$0: openssl $1 failed:" >&2
    cat "$WORK/log" >&2
    exit 1
  fi
}

# stamp OFFSET — an ASN.1 time (GeneralizedTime form; openssl ca turns it into UTCTime).
stamp () {
  t=$((NOW + $1))
  date -u -d "@$t" +%Y%m%d%H%M%SZ 2>/dev/null || date -u -r "$t" +%Y%m%d%H%M%SZ
}

newkey () {
  ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
}

cat >"$WORK/ca.cnf" <<EOF
[ ca ]
default_ca = jpki_test

[ jpki_test ]
dir = $WORK
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
string_mask = utf8only
utf8 = yes

[ policy_any ]
countryName = optional

[ req ]
distinguished_name = req_dn
prompt = no
string_mask = utf8only
utf8 = yes

[ req_dn ]
CN = unused

[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_auth ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
certificatePolicies = 1.2.392.200149.8.5.1.3.30
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_sign ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
certificatePolicies = 1.2.392.200149.8.5.1.0.20
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @jpki_san

# The order observed on a card is 1, 4, 3, 5, 2, 6 (spec §6.2).
[ jpki_san ]
otherName.1 = 1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:$NAME
otherName.2 = 1.2.392.200149.8.5.5.4;FORMAT:UTF8,UTF8:$BIRTH
otherName.3 = 1.2.392.200149.8.5.5.3;FORMAT:UTF8,UTF8:$SEX
otherName.4 = 1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:$ADDRESS
otherName.5 = 1.2.392.200149.8.5.5.2;FORMAT:UTF8,UTF8:$NAME_SUBST
otherName.6 = 1.2.392.200149.8.5.5.6;FORMAT:UTF8,UTF8:$ADDRESS_SUBST
EOF

# issue OUT.der SUBJECT KEY CA-CERT|- CA-KEY EXTENSIONS SERIAL START END
# (CA-CERT "-" makes a self-signed certificate)
issue () {
  : >"$WORK/index.txt"
  echo "$7" >"$WORK/serial"
  ossl req -new -config "$WORK/ca.cnf" -key "$3" -subj "$2" -utf8 -out "$WORK/req.pem"
  if [ "$4" = - ]; then
    ossl ca -config "$WORK/ca.cnf" -batch -notext -preserveDN -selfsign \
      -keyfile "$5" -extensions "$6" -startdate "$(stamp "$8")" -enddate "$(stamp "$9")" \
      -in "$WORK/req.pem" -out "$WORK/cert.pem"
  else
    ossl ca -config "$WORK/ca.cnf" -batch -notext -preserveDN \
      -cert "$4" -keyfile "$5" -extensions "$6" -startdate "$(stamp "$8")" -enddate "$(stamp "$9")" \
      -in "$WORK/req.pem" -out "$WORK/cert.pem"
  fi
  ossl x509 -in "$WORK/cert.pem" -outform DER -out "$1"
}

# Work in WORK and move the results at the end, so OUTDIR never holds a half-made set.
W=$WORK/out
mkdir "$W"

newkey "$W/auth-ca.key.pem"
newkey "$W/sign-ca.key.pem"
newkey "$W/other-auth-ca.key.pem"
newkey "$W/old-auth-ca.key.pem"
newkey "$W/auth.key.pem"
newkey "$W/sign.key.pem"

issue "$W/auth-ca.der" "$AUTH_CA_DN" "$W/auth-ca.key.pem" - "$W/auth-ca.key.pem" v3_root 01 $CA_START $CA_END
ossl x509 -inform DER -in "$W/auth-ca.der" -out "$W/auth-ca.pem"
issue "$W/sign-ca.der" "$SIGN_CA_DN" "$W/sign-ca.key.pem" - "$W/sign-ca.key.pem" v3_root 01 $CA_START $CA_END
ossl x509 -inform DER -in "$W/sign-ca.der" -out "$W/sign-ca.pem"
issue "$W/other-auth-ca.der" "$AUTH_CA_DN" "$W/other-auth-ca.key.pem" - "$W/other-auth-ca.key.pem" v3_root 02 $CA_START $CA_END
ossl x509 -inform DER -in "$W/other-auth-ca.der" -out "$W/other-auth-ca.pem"
issue "$W/old-auth-ca.der" "$AUTH_CA_DN" "$W/old-auth-ca.key.pem" - "$W/old-auth-ca.key.pem" v3_root 03 $OLD_CA_START $OLD_CA_END
ossl x509 -inform DER -in "$W/old-auth-ca.der" -out "$W/old-auth-ca.pem"

issue "$W/auth.der" "$AUTH_DN" "$W/auth.key.pem" "$W/auth-ca.pem" "$W/auth-ca.key.pem" v3_auth 0705D990 $EE_START $EE_END
ossl x509 -inform DER -in "$W/auth.der" -out "$W/auth.pem"
issue "$W/sign.der" "$SIGN_DN" "$W/sign.key.pem" "$W/sign-ca.pem" "$W/sign-ca.key.pem" v3_sign 0A1B2C3D $EE_START $EE_END
ossl x509 -inform DER -in "$W/sign.der" -out "$W/sign.pem"

issue "$W/auth-expired.der" "$AUTH_DN" "$W/auth.key.pem" "$W/auth-ca.pem" "$W/auth-ca.key.pem" v3_auth 0705D991 $EXPIRED_START $EXPIRED_END
issue "$W/auth-notyet.der" "$AUTH_DN" "$W/auth.key.pem" "$W/auth-ca.pem" "$W/auth-ca.key.pem" v3_auth 0705D992 $NOTYET_START $NOTYET_END
issue "$W/auth-by-other.der" "$AUTH_DN" "$W/auth.key.pem" "$W/other-auth-ca.pem" "$W/other-auth-ca.key.pem" v3_auth 0705D993 $EE_START $EE_END
issue "$W/auth-by-old.der" "$AUTH_DN" "$W/auth.key.pem" "$W/old-auth-ca.pem" "$W/old-auth-ca.key.pem" v3_auth 0705D994 $OLD_EE_START $OLD_EE_END

cat >"$W/card.ini" <<EOF
# Virtual My Number Card profile (DESIGN.md). Generated by tools/make-test-pki.sh:
# fictitious $MARK data, never a real person; keys are test keys.
[card]
atr=3BE000FF8131FE4514

[auth]
pin=1234
remaining=3
certificate=auth.der
key=auth.key.pem
ca=auth-ca.der

[sign]
pin=ABC123
remaining=5
certificate=sign.der
key=sign.key.pem
ca=sign-ca.der

[card-info]
pin=1234
remaining=3
name=$NAME
address=$ADDRESS
birthdate=$BIRTHDATE
sex=$SEX
my-number=$MY_NUMBER

[behaviour]
latency-ms=0
EOF

for f in "$W"/*; do
  mv -f "$f" "$OUTDIR/"
done
