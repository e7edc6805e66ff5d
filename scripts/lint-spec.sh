#!/usr/bin/env bash
# Lints the contract with Spectral (spectral:oas) and Redocly (recommended-strict): 0 errors, 0 warnings.
# Linter versions are pinned in tools/lint/package-lock.json; installed on first use with `npm ci`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="$root/openapi/src/main/resources/openapi.yaml"
lint="$root/tools/lint"
if [ ! -x "$lint/node_modules/.bin/spectral" ] || [ ! -x "$lint/node_modules/.bin/redocly" ]; then
  echo "lint-spec: installing pinned linters (npm ci in tools/lint)"
  (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$root"
echo "lint-spec: spectral (spectral:oas, fail on warnings)"
"$lint/node_modules/.bin/spectral" lint "$spec" --ruleset .spectral.yaml --fail-severity=warn
echo "lint-spec: redocly (recommended-strict)"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$lint/node_modules/.bin/redocly" lint "$spec" --config redocly.yaml 2> >(grep -v -e '║' -e '╔' -e '╚' >&2)
