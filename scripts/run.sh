#!/usr/bin/env bash
# Command 1: set up what is missing, build pkg/, serve the page on http://127.0.0.1:PORT.
# Usage: scripts/run.sh [PORT]   (default 8080)
source "$(dirname "$0")/setup.sh"
setup
port="${1:-${PORT:-8080}}"
step "serving http://127.0.0.1:$port/  (Ctrl-C stops)"
exec node scripts/serve.mjs "$port"
