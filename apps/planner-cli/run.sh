#!/bin/sh
# Runs the CLI bundle with the given arguments, from the workspace root. Used by the root scripts
# plan, scenario, bench:planning. `bundle.cjs ensure` compares the bundle with the content hashes
# stamped at its build and runs `nx run planner-cli:build` only when a source changed, the bundle
# is missing or NX_SKIP_NX_CACHE=true: a few tens of ms instead of ~4 s of Nx when nothing changed.
# The bundle then runs in the same Node process (`bundle.cjs run`).
set -e
cd "$(dirname "$0")/../.."
exec node apps/planner-cli/bundle.cjs run "$@"
