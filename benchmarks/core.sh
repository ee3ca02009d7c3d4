#!/usr/bin/env bash
# Core benchmark: per-stage times and model throughput on this machine (see BENCHMARKS.md).
#   benchmarks/core.sh [size threads tile runs model...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests -pl udfs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/udfs/target/bench.classpath" -Dmdep.includeScope=test >&2
mkdir -p work/tmp
printf -- '-cp %s\n' "udfs/target/test-classes:udfs/target/classes:models/target/classes:$(cat udfs/target/bench.classpath)" > udfs/target/bench.args
if [[ $# -eq 0 ]]; then
  set -- 256 2 512 3 esrgan-slim-x4 esrgan-medium-x4
fi
exec java -Xmx8g -Djava.io.tmpdir="$root/work/tmp" @udfs/target/bench.args io.upscaler.bench.CoreBenchmark "$@"
