#!/usr/bin/env bash
# Runs every test: lints openapi.yaml, then builds all modules and runs all JUnit suites (mvn verify).
# Extra arguments go to Maven, e.g. scripts/test.sh -pl testing -am
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/lint-spec.sh"
cd "$root"
exec mvn -B -ntp verify "$@"
