#!/usr/bin/env bash
# Starts the CrossTrade simulator alone (REST + WebSocket /ws/stream) so a person or another process can use it.
#   scripts/simulator.sh --port 8089 --token sandbox-token --accounts Sim101,Sim102 --price "MES 12-25=6000.25"
# Read-only view of positions: curl http://127.0.0.1:8089/_sim/positions
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl testing -am >&2
exec java -Dlogback.configurationFile=sandbox-logback.xml -Dsandbox.log=target/simulator.log \
  -cp "testing/target/classes:$(cat testing/target/classpath.txt)" \
  org.crosstradediscord.testing.simulator.SimulatorMain "$@"
