#!/usr/bin/env python3
# test-desktop-data.py
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that the desktop file, metainfo, schema, icons and man pages agree with each other
# and with DESIGN.md, beyond what the format validators look at: the names that tie them
# together, the Japanese translations merged from po/, the settings keys, and every CLI
# option and exit code in the man pages. Prints TAP.
#
# Usage: test-desktop-data.py APP_ID VERSION DESKTOP METAINFO SOURCE_ROOT

import configparser
import os
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
SVG_NS = '{http://www.w3.org/2000/svg}'

results = []


def check(description, condition, detail=''):
    results.append((bool(condition), description, detail))


def read_desktop(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    return parser['Desktop Entry']


def check_desktop(app_id, path):
    entry = read_desktop(path)
    check('desktop file is named after the app id',
          os.path.basename(path) == app_id + '.desktop', path)
    check('desktop Icon is the app id', entry.get('Icon') == app_id, entry.get('Icon'))
    check('desktop Exec runs mynassist', entry.get('Exec', '').split()[:1] == ['mynassist'],
          entry.get('Exec'))
    check('desktop Name is translated to Japanese', entry.get('Name[ja]') == 'マイナアシスト',
          entry.get('Name[ja]'))
    for key in ('GenericName[ja]', 'Comment[ja]'):
        check('desktop %s is present' % key, entry.get(key, '').strip() != '')
    keywords = entry.get('Keywords[ja]', '')
    check('Japanese keywords end with a semicolon', keywords.endswith(';'), keywords)
    words = keywords.split(';')
    for word in ('マイナンバーカード', '暗証番号', '電子証明書', 'パスワード'):
        check('Japanese keywords contain %s' % word, word in words, keywords)


def texts(root, path):
    """Maps language ('' for the untranslated one) to the text of the elements at path."""
    found = {}
    for element in root.findall(path):
        found.setdefault(element.get(XML_LANG, ''), []).append(
            ''.join(element.itertext()).strip())
    return found


def check_metainfo(app_id, version, path, source_root):
    root = ET.parse(path).getroot()
    check('metainfo id is the app id', root.findtext('id') == app_id, root.findtext('id'))
    check('metainfo is a desktop-application', root.get('type') == 'desktop-application')
    launchable = root.find('launchable')
    check('metainfo launchable names the desktop file',
          launchable is not None and launchable.get('type') == 'desktop-id'
          and launchable.text == app_id + '.desktop')
    binaries = sorted(b.text for b in root.findall('provides/binary'))
    check('metainfo provides the three binaries',
          binaries == ['mynassist', 'mynassist-cli', 'mynassist-vcard'], binaries)
    controls = sorted(c.text for c in root.findall('supports/control'))
    check('metainfo supports keyboard, pointing and touch',
          controls == ['keyboard', 'pointing', 'touch'], controls)
    rating = root.find('content_rating')
    check('metainfo content rating is oars-1.1',
          rating is not None and rating.get('type') == 'oars-1.1')
    urls = {u.get('type'): u.text for u in root.findall('url')}
    for kind in ('homepage', 'bugtracker', 'vcs-browser'):
        check('metainfo has a %s URL' % kind,
              (urls.get(kind) or '').startswith('https://github.com/mynassist/mynassist'),
              urls.get(kind))
    releases = [r.get('version') for r in root.findall('releases/release')]
    check('newest release is the project version', releases[:1] == [version], releases)
    images = [i.text for i in root.findall('screenshots/screenshot/image')]
    check('metainfo has screenshots', len(images) > 0)
    for image in images:
        check('screenshot %s is a PNG in data/screenshots of the repository' % image,
              re.fullmatch(r'https://raw\.githubusercontent\.com/mynassist/mynassist/main/'
                           r'data/screenshots/[a-z0-9-]+\.png', image or '') is not None)
    # The screenshots are rendered into data/screenshots/ by the wizard's script; once that
    # directory exists, every image the metainfo names must be there.
    shots_dir = os.path.join(source_root, 'data', 'screenshots')
    if os.path.isdir(shots_dir):
        for image in images:
            name = (image or '').rsplit('/', 1)[-1]
            check('screenshot %s exists in data/screenshots' % name,
                  os.path.isfile(os.path.join(shots_dir, name)))
    default = [s for s in root.findall('screenshots/screenshot') if s.get('type') == 'default']
    check('exactly one default screenshot', len(default) == 1)
    translation = root.find('translation')
    check('metainfo names the gettext domain',
          translation is not None and translation.get('type') == 'gettext'
          and translation.text == 'mynassist')

    for path_, what in (('name', 'name'), ('summary', 'summary'),
                        ('description/p', 'description paragraphs'),
                        ('description/ul/li', 'description list items')):
        found = texts(root, path_)
        check('metainfo %s are translated to Japanese' % what,
              len(found.get('ja', [])) == len(found.get('', [])) > 0,
              '%d English, %d Japanese' % (len(found.get('', [])), len(found.get('ja', []))))
    check('metainfo Japanese name', texts(root, 'name').get('ja') == ['マイナアシスト'])


EXPECTED_KEYS = {
    'window-width': ('i', '720'),
    'window-height': ('i', '640'),
    'window-maximized': ('b', 'false'),
    'remembered-postal-code': ('s', "''"),
    'reminders-enabled': ('b', 'false'),
    'auth-cert-expiry': ('s', "''"),
    'sign-cert-expiry': ('s', "''"),
    'last-reminder-shown': ('s', "''"),
}


def check_schema(app_id, source_root):
    path = os.path.join(source_root, 'data', app_id + '.gschema.xml')
    root = ET.parse(path).getroot()
    check('schema uses the mynassist gettext domain', root.get('gettext-domain') == 'mynassist')
    schemas = root.findall('schema')
    check('one schema', len(schemas) == 1)
    schema = schemas[0]
    check('schema id is the app id', schema.get('id') == app_id, schema.get('id'))
    check('schema path follows the app id',
          schema.get('path') == '/io/github/mynassist/Mynassist/', schema.get('path'))
    keys = {k.get('name'): k for k in schema.findall('key')}
    check('schema has exactly the agreed keys', sorted(keys) == sorted(EXPECTED_KEYS),
          sorted(keys))
    for name, (kind, default) in EXPECTED_KEYS.items():
        key = keys.get(name)
        check('key %s has type %s and default %s' % (name, kind, default),
              key is not None and key.get('type') == kind
              and (key.findtext('default') or '').strip() == default)
        check('key %s has a summary and a description' % name,
              key is not None and (key.findtext('summary') or '').strip() != ''
              and (key.findtext('description') or '').strip() != '')


def check_icons(app_id, source_root):
    base = os.path.join(source_root, 'data', 'icons', 'hicolor')
    for subdir, name, size in (('scalable', app_id + '.svg', '128'),
                               ('symbolic', app_id + '-symbolic.svg', '16')):
        path = os.path.join(base, subdir, 'apps', name)
        check('icon %s exists' % name, os.path.isfile(path))
        if not os.path.isfile(path):
            continue
        with open(path, 'rb') as f:
            head = f.read(200)
        # gdk-pixbuf recognises SVG by "<svg" near the start; a long comment before the
        # element makes it reject the file.
        check('icon %s starts with the svg element' % name, b'<svg' in head)
        root = ET.parse(path).getroot()
        check('icon %s is an SVG of %s px' % (name, size),
              root.tag == SVG_NS + 'svg' and root.get('viewBox') == '0 0 %s %s' % (size, size),
              root.get('viewBox'))
        if subdir == 'symbolic':
            # GTK recolours the fill of symbolic icons, never the stroke.
            strokes = [e.tag for e in root.iter() if e.get('stroke') not in (None, 'none')]
            check('symbolic icon draws with fills only', not strokes, strokes)


CLI_WORDS = ['readers', 'status', 'cert', 'verify', 'change-pin', 'office', 'diagnose',
             '--include-personal-data',
             'auth', 'auth-ca', 'sign-ca', 'sign', 'card-info',
             '--json', '--reader', '--pem', '--der', '--text', '--pin-stdin', '--last-try',
             '--postal', '--address', '--near', '--limit',
             '--demo', '--virtual-card', '--virtual-state', '--help', '--version']
VCARD_OPTIONS = ['--profile', '--host', '--port', '--latency-ms', '--state', '--log']


def man_words(path):
    """The words of a roff page, with the escapes that matter here undone."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    text = text.replace('\\-', '-').replace('\\&', '')
    return text, set(re.findall(r'[-A-Za-z_]+', text))


def check_man(source_root):
    man = os.path.join(source_root, 'data', 'man')
    text, words = man_words(os.path.join(man, 'mynassist-cli.1'))
    for word in CLI_WORDS:
        check('mynassist-cli(1) documents %s' % word, word in words)
    for code in range(8):
        check('mynassist-cli(1) documents exit status %d' % code,
              re.search(r'^\.TP\n\.B %d\n' % code, text, re.M) is not None)
    text, words = man_words(os.path.join(man, 'mynassist-vcard.1'))
    for option in VCARD_OPTIONS:
        check('mynassist-vcard(1) documents %s' % option, option in words)
    text, words = man_words(os.path.join(man, 'mynassist.1'))
    check('mynassist(1) documents --demo', '--demo' in words)
    check('mynassist(1) gives the Flatpak permission command',
          'flatpak override --user --socket=pcsc io.github.mynassist.Mynassist' in text)


def main(argv):
    if len(argv) != 6:
        print('usage: %s APP_ID VERSION DESKTOP METAINFO SOURCE_ROOT' % argv[0], file=sys.stderr)
        return 2
    app_id, version, desktop, metainfo, source_root = argv[1:]
    for step in (lambda: check_desktop(app_id, desktop),
                 lambda: check_metainfo(app_id, version, metainfo, source_root),
                 lambda: check_schema(app_id, source_root),
                 lambda: check_icons(app_id, source_root),
                 lambda: check_man(source_root)):
        try:
            step()
        except Exception as e:  # a file that does not parse fails its part, not the run
            check('file parses', False, repr(e))

    print('1..%d' % len(results))
    for number, (ok, description, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', number, description))
        if not ok and detail:
            print('# %s' % detail)
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
