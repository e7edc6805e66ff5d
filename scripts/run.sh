#!/usr/bin/env bash
# Runs the product on its embedded defaults, on this machine, with no accounts: the sandbox.
# It builds what it needs, then starts the CrossTrade simulator, a local Discord stand-in and the real bot
# together, and lets you act as a Discord member in this terminal (type `help`).
#   scripts/run.sh                                   interactive
#   scripts/run.sh --script testing/sandbox/tour.script   non-interactive tour of every command
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
echo "Building (first run downloads dependencies)…" >&2
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl testing -am >&2
echo "Logs (bot, audit, stand-ins): target/sandbox.log" >&2
mkdir -p target
exec java -Dlogback.configurationFile=sandbox-logback.xml -Dsandbox.log=target/sandbox.log \
  -cp "testing/target/classes:$(cat testing/target/classpath.txt)" \
  org.crosstradediscord.testing.sandbox.SandboxMain "$@"
