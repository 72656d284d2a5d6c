#!/bin/sh
# Remakes the seed corpus of the PKCS#12 fuzz target (fuzz/js/pkcs12/corpus/) with OpenSSL 3.
# Each seed is one input of target.mjs: a length byte, that many bytes of password (UTF-8),
# then the file. Most seeds use one iteration (-noiter, -nomaciter) so that the fuzzer spends
# its time in the parser rather than in the key derivation; aes-ec keeps OpenSSL's default.
# The keys are made afresh each time: they protect nothing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pw=geheim
ossl() { openssl "$@" 2>/dev/null; }

ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ca-key.pem" \
  -out "$tmp/ca.pem" -subj "/CN=Fuzz CA" -days 3650
ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ec-key.pem" \
  -out "$tmp/ec.csr" -subj "/CN=Fuzz EC/O=Zorg- en Veiligheidshuis Fuzz"
ossl x509 -req -in "$tmp/ec.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca-key.pem" -CAcreateserial \
  -out "$tmp/ec.pem" -days 3650
ossl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/rsa-key.pem" -out "$tmp/rsa.pem" \
  -subj "/CN=Fuzz RSA" -days 3650

ec="-inkey $tmp/ec-key.pem -in $tmp/ec.pem"
fast="-noiter -nomaciter"
p12() { name=$1; shift; ossl pkcs12 -export "$@" -passout "pass:$pw" -out "$tmp/$name"; }
p12 aes-ec $ec                                           # AES-256-CBC, PBKDF2 and MAC with SHA-256
p12 aes-rsa -inkey "$tmp/rsa-key.pem" -in "$tmp/rsa.pem" $fast
p12 chain-ec $ec -certfile "$tmp/ca.pem" $fast
p12 aes128-sha1 $ec -keypbe AES-128-CBC -certpbe AES-128-CBC -macalg sha1 $fast
p12 aes192-ec $ec -keypbe AES-192-CBC -certpbe AES-192-CBC $fast
p12 nomac-ec $ec -nomac $fast
p12 plain-ec $ec -keypbe NONE -certpbe NONE -nomac       # no encryption at all: key bag, cert bag
p12 legacy-ec $ec -legacy $fast                          # 3DES and RC2: 'legacy'
p12 nokey -nokeys -in "$tmp/ec.pem" $fast
p12 nocert -nocerts -inkey "$tmp/ec-key.pem" $fast
# An EncryptedPrivateKeyInfo on its own (decryptKey), as in an ENCRYPTED PRIVATE KEY file.
ossl pkcs8 -topk8 -in "$tmp/ec-key.pem" -v2 aes-256-cbc -iter 1 -outform DER \
  -passout "pass:$pw" -out "$tmp/epki-ec"

rm -f "$out"/*
for f in aes-ec aes-rsa chain-ec aes128-sha1 aes192-ec nomac-ec plain-ec legacy-ec nokey nocert epki-ec; do
  { printf '\006%s' "$pw"; cat "$tmp/$f"; } > "$out/$f"
done
ls -l "$out"
