#!/usr/bin/env bash
# Runs a command with Node >= 22.13 first on PATH (see node22.sh).
set -euo pipefail
# shellcheck source=scripts/node22.sh
source "$(dirname "$0")/node22.sh"
exec "$@"
