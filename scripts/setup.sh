# Shared by scripts/run.sh and scripts/test.sh (sourced). Installs what is missing, quickly
# skips what is there, and builds pkg/ from the crate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly. No --locked: it pins
# a dependency release the registry here does not serve (see TOOLCHAIN notes in README).
ensure_wasm_bindgen() {
  local want have
  # Cargo.lock is not committed (it would name the registry); wasm-bindgen is pinned exactly in
  # Cargo.toml, so the lock always holds that version.
  [ -f Cargo.lock ] || cargo generate-lockfile --quiet
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, "", $3); print $3 }' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ "$have" != "$want" ]; then
    step "installing wasm-bindgen-cli $want (about two minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# binaryen (wasm-opt) and the browser driver come from package.json; npm ci is quick when cached.
ensure_npm() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

# Debian's Chromium for the browser tests, and a Chinese font so that screenshots show text.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    step "installing Debian chromium and fonts-noto-cjk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
}

# The resolved versions of the crates that shape the module's output (Cargo.lock is made locally).
print_versions() {
  awk '/^name = "(rust_decimal|serde_json|serde|wasm-bindgen|chrono)"$/ { n = $3; getline; gsub(/"/, "", n); gsub(/"/, "", $3); printf "%s %s  ", n, $3 } END { print "" }' Cargo.lock
}

# One module: the crate built with the cargo options given after its name, bound by wasm-bindgen as
# pkg/NAME.js and pkg/NAME_bg.wasm, then optimised.
build_module() {
  local name="$1"; shift
  cargo build --quiet --release --target wasm32-unknown-unknown --lib "$@"
  wasm-bindgen --target web --out-dir pkg --out-name "$name" target/wasm32-unknown-unknown/release/callsettle.wasm
  # npm's binaryen: Debian's older wasm-opt breaks wasm-bindgen's externref table. --converge
  # repeats -Oz while it still shrinks the module; --strip-producers drops the tool-version section;
  # --low-memory-unused lets it fold constant offsets into loads and stores (rustc links the stack
  # first, so addresses below 1024 are the stack's last kilobyte, reached only just before a stack
  # overflow traps anyway): 1.3 KB gzip of the calculator's module.
  node_modules/.bin/wasm-opt -Oz --converge --strip-producers --low-memory-unused \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "pkg/${name}_bg.wasm" -o "pkg/${name}_bg.wasm"
  ls -l "pkg/${name}_bg.wasm" | awk '{ print $9 ": " $5 " bytes" }'
}

build_pkg() {
  step "building pkg/ (release wasm, wasm-bindgen --target web, wasm-opt -Oz, package entry)"
  printf 'crates: '; print_versions
  # One module per page (Cargo.toml features): the calculator and what-if pages' module, the
  # 400-number page's module, then the import worker's (all of the crate, loaded only when a file
  # is chosen).
  build_module callsettle --no-default-features --features calculator
  build_module callsettle_account400 --no-default-features --features account400
  build_module callsettle_import
  # The package entry (init() check, CallsettleError) and pkg/package.json.
  node scripts/package.mjs
  vendor_www
  # The service worker's file list and version (www/offline-files.js, git-ignored): pages, vendor
  # files and pkg/ as just built.
  node scripts/offline.mjs
}

# Third-party files the page loads, copied from node_modules into www/vendor/ (git-ignored): the
# page serves them itself, nothing comes from a CDN. uPlot draws the cash-flow chart. PapaParse is
# the import benchmark's baseline only (bench/import-papa-worker.js); no page loads it.
vendor_www() {
  ensure_npm
  mkdir -p www/vendor
  cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css www/vendor/
  cp node_modules/uplot/LICENSE www/vendor/uPlot.LICENSE
  cp node_modules/papaparse/papaparse.min.js www/vendor/
  cp node_modules/papaparse/LICENSE www/vendor/papaparse.LICENSE
}

setup() {
  step "toolchain"
  ensure_wasm_target
  ensure_npm
  ensure_wasm_bindgen
  build_pkg
}
