#!/usr/bin/env bash
# Command 2: set up what is missing (wasm target, wasm-bindgen-cli, npm packages, Debian
# chromium), then run every check and end with a pass/fail summary. .ci/run calls exactly this.
source "$(dirname "$0")/setup.sh"

passed=0; failed=0; report=()
check() {
  local name="$1"; shift
  step "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); report+=("PASS  $name ($((SECONDS - start)) s)")
  else
    failed=$((failed + 1)); report+=("FAIL  $name ($((SECONDS - start)) s)")
  fi
}

ensure_chromium
setup
export CHROMIUM_PATH=/usr/bin/chromium

check "cargo fmt --check" cargo fmt --check
check "cargo clippy (native and wasm32, -D warnings)" \
  bash -c 'cargo clippy --quiet --all-targets -- -D warnings && cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings'
check "cargo test (core, golden cases, properties)" cargo test --quiet
check "fuzzing for a bounded time (reader+settle, solve, share links, 400-number reader, deal policy)" \
  cargo test --release --quiet --test fuzz -- --ignored --nocapture
check "holiday data against the chinesecalendar package" bash -c \
  'python3 -c "import chinese_calendar" 2>/dev/null || pip install -q --disable-pip-version-check chinesecalendar; python3 tests/calendar/compare_official.py'
check "deadlines 2007-01..2026-09 and statutory holidays 2027-2099 against chinesecalendar and lunardate" bash -c \
  'python3 -c "import chinese_calendar, lunardate" 2>/dev/null || pip install -q --disable-pip-version-check chinesecalendar lunardate; python3 tests/calendar/compare_deadlines.py && python3 tests/calendar/check_statutory.py'
check "module tests in Node (pkg/)" node --test tests/node/
check "end-to-end tests in headless Chromium" node --test --test-concurrency=1 tests/e2e/

printf '\n==> summary\n'
printf '%s\n' "${report[@]}"
printf 'checks: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
