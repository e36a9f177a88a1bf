#!/usr/bin/env python3
# test-flatpak-manifest.py
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CI cannot download a GNOME runtime, so flatpak-builder cannot run here. This test reads the
# manifest instead and checks that it builds what we mean to ship: our app id and command, a
# numbered stable runtime, the pcsc-lite client library without its daemon, and permissions
# limited to what the app uses. Prints TAP.
#
# Usage: test-flatpak-manifest.py MANIFEST APP_ID README DESKTOP_IN

import json
import re
import sys

# What the app uses: the host's pcscd through its socket, a Wayland display (X11 only as a
# fallback), shared memory for X11, and the GPU for GTK's renderer. Secrets, the browser,
# printing and files go through portals, which need no permission.
EXPECTED_FINISH_ARGS = {
    '--socket=pcsc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--share=ipc',
    '--device=dri',
}

# The pcsc-lite meson options that keep the library free of host integration.
PCSC_REQUIRED_OPTS = {
    '-Dlibsystemd=false',
    '-Dlibudev=false',
    '-Dpolkit=false',
    '-Dusb=false',
    '-Dserial=false',
}

results = []


def check(description, condition, detail=''):
    results.append((bool(condition), description, detail))


def module_named(modules, name):
    for module in modules:
        if isinstance(module, dict) and module.get('name') == name:
            return module
    return None


def check_permissions(finish_args):
    check('finish-args have no duplicates', len(finish_args) == len(set(finish_args)),
          finish_args)
    check('finish-args are exactly the permissions the app uses',
          set(finish_args) == EXPECTED_FINISH_ARGS,
          'extra: %s, missing: %s' % (sorted(set(finish_args) - EXPECTED_FINISH_ARGS),
                                      sorted(EXPECTED_FINISH_ARGS - set(finish_args))))
    check('no network access', '--share=network' not in finish_args)
    check('no file system access',
          not any(a.startswith(('--filesystem', '--persist')) for a in finish_args),
          finish_args)
    check('no full X11 (only the fallback)', '--socket=x11' not in finish_args)
    check('no bus names or whole buses',
          not any(a.startswith(('--talk-name', '--own-name', '--system-talk-name',
                                '--socket=session-bus', '--socket=system-bus'))
                  for a in finish_args), finish_args)
    check('no device access beyond DRI',
          not any(a.startswith('--device=') and a != '--device=dri' for a in finish_args),
          finish_args)


def check_pcsc_module(pcsc, readme):
    check('a pcsc-lite module is built', pcsc is not None)
    if pcsc is None:
        return
    check('pcsc-lite is built with meson', pcsc.get('buildsystem') == 'meson')
    opts = set(pcsc.get('config-opts', []))
    check('pcsc-lite is built as a client library only (no systemd, udev, polkit, USB, '
          'serial)', PCSC_REQUIRED_OPTS <= opts, sorted(PCSC_REQUIRED_OPTS - opts))
    removes_daemon = any(re.search(r'\brm\b.*(/app/sbin/pcscd|/app/sbin)\b', command)
                         for command in pcsc.get('post-install', []))
    removes_daemon = removes_daemon or any(c in ('/sbin', '/sbin/pcscd')
                                           for c in pcsc.get('cleanup', []))
    check('the pcscd daemon is not shipped', removes_daemon)
    sources = pcsc.get('sources', [])
    archives = [s for s in sources if s.get('type') == 'archive']
    check('pcsc-lite comes from one release archive', len(archives) == 1 and len(sources) == 1)
    if len(archives) != 1:
        return
    url = archives[0].get('url', '')
    match = re.fullmatch(r'https://pcsclite\.apdu\.fr/files/pcsc-lite-(\d+\.\d+\.\d+)\.tar\.'
                         r'(xz|bz2)', url)
    check('pcsc-lite is pinned to a released version', match is not None, url)
    check('pcsc-lite archive has a sha256',
          re.fullmatch(r'[0-9a-f]{64}', archives[0].get('sha256', '')) is not None)
    if match:
        version = match.group(1)
        check('flatpak/README.md gives the reason for pcsc-lite %s' % version,
              ('pcsc-lite %s' % version) in readme)


def check_app_module(app, app_id, desktop_in):
    check('the last module is the app', app is not None and app.get('name') == 'mynassist')
    if app is None:
        return
    check('the app is built with meson', app.get('buildsystem') == 'meson')
    check('the app is built without tests', '-Dtests=false' in app.get('config-opts', []))
    exec_line = re.search(r'^Exec=(\S+)', desktop_in, re.M)
    check('the desktop file runs the manifest command',
          exec_line is not None and exec_line.group(1) == 'mynassist')


def main(argv):
    if len(argv) != 5:
        print('usage: %s MANIFEST APP_ID README DESKTOP_IN' % argv[0], file=sys.stderr)
        return 2
    manifest_path, app_id, readme_path, desktop_in_path = argv[1:]
    with open(readme_path, encoding='utf-8') as f:
        readme = f.read()
    with open(desktop_in_path, encoding='utf-8') as f:
        desktop_in = f.read()

    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        check('manifest is valid JSON', False, repr(e))
        manifest = None

    if manifest is not None:
        check('manifest is valid JSON', True)
        check('app id', manifest.get('id', manifest.get('app-id')) == app_id,
              manifest.get('id', manifest.get('app-id')))
        check('not both id and app-id', not ('id' in manifest and 'app-id' in manifest))
        check('command is mynassist', manifest.get('command') == 'mynassist',
              manifest.get('command'))
        check('runtime is the GNOME platform with its SDK',
              manifest.get('runtime') == 'org.gnome.Platform'
              and manifest.get('sdk') == 'org.gnome.Sdk')
        version = str(manifest.get('runtime-version', ''))
        check('runtime is a numbered stable release, not master or nightly',
              re.fullmatch(r'\d+', version) is not None, version)
        check('flatpak/README.md explains the runtime choice',
              ('org.gnome.Platform//%s' % version) in readme)
        check_permissions(manifest.get('finish-args', []))
        modules = manifest.get('modules', [])
        pcsc = module_named(modules, 'pcsc-lite')
        check_pcsc_module(pcsc, readme)
        app = modules[-1] if modules else None
        check_app_module(app, app_id, desktop_in)
        if pcsc is not None and app is not None:
            check('pcsc-lite is built before the app', modules.index(pcsc) < modules.index(app))

    print('1..%d' % len(results))
    for number, (ok, description, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', number, description))
        if not ok and detail:
            print('# %s' % detail)
    return 0 if results and all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
