#!/usr/bin/env bash
# Benchmarks (prints numbers; not part of the tests): the bot jar as its own process against the Discord
# stand-in and the CrossTrade simulator on loopback. Results go in docs/benchmarks.md.
#   scripts/bench.sh [interactions=1000] [clicks=100]   per side: the bot and, in the same run, the floor (a minimal
#                                            JDA bot with the same JVM options that only acknowledges), measured in
#                                            alternating blocks; prints both side by side with their ratio, and ends
#                                            with one line: bench: ack_p50_ms=… ack_p99_ms=… … rss_mib=…
#                                            BENCH_STARTS=n: cold launches of each, alternating (default 3, median)
#   scripts/bench.sh board [seconds=60]      the desk board: 5 accounts x 10 moving positions, edits/min, CPU, RSS
#   scripts/bench.sh dist [interactions=200] [clicks=20]   the bot started by bin/crosstrade-bot from the unpacked
#                                            distribution archive (its default JVM options; BOT_JAVA_OPTS go to
#                                            JAVA_OPTS); the floor gets the launcher's defaults read from that
#                                            bin/crosstrade-bot; BENCH_OPS=1 also turns ops.listen (/metrics) on
#   scripts/bench.sh sdk [benchmark regex]   JMH: the SDK's REST call vs raw java.net.http + Jackson, and the
#                                            WebSocket round trip (module bench/); prints ops/s, p50/p99, SDK/raw
#   scripts/bench.sh sdk interleaved [calls]  SDK and raw calls alternately in one loop (fair on a shared machine)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${1:-}" == "sdk" ]]; then
  shift
  mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl bench -am >&2
  exec java ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    org.crosstradediscord.bench.SdkBenchMain "$@"
fi
target_bot=bot/target/crosstrade-bot-0.1.0-SNAPSHOT-all.jar
if [[ "${1:-}" == "dist" ]]; then
  shift
  target_bot=bot/target/crosstrade-bot-0.1.0-SNAPSHOT.tar.gz
  set -- "${1:-200}" "${2:-20}"
fi
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl testing -am >&2
mkdir -p target
if [[ "${1:-}" == "board" ]]; then
  shift
  exec java -Dlogback.configurationFile=sandbox-logback.xml -Dsandbox.log=target/bench.log \
    -cp "testing/target/classes:$(cat testing/target/classpath.txt)" \
    org.crosstradediscord.testing.bench.BoardBenchmark bot/target/crosstrade-bot-0.1.0-SNAPSHOT-all.jar "$@"
fi
exec java -Dlogback.configurationFile=sandbox-logback.xml -Dsandbox.log=target/bench.log \
  -cp "testing/target/classes:$(cat testing/target/classpath.txt)" \
  org.crosstradediscord.testing.bench.Benchmarks "$target_bot" "$@"
