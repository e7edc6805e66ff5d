#!/usr/bin/env bash
# Runs the product on its embedded defaults, on this machine, with no accounts.
# Today: the SDK demo (the front door calling a local server that answers with openapi.yaml's examples).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl testing -am
exec java -cp "testing/target/classes:$(cat testing/target/classpath.txt)" org.crosstradediscord.testing.demo.SdkDemo "$@"
