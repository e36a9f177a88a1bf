#!/bin/sh
# render-screenshots.sh — render every wizard step in Japanese and English to PNG
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tools/render-screenshots.sh BUILDDIR [OUTDIR] [PROFILE]
#
# Runs `mynassist --demo --page STEP` under its own Xvfb for each step and language and saves
# the window as OUTDIR/STEP.png (English, the names the metainfo uses) and OUTDIR/ja-STEP.png
# (Japanese); the default OUTDIR is data/screenshots. PROFILE defaults
# to the shipped demo card (BUILDDIR/data/demo/demo.ini) or, if it is not built, a demo card
# generated with tools/make-test-pki.sh --demo. Needs xvfb-run, xdotool and ImageMagick.

set -eu

builddir=$(cd "${1:?usage: $0 BUILDDIR [OUTDIR] [PROFILE]}" && pwd)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
outdir=${2:-$srcdir/data/screenshots}
profile=${3:-$builddir/data/demo/demo.ini}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$profile" ]; then
  sh "$srcdir/tools/make-test-pki.sh" "$tmp/demo" --demo >/dev/null
  profile=$tmp/demo/card.ini
fi

cat > "$tmp/shoot.sh" <<'INNER'
#!/bin/sh
# Inside Xvfb: start the app on one step, wait until it is drawn, grab its window.
set -eu
exe=$1 profile=$2 page=$3 out=$4
"$exe" --demo --profile "$profile" --page "$page" &
pid=$!
wid=
for _ in $(seq 1 50); do
  wid=$(xdotool search --pid "$pid" --onlyvisible 2>/dev/null | head -n 1) || true
  [ -n "$wid" ] && break
  sleep 0.2
done
sleep 2.5   # the demo card is read in the background; let the page settle
if [ -n "$wid" ]; then
  import -window "$wid" "$out"
else
  import -window root "$out"
fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
INNER
chmod +x "$tmp/shoot.sh"

for page in welcome reader certificates pins portal reset help; do
  for lang in ja en; do
    if [ "$lang" = ja ]; then
      locale=ja_JP.UTF-8 out=$outdir/ja-$page.png
    else
      locale=C.UTF-8 out=$outdir/$page.png
    fi
    env -u NO_AT_BRIDGE LANGUAGE="$lang" LC_ALL="$locale" MYNASSIST_LOCALEDIR="$builddir/po" \
        GSK_RENDERER=cairo GSETTINGS_BACKEND=memory GTK_A11Y=none MYNASSIST_SANDBOX=none \
        xvfb-run -a -s "-screen 0 1280x900x24" \
        "$tmp/shoot.sh" "$builddir/src/ui/mynassist" "$profile" "$page" "$out" 2>/dev/null
    echo "$out"
  done
done
