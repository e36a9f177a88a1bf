#!/bin/bash
# test-translations.sh SOURCE_ROOT: every string the sources mark for translation has a
# Japanese translation in po/ja.po that is neither missing nor fuzzy, and the catalogue
# passes msgfmt --check (printf formats match their msgid). TAP.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1..3"

# The same extraction as meson's gettext "glib" preset (po/meson.build).
if xgettext --package-name=mynassist --directory="$root" --files-from="$root/po/POTFILES.in" \
     --output="$work/mynassist.pot" --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
     --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --keyword=ngettext:1,2 \
     2>"$work/xgettext.err"; then
  echo "ok 1 - strings extracted ($(grep -c '^msgid ' "$work/mynassist.pot") msgids)"
else
  echo "not ok 1 - xgettext failed"; sed 's/^/# /' "$work/xgettext.err"; exit 0
fi

msgmerge --quiet --no-fuzzy-matching "$root/po/ja.po" "$work/mynassist.pot" -o "$work/ja.po"
missing=$(msgattrib --untranslated --no-obsolete "$work/ja.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/ja.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry (msgid "") when anything matches.
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$missing" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then
  echo "ok 2 - ja.po translates every string"
else
  echo "not ok 2 - ja.po: $missing untranslated, $fuzzy fuzzy (run: ninja -C BUILD mynassist-update-po, then translate)"
  { msgattrib --untranslated --no-obsolete "$work/ja.po"
    msgattrib --only-fuzzy --no-obsolete "$work/ja.po"; } | grep '^msgid ' | grep -v '^msgid ""$' |
    head -20 | sed 's/^/# /'
fi

if msgfmt --check --output-file=/dev/null "$root/po/ja.po" 2>"$work/msgfmt.err"; then
  echo "ok 3 - msgfmt --check accepts ja.po"
else
  echo "not ok 3 - msgfmt --check"; sed 's/^/# /' "$work/msgfmt.err"
fi
