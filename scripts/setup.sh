#!/usr/bin/env bash
# One command from a fresh clone to a running casebook: provides Node 22 (installing it
# locally when the system Node is older), installs the locked dependencies, then runs the
# main job on the built-in defaults. Extra arguments go to that job.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/node22.sh
source scripts/node22.sh

stamp=node_modules/.casebook-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] ||
  [ "$(cat "$stamp")" != "$(node --version)" ]; then
  echo "casebook: installing dependencies with Node $(node --version)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  node --version >"$stamp"
fi

exec node bin/casebook.js demo "$@"
