#!/usr/bin/env bash
# Flow benchmark (issue 9 part 2): how soon the model starts and how even the tasks are.
# Generates (once) N photos with sides log-uniform from 64 to 2,048 px (4 in 5 JPEG, 1 in 5 PNG)
# and a near-free nearest-neighbour x2 model, runs the job over them in local mode with Spark's
# event log on, and prints from that log: Spark jobs launched, seconds from the application's
# start to the first task of the model stage, and that stage's heaviest task over its mean task.
#
#   benchmarks/flow.sh [N] [extra job options...]       (N defaults to 2000)
#   FLOW_INPUT=manifest benchmarks/flow.sh 2000          # the CSV manifest with hint columns
#                                                          # (input_bytes, input_width, input_height)
#   JOB_ROOT=/path/to/other/checkout benchmarks/flow.sh  # run another checkout's job (before/after)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-2000}"
shift || true
job_root="${JOB_ROOT:-$root}"
dir="$root/work/bench/flow-$n"

"$job_root/submit-scripts/run-local.sh" --help >/dev/null   # builds the job if needed
if [[ ! -f job/target/test-classes/io/upscaler/job/bench/FlowReport.class ]]; then
  mvn -q -B -o -pl job -am test-compile -DskipTests
fi
[[ -f job/target/run-local.classpath ]] || ./submit-scripts/run-local.sh --help >/dev/null
cp="job/target/test-classes:job/target/classes:udfs/target/classes:models/target/classes:$(cat job/target/run-local.classpath)"
if [[ ! -f "$dir/manifest.csv" ]]; then
  echo "generating $n images under $dir ..." >&2
  java -cp "$cp" io.upscaler.job.bench.MixedCatalogue "$dir" "$n" \
    examples/astronaut.jpg examples/coffee-rotated.jpg examples/chelsea.webp
fi
input="$dir/images"
[[ "${FLOW_INPUT:-folder}" == "manifest" ]] && input="$dir/manifest.csv"

rm -rf "$dir/out" "$dir/events"
mkdir -p "$dir/events"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
start=$(date +%s.%N)
(cd "$job_root" && ./submit-scripts/run-local.sh --input "$input" --output "$dir/out" \
  --model "$dir/nearest-x2.onnx" --scale 2 --format jpeg --max-failure-ratio 0 \
  --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$dir/events" "$@")
end=$(date +%s.%N)
echo "wall (JVM start to exit): $(echo "$end - $start" | bc) s; load after: $(uptime | sed 's/.*load average: //')"
java -cp "$cp" io.upscaler.job.bench.FlowReport "$dir/events"
