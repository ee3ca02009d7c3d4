#!/usr/bin/env bash
# Feed benchmark: what the CPU work around the model costs per output megapixel, per output format,
# and how many vCPUs a GPU producing R output MP/s needs to be fed (see BENCHMARKS.md, "Feed").
#
#   benchmarks/feed.sh [COUNT] [nearest|cubic] [formats...]      (default: 24 nearest png jpeg webp)
#
# Generates a near-free model (one ONNX Resize x4, no learned weights, with its card: a user
# model) and a mixed catalogue of COUNT images (JPEG, PNG, WebP; some with alpha, some 16-bit;
# 256-2,048 px), runs the job over it once per output format in local mode, and prints CPU-ms per
# output MP of every stage from the statistics' *_cpu_ms columns. Wrap it in the heavy lock on the
# shared machine:  flock /work/coord/heavy.lock benchmarks/feed.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
count="${1:-24}"
kind="${2:-nearest}"
shift $(( $# >= 2 ? 2 : $# ))
formats=("$@")
[[ ${#formats[@]} -gt 0 ]] || formats=(png jpeg webp)

mvn -q -B -DskipTests -pl job -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/job/target/feed.classpath" -Dmdep.includeScope=test >&2
mkdir -p work/tmp
printf -- '-cp %s\n' "job/target/test-classes:job/target/classes:udfs/target/test-classes:udfs/target/classes:models/target/classes:$(cat job/target/feed.classpath)" \
  > job/target/feed.args
bench="work/feed"
catalogue="$bench/catalogue-$count"
if [[ ! -d "$catalogue" ]]; then
  java -Djava.io.tmpdir="$root/work/tmp" @job/target/feed.args io.upscaler.bench.FeedInputs \
    "$bench/model" "$catalogue.tmp" "$count" examples "$kind"
  mv "$catalogue.tmp" "$catalogue"
fi
java -Djava.io.tmpdir="$root/work/tmp" @job/target/feed.args io.upscaler.bench.FeedInputs \
  "$bench/model" "$catalogue" 0 examples "$kind"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
outs=()
for format in "${formats[@]}"; do
  out="$bench/out-$kind-$format"
  rm -rf "$out"
  ./submit-scripts/run-local.sh --input "$catalogue" --output "$out" \
    --model "$bench/model/feed-$kind-x4.onnx" --scale 4 --format "$format" \
    --max-failure-ratio 0 >"$bench/run-$format.log" 2>&1 || { cat "$bench/run-$format.log"; exit 1; }
  outs+=("$out")
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
source submit-scripts/java17-opens.sh
# shellcheck disable=SC2086
java $SPARK_JAVA17_OPENS -Djava.io.tmpdir="$root/work/tmp" @job/target/feed.args \
  io.upscaler.job.bench.FeedReport "${outs[@]}" 2>/dev/null
