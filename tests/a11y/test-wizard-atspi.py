#!/usr/bin/python3
# test-wizard-atspi.py — go through the whole wizard with the keyboard, read it over AT-SPI
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (inside dbus-run-session and an X server): test-wizard-atspi.py MYNASSIST PROFILE
#
# Starts `mynassist --demo --profile PROFILE`, moves through every step with key presses only
# (xdotool), and checks what a screen reader would get: every focusable control that is
# showing has a name; the certificate expiry and the PIN counters equal the profile's; a wrong
# PIN typed at the keyboard costs exactly one try and the new count is said. Prints TAP.

import configparser
import datetime
import os
import re
import subprocess
import sys
import time

import pyatspi

MYNASSIST, PROFILE = sys.argv[1], sys.argv[2]
LANG = sys.argv[3] if len(sys.argv) > 3 else 'en'
LOCALEDIR = sys.argv[4] if len(sys.argv) > 4 else None

# What the screen reader gets, per language (the Japanese from po/ja.po).
TEXT = {
    'en': {
        'welcome': 'Welcome', 'reader': 'Reader and Card', 'certificates': 'Certificates',
        'pins': 'PIN Attempts', 'portal': 'Mynaportal Log-In', 'reset': 'Reset and Offices',
        'help': 'Which PIN Where',
        'demo': 'Demo card (not a real My Number Card)',
        'ready': 'Your My Number Card Is Ready',
        'expiry': 'Expiry date',
        'tries_row': 'Tries left',
        'tries': '{r} of {m} tries left',
        'test_row': 'Test This PIN',
        'auth_group': 'User Authentication PIN (4 Digits)',
        'auth_dialog': 'User authentication PIN',
        'wrong2': 'Wrong PIN. 2 more wrong entries',
        'open': 'Open Mynaportal',
        'ref_row': 'Mynaportal log-in',
        'cert_valid': 'The User Authentication Certificate Is Within Its Validity Period',
        'finder_button': 'Find Your Office',
    },
    'ja': {
        'welcome': 'はじめに', 'reader': 'リーダーとカード', 'certificates': '電子証明書',
        'pins': '暗証番号の残り回数', 'portal': 'マイナポータルへのログイン', 'reset': '初期化と窓口',
        'help': 'どこでどの暗証番号を使うか',
        'demo': 'デモ用カード(本物のカードではありません)',
        'ready': 'マイナンバーカードを読み取りました',
        'expiry': '有効期限',
        'tries_row': '残り回数',
        'tries': '残り{r}回(全{m}回)',
        'test_row': 'この暗証番号を確認',
        'auth_group': '利用者証明用暗証番号(数字4桁)',
        'auth_dialog': '利用者証明用暗証番号',
        'wrong2': '暗証番号が違います。あと2回',
        'open': 'マイナポータルを開く',
        'ref_row': 'マイナポータルへのログイン',
        'cert_valid': '利用者証明用電子証明書は有効期限内です',
        'finder_button': '窓口を探す(F)',
    },
}[LANG]
PROFILE_DIR = os.path.dirname(os.path.abspath(PROFILE))
results = []


def ok(cond, what, detail=''):
    results.append((bool(cond), what, detail))
    print(('ok' if cond else 'not ok') + ' %d - %s' % (len(results), what), flush=True)
    if not cond and detail:
        for line in str(detail).splitlines():
            print('#   ' + line, flush=True)
    return cond


def key(*keys):
    subprocess.run(['xdotool', 'key', '--delay', '60'] + list(keys), check=True)
    time.sleep(0.4)


def type_text(text):
    subprocess.run(['xdotool', 'type', '--delay', '80', text], check=True)
    time.sleep(0.3)


def walk(obj, depth=0):
    if obj is None or depth > 60:
        return
    yield obj
    try:
        n = obj.childCount
    except Exception:
        return
    for i in range(n):
        try:
            c = obj.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(c, depth + 1)


def states(obj):
    try:
        return obj.getState()
    except Exception:
        return None


def showing(obj):
    # GTK 4.8 exposes no SHOWING state below the window; hidden stack pages are pruned by
    # walking only the current page (see current_page()).
    s = states(obj)
    return s is not None and s.contains(pyatspi.STATE_VISIBLE)


PAGE_TITLES = [TEXT[k] for k in ('welcome', 'reader', 'certificates', 'pins', 'portal', 'reset', 'help')]


def header_title(frame):
    title = find(frame, lambda o: o.name == 'AdwWindowTitle')
    if title is None:
        return None
    label = find(title, lambda o: o.getRoleName() == 'label')
    return label.name if label else None


def is_step(o):
    # Each step is a stack page named after it (GTK 4.8 would call it "GtkStackPage").
    return o.getRoleName() == 'panel' and o.name in PAGE_TITLES


def current_page(frame):
    title = header_title(frame)
    return find(frame, lambda o: o.name == title and is_step(o))


def visible_tree(frame):
    """The window without the stack pages that are not shown."""
    title = header_title(frame)

    def rec(o, depth=0):
        if depth > 60:
            return
        if is_step(o) and o.name != title:
            return
        yield o
        for i in range(o.childCount):
            try:
                c = o.getChildAtIndex(i)
            except Exception:
                continue
            if c is not None:
                yield from rec(c, depth + 1)
    yield from rec(frame)


def wait(fn, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        r = fn()
        if r:
            return r
        time.sleep(0.2)
    return fn()


def frames(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount)]


def find(root, pred):
    for o in walk(root):
        try:
            if pred(o):
                return o
        except Exception:
            pass
    return None


def named_showing(root, name):
    return find(root, lambda o: o.name == name and showing(o))


def focused(root):
    return find(root, lambda o: states(o) is not None and states(o).contains(pyatspi.STATE_FOCUSED))


def described(obj):
    """What a screen reader says as obj's description: GTK 4.8 gives the description property
    as Description, and Orca (like other readers) also follows described-by."""
    if obj is None:
        return None
    if obj.description:
        return obj.description
    texts = []
    try:
        for rel in obj.getRelationSet():
            if rel.getRelationType() == pyatspi.RELATION_DESCRIBED_BY:
                for i in range(rel.getNTargets()):
                    t = rel.getTarget(i)
                    try:
                        texts.append(t.name or t.queryText().getText(0, -1))
                    except Exception:
                        texts.append(t.name or '')
    except Exception:
        pass
    return ' '.join(x for x in texts if x)


def has_label_relation(obj):
    try:
        for rel in obj.getRelationSet():
            if rel.getRelationType() == pyatspi.RELATION_LABELLED_BY and rel.getNTargets() > 0:
                return True
    except Exception:
        pass
    return False


def unnamed_focusables(root):
    bad = []
    for o in (visible_tree(root) if root.getRoleName() == 'frame' else walk(root)):
        s = states(o)
        if s is None or not s.contains(pyatspi.STATE_FOCUSABLE) or not showing(o):
            continue
        if (o.name or '').strip() or has_label_relation(o):
            continue
        bad.append('%s (%s) in %s' % (o.getRoleName(), o.description or '', o.parent.getRoleName() if o.parent else '?'))
    return bad


def expected_expiry():
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(PROFILE, encoding='utf-8')
    der = os.path.join(PROFILE_DIR, cfg['auth']['certificate'])
    out = subprocess.run(['openssl', 'x509', '-inform', 'der', '-in', der, '-noout', '-enddate'],
                         check=True, capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.strptime(out.split('=', 1)[1], '%b %d %H:%M:%S %Y GMT')
    local = when.replace(tzinfo=datetime.timezone.utc).astimezone()
    reiwa = (local.year, local.month, local.day) >= (2019, 5, 1)
    if LANG == 'ja':
        text = '%d年%d月%d日' % (local.year, local.month, local.day)
        if reiwa:
            text += '(令和%s年)' % ('元' if local.year == 2019 else local.year - 2018)
    else:
        text = '%d %s %d' % (local.day, local.strftime('%B'), local.year)
        if reiwa:
            text += ' (Reiwa %d)' % (local.year - 2018)
    return text, cfg


def main():
    env = dict(os.environ)
    env.update({'LC_ALL': 'ja_JP.UTF-8' if LANG == 'ja' else 'C.UTF-8', 'LANGUAGE': LANG,
                'GSK_RENDERER': 'cairo',
                'GSETTINGS_BACKEND': 'memory', 'MYNASSIST_SANDBOX': 'none'})
    env.pop('NO_AT_BRIDGE', None)
    if LOCALEDIR:
        env['MYNASSIST_LOCALEDIR'] = LOCALEDIR
    env.pop('GTK_A11Y', None)
    proc = subprocess.Popen([MYNASSIST, '--demo', '--profile', PROFILE], env=env)
    try:
        run()
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
    failed = [r for r in results if not r[0]]
    print('1..%d' % len(results))
    print('# %d passed, %d failed' % (len(results) - len(failed), len(failed)))
    return 1 if failed else 0


def page_shown(frame, title):
    return wait(lambda: header_title(frame) == title and current_page(frame) is not None, 8)


def in_page(frame, name):
    page = current_page(frame)
    return named_showing(page, name) if page is not None else None


def in_page_prefix(frame, prefix):
    # Button names keep a Japanese mnemonic: "マイナポータルを開く(O)".
    page = current_page(frame)
    return find(page, lambda o: (o.name or '').startswith(prefix)) if page is not None else None


def rows_in_page(frame, name):
    page = current_page(frame)
    return [o for o in walk(page) if o.name == name and o.getRoleName() == 'list item'] if page is not None else []


def check_names(frame, where):
    bad = unnamed_focusables(frame)
    ok(not bad, 'every focusable control on %s has a name' % where, '\n'.join(bad))
    # GTK 4.8 names what has no name of its own after its type ("GtkStackPage", "GtkImage"),
    # and a screen reader reads that out.
    raw = ['%s %r' % (o.getRoleName(), o.name) for o in visible_tree(frame)
           if o.getRoleName() in ('panel', 'push button', 'toggle button', 'image', 'link') and
           re.match(r'^(Gtk|Adw|Myna)[A-Z]\w*$', o.name or '')]
    ok(not raw, 'nothing on %s is named after its GTK type' % where, '\n'.join(raw))
    labelled = ['%s %r' % (o.getRoleName(), o.name) for o in visible_tree(frame)
                if o.getRoleName() in ('push button', 'toggle button') and
                any(r.getRelationType() == pyatspi.RELATION_LABELLED_BY and r.getNTargets() > 0 and
                    r.getTarget(0).getRoleName() == 'image' for r in o.getRelationSet())]
    ok(not labelled, 'no button on %s is labelled by its icon' % where, '\n'.join(labelled))


def focus_is(frame, name, what):
    f = wait(lambda: (lambda x: x if x is not None and x.name == name else None)(focused(frame)), 5) \
        or focused(frame)
    ok(f is not None and f.name == name, what, 'focus is on %r' % (f.name if f else None))


def run():
    desktop = pyatspi.Registry.getDesktop(0)
    app = wait(lambda: next((a for a in desktop if a is not None and a.name == 'mynassist'), None), 20)
    if not ok(app is not None, 'mynassist appears on the accessibility bus'):
        return
    frame = wait(lambda: next((f for f in frames(app) if f.getRoleName() == 'frame'), None), 10)
    if not ok(frame is not None, 'the window is there'):
        return
    # Keyboard focus follows the pointer on a bare X server: put the pointer on the window.
    subprocess.run(['xdotool', 'mousemove', '300', '300'], check=False)
    time.sleep(1)

    expiry, cfg = expected_expiry()

    ok(page_shown(frame, TEXT['welcome']), 'the wizard opens on Welcome')
    ok(named_showing(frame, TEXT['demo']) is not None, 'the demo is labelled')
    check_names(frame, 'Welcome')

    key('alt+n')
    ok(page_shown(frame, TEXT['reader']), 'Alt+N goes to Reader and card')
    ok(wait(lambda: in_page(frame, TEXT['ready'])), 'the demo card is read')
    f = focused(frame)
    ok(f is not None and (f.name or '').strip(), 'focus is on a named control of the new step',
       f.getRoleName() if f else 'nothing focused')
    check_names(frame, 'Reader and card')

    key('alt+n')
    ok(page_shown(frame, TEXT['certificates']), 'Alt+N goes to Certificates')
    # From inside a page, focus lands on the new step's first control, not its second.
    focus_is(frame, TEXT['expiry'], 'focus is on the first row of Certificates')
    step = current_page(frame)
    ok(step is not None and (step.description or '').startswith(TEXT['cert_valid']),
       'the Certificates step carries the certificate headline as its description',
       step.description if step else None)
    row = wait(lambda: in_page(frame, TEXT['expiry']))
    ok(row is not None and described(row) == expiry,
       'the expiry date read over AT-SPI is the profile certificate\'s',
       'got %r, want %r' % (described(row), expiry))
    check_names(frame, 'Certificates')

    key('alt+n')
    ok(page_shown(frame, TEXT['pins']), 'Alt+N goes to PIN attempts')
    focus_is(frame, TEXT['tries_row'], 'focus is on the first row of PIN attempts')
    rows = wait(lambda: rows_in_page(frame, TEXT['tries_row']) or None)
    want = [TEXT['tries'].format(r=cfg[s]['remaining'], m=m) for s, m in (('auth', 3), ('sign', 5), ('card-info', 3))]
    got = [described(r) for r in rows or []]
    ok(got == want, 'the three counters read over AT-SPI equal the profile\'s', 'got %r, want %r' % (got, want))
    check_names(frame, 'PIN attempts')

    # Test the user authentication PIN with a wrong PIN, keyboard only.
    target = TEXT['test_row']
    group = TEXT['auth_group']
    for _ in range(30):
        f = focused(frame)
        if f is not None and f.name == target and f.parent is not None and f.parent.name == group:
            break
        key('Tab')
    ok(f is not None and f.name == target and f.parent.name == group,
       'Tab reaches "%s" in the list "%s"' % (target, group))
    key('Return')
    dialog = wait(lambda: next((w for w in frames(app) if w.name == TEXT['auth_dialog']), None))
    if ok(dialog is not None, 'the PIN dialog opens'):
        tries = wait(lambda: named_showing(dialog, TEXT['tries'].format(r=3, m=3)))
        ok(tries is not None, 'the dialog says the tries left before asking')
        entry = wait(lambda: focused(dialog))
        ok(entry is not None and (entry.name or '').strip(), 'focus is on the named PIN entry',
           entry.getRoleName() if entry else 'nothing focused')
        check_names(dialog, 'the PIN dialog')
        type_text('9999')
        # What a screen reader (or any program on the accessibility bus) can read of the
        # entry: stars, never the PIN (GTK 4.8 gives out the entry's own text).
        shown = ''
        try:
            text = entry.queryText()
            shown = text.getText(0, 4) + '|' + text.getText(0, -1)
        except Exception as e:  # no Text interface at all is fine too
            shown = 'no text interface (%s)' % e
        ok('9' not in shown, 'the PIN entry gives assistive technology no digits of the PIN', shown)
        key('Return')
        msg = wait(lambda: find(dialog, lambda o: showing(o) and (o.name or '').startswith(TEXT['wrong2'])))
        ok(msg is not None, 'a wrong PIN says how many tries are left')
        key('Escape')
        time.sleep(1)
        focus_is(frame, TEXT['test_row'], 'focus is back on the row that opened the dialog')
    rows = wait(lambda: rows_in_page(frame, TEXT['tries_row']) or None)
    ok(rows and described(rows[0]) == TEXT['tries'].format(r=2, m=3), 'the page shows the try that was spent',
       described(rows[0]) if rows else None)

    key('alt+n')
    ok(page_shown(frame, TEXT['portal']), 'Alt+N goes to Mynaportal log-in')
    ok(wait(lambda: in_page_prefix(frame, TEXT['open'])), 'the portal can be opened')
    check_names(frame, 'Mynaportal log-in')

    key('alt+n')
    ok(page_shown(frame, TEXT['reset']), 'Alt+N goes to Reset and offices')
    focus_is(frame, TEXT['finder_button'], 'focus is on the first control of Reset and offices')
    check_names(frame, 'Reset and offices')
    radios = [o for o in visible_tree(frame) if o.getRoleName() == 'radio button']
    checks = [o.name for o in visible_tree(frame) if o.getRoleName() == 'check box']
    ok(len(radios) == 8 and not checks, 'the reset choices are radio buttons',
       '%d radio buttons, check boxes: %r' % (len(radios), checks))

    key('F1')
    ok(page_shown(frame, TEXT['help']), 'F1 opens Which PIN where')
    ok(wait(lambda: in_page(frame, TEXT['ref_row'])), 'the reference lists Mynaportal')
    check_names(frame, 'Which PIN where')

    key('alt+b')
    ok(page_shown(frame, TEXT['reset']), 'Alt+B goes back to where F1 was pressed')
    print('# language: %s' % LANG)


if __name__ == '__main__':
    sys.exit(main())
