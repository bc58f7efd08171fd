#!/bin/sh
# Builds the CLI bundle through Nx (cached: a no-op when nothing changed) and runs it with the
# given arguments, from the workspace root. Used by the root scripts plan, scenario, bench:planning.
set -e
cd "$(dirname "$0")/../.."
if ! log=$(NX_DAEMON=false NX_NO_CLOUD=true nx run planner-cli:build 2>&1); then
  printf '%s\n' "$log" >&2
  echo "planner-cli: build failed" >&2
  exit 1
fi
exec node dist/apps/planner-cli/main.js "$@"
