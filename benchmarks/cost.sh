#!/usr/bin/env bash
# Cost benchmark: the dry run's ESTIMATE and a real run's bill for N generated ~256x256 photos
# upscaled 4x with the default model in local mode, priced as INSTANCE (default c6i.xlarge:
# 4 vCPUs = 2 cores, like the build machine), plus what the run report cost the driver.
#   benchmarks/cost.sh [N] [INSTANCE] [STATS_ROWS]   (needs udfs/target/bench.args: run benchmarks/core.sh once)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-24}"
instance="${2:-c6i.xlarge}"
echo "== $(date -u +%FT%TZ)  $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
echo "== dry run"
benchmarks/job.sh "$n" --dry-run --instance "$instance" 2>&1 | grep -E 'rows [0-9]+:|TFLOP|ESTIMATE'
echo "== run"
benchmarks/job.sh "$n" --instance "$instance" --progress-every 10 > work/bench/cost.log 2>&1
grep -E 'Progress: |report .* written|  rows |  input |  latency |  cost |  time: |^real' work/bench/cost.log
echo "== load after: $(uptime | sed 's/.*load average: //')"
echo "== report parts (gallery pair and page: CPU time of one thread; queries: wall time, local[2])"
mvn -q -B -o -DskipTests -pl job -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/job/target/report-bench.classpath" -Dmdep.includeScope=test >&2
source submit-scripts/java17-opens.sh
mkdir -p job/target/tmp
(cd job && java $SPARK_JAVA17_OPENS -Djava.io.tmpdir=target/tmp \
  -cp "target/test-classes:target/classes:../udfs/target/classes:../models/target/classes:$(cat target/report-bench.classpath)" \
  io.upscaler.job.report.ReportCostMain "${3:-1000000}" 2>&1 | grep -E 'pair|page|rows:')
