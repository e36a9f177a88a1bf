#!/usr/bin/env python3
# test-cli-terminal.py CLI: a PIN typed at a terminal is not shown by it. Runs mynassist-cli
# on the demo card in a pseudo-terminal, waits for its prompt, types the PIN, and reads back
# everything the terminal showed. TAP.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import pty
import select
import signal
import sys
import termios
import time

CLI = sys.argv[1]
results = []


def ok(cond, name, detail=''):
    results.append(cond)
    print('%s %d - %s' % ('ok' if cond else 'not ok', len(results), name))
    if not cond and detail:
        for line in str(detail).splitlines():
            print('# ' + line)


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['LANGUAGE'] = 'C'
        os.environ['LC_ALL'] = 'C.UTF-8'
        os.execvp(argv[0], argv)
    return pid, fd


def read_until(fd, needle, seconds=20):
    """Everything the terminal shows until needle appears (or the program ends)."""
    out = b''
    deadline = time.monotonic() + seconds
    while needle.encode() not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out.decode(errors='replace')


def finish(pid, fd):
    rest = read_until(fd, '\0', seconds=20)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return rest, status


print('1..5')

# The harness itself: a terminal shows what is typed unless the program turns echo off.
pid, fd = spawn(['head', '-n', '1'])
time.sleep(0.3)
os.write(fd, b'7391\n')
shown, _ = finish(pid, fd)
ok('7391' in shown, 'a terminal shows what is typed (the checks below can fail)', shown)

pid, fd = spawn([CLI, '--demo', 'verify', 'auth', '--pin-stdin'])
shown = read_until(fd, '(not shown): ')
os.write(fd, b'1234\n')
rest, status = finish(pid, fd)
shown += rest
ok('1234' not in shown and 'accepted' in shown and os.WEXITSTATUS(status) == 0,
   'verify: the PIN is not shown, and the card took it', shown)

pid, fd = spawn([CLI, '--demo', 'cert', 'sign', '--pin-stdin', '--text'])
shown = read_until(fd, '(not shown): ')
os.write(fd, b'DEMO2026\n')
rest, status = finish(pid, fd)
shown += rest
ok('DEMO2026' not in shown and os.WEXITSTATUS(status) == 0,
   'cert sign: the password is not shown', shown)

# After the program, the terminal shows typed text again.
pid, fd = spawn(['sh', '-c', '"$0" --demo verify auth --pin-stdin; head -n 1', CLI])
shown = read_until(fd, '(not shown): ')
os.write(fd, b'1234\n')
shown += read_until(fd, 'accepted')
time.sleep(0.3)
os.write(fd, b'5820\n')
rest, _ = finish(pid, fd)
shown += rest
ok('1234' not in shown and '5820' in shown, 'echo is back after the program', shown)

# Interrupted at the prompt (Ctrl+C): the program ends by the signal and leaves the terminal
# echoing again. On Linux the master side reads the terminal's settings.
pid, fd = spawn([CLI, '--demo', 'verify', 'auth', '--pin-stdin'])
read_until(fd, '(not shown): ')
echo_while_reading = termios.tcgetattr(fd)[3] & termios.ECHO
os.write(fd, b'\x03')
_, status = os.waitpid(pid, 0)
echo_after = termios.tcgetattr(fd)[3] & termios.ECHO
os.close(fd)
ok(not echo_while_reading and echo_after and os.WIFSIGNALED(status) and
   os.WTERMSIG(status) == signal.SIGINT,
   'Ctrl+C at the prompt: echo is back, and the program ended by the signal',
   'echo while reading %s, after %s, status %r' % (echo_while_reading, echo_after, status))

sys.exit(0)
