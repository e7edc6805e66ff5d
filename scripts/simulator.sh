#!/usr/bin/env bash
# Starts the CrossTrade simulator alone (REST + WebSocket /ws/stream) so a person or another process can use it.
#   scripts/simulator.sh --port 8089 --token sandbox-token --accounts Sim101,Sim102 --price "MES 12-25=6000.25"
# Read-only view of positions: curl http://127.0.0.1:8089/_sim/positions
set -euo pipefail
for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then   # answered here: no build needed to read the options
    cat <<'USAGE'
Usage: scripts/simulator.sh [--port 8089] [--token sandbox-token] [--accounts Sim101,Sim102]
                            [--price "INSTRUMENT=PRICE"]... [--walk-ms MS] [--tick 0.25] [--seed 42]

Starts the CrossTrade simulator (REST /v1/api/... and WebSocket /ws/stream) on 127.0.0.1 until Ctrl-C; builds the
testing module first (mvn package, quiet) and prints one line: the base URL, the token and the accounts.
  --port PORT          listen port (default 8089; 0 picks a free one)
  --token TOKEN        the Bearer token it accepts (default sandbox-token)
  --accounts A,B       account names (default Sim101,Sim102)
  --price "I=P"        starting price of an instrument, e.g. --price "MES 12-25=6000.25" (repeatable)
  --walk-ms MS         move prices by a seeded random walk every MS ms (default 0: prices stay put)
  --tick T             the walk's step (default 0.25)
  --seed N             the walk's seed (default 42)
Read-only view of positions: curl http://127.0.0.1:8089/_sim/positions. Log: target/simulator.log.
USAGE
    exit 0
  fi
done
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl testing -am >&2
exec java -Dlogback.configurationFile=sandbox-logback.xml -Dsandbox.log=target/simulator.log \
  -cp "testing/target/classes:$(cat testing/target/classpath.txt)" \
  org.crosstradediscord.testing.simulator.SimulatorMain "$@"
