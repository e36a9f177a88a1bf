#!/bin/bash
# run-tests.sh — builds Mynassist and runs every test: unit, virtual card, office data,
# desktop data, UI and accessibility (under Xvfb and a private D-Bus session), and the
# integration tests through the real pcscd with the vpcd virtual reader; then the card core
# and integration suites again under AddressSanitizer and UndefinedBehaviorSanitizer.
# Ends with one line: "N passed, N failed, N skipped".
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
cd "$(dirname "$0")/.."

BUILD=${BUILD:-_build/tests}
ASAN_BUILD=${ASAN_BUILD:-_build/asan}
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

setup () {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >"$LOGS/setup.log" 2>&1
  else
    meson setup "$dir" "$@" >"$LOGS/setup.log" 2>&1
  fi || { cat "$LOGS/setup.log"; echo "0 passed, 1 failed"; exit 1; }
}

# pcscd with the vpcd driver: the integration tests need it. As root (CI), start it here and
# let the tests stop and restart it to check "pcscd stopped" and "no reader".
if [ "$(id -u)" -eq 0 ]; then
  export MYNASSIST_TEST_MANAGE_PCSCD=1
  pgrep -x pcscd >/dev/null || pcscd
fi
if [ "${CI:-}" = true ]; then
  export MYNASSIST_REQUIRE_PCSCD=1
fi

run_suite () {
  # run_suite NAME BUILD_DIR [meson test options…]: under Xvfb and a private session bus
  local name=$1 dir=$2; shift 2
  # -noreset: Xvfb otherwise resets whenever its last client leaves, and a test that connects
  # during the reset fails with "cannot open display" (seen with the AT-SPI test).
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    dbus-run-session -- meson test -C "$dir" --print-errorlogs "$@" 2>&1 | tee "$LOGS/$name.log"
}

echo "== build =="
setup "$BUILD"
ninja -C "$BUILD" || { echo "0 passed, 1 failed"; exit 1; }

echo "== tests =="
run_suite main "$BUILD"

echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer =="
setup "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
ninja -C "$ASAN_BUILD" || { echo "0 passed, 1 failed"; exit 1; }
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# GTK and fontconfig keep caches until exit, so leaks are checked where our code owns all
# memory (the core, the CLI, the virtual card), not in the UI suites.
ASAN_OPTIONS=detect_leaks=1 run_suite asan-core "$ASAN_BUILD" --suite unit --suite integration \
  --no-suite ui --no-suite a11y
ASAN_OPTIONS=detect_leaks=0 run_suite asan-ui "$ASAN_BUILD" --suite ui

# One closing line for whoever reads the log.
passed=0 failed=0 skipped=0
for log in "$LOGS"/main.log "$LOGS"/asan-*.log; do
  [ -f "$log" ] || continue
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  skip=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  if [ -z "$ok" ] && [ -z "$fail" ]; then
    # meson printed no summary (no test selected, or it crashed): count as a failure
    # unless it said there were no tests to run.
    grep -q "No suitable tests defined" "$log" || failed=$((failed + 1))
    continue
  fi
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0} + ${timeout:-0} + ${xpass:-0}))
  skipped=$((skipped + ${skip:-0}))
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
