#!/usr/bin/env bash
# Pipeline efficiency: the job's output MP/s (from its summary: planning and commit included, JVM
# start excluded) divided by plain ONNX Runtime's on the same images and model file (whole images,
# 2 intra-op threads, no I/O), measured one after the other in one run (see BENCHMARKS.md).
#
#   benchmarks/efficiency.sh [case...] [-- extra job options]
#   cases: general (realesr-general-x4v3, 64 photos 240x180, x4; default)
#          medium  (esrgan-medium-x2, 16 photos 480x360, x2)
# Wrap it in the heavy lock on the shared machine:  flock /work/coord/heavy.lock benchmarks/efficiency.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cases=()
while [[ $# -gt 0 && "$1" != "--" ]]; do cases+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
[[ ${#cases[@]} -gt 0 ]] || cases=(general medium)

mvn -q -B -DskipTests -pl udfs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/udfs/target/bench.classpath" -Dmdep.includeScope=test >&2
mkdir -p work/tmp
printf -- '-cp %s\n' "udfs/target/test-classes:udfs/target/classes:models/target/classes:$(cat udfs/target/bench.classpath)" \
  > udfs/target/bench.args

photos() { # dir count width height
  [[ -d "$1" ]] && return
  mkdir -p "$1.tmp"
  for i in $(seq 1 "$2"); do
    src=$(ls examples/*.jpg examples/*.webp | sed -n "$(( (i % 3) + 1 ))p")
    java "@udfs/target/bench.args" io.upscaler.bench.MakeInput "$src" "$1.tmp/img$i.jpg" "$3" "$i" "$4"
  done
  mv "$1.tmp" "$1"
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
for c in "${cases[@]}"; do
  case "$c" in
    general) model=realesr-general-x4v3; scale=4; n=64; w=240; h=180 ;;
    medium) model=esrgan-medium-x2; scale=2; n=16; w=480; h=360 ;;
    *) echo "unknown case $c"; exit 2 ;;
  esac
  input="work/efficiency/$n-${w}x$h"
  photos "$input" "$n" "$w" "$h"
  echo "== $model over $n photos of ${w}x$h, x$scale; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  plain=$(java -Djava.io.tmpdir="$root/work/tmp" @udfs/target/bench.args io.upscaler.bench.PlainOrt \
    "$model" "$input" 2>/dev/null | tee /dev/stderr | sed -n 's/^plain_output_mp_per_s=//p')
  out="work/efficiency/out-$model"
  rm -rf "$out"
  ./submit-scripts/run-local.sh --input "$input" --output "$out" --model "$model" --scale "$scale" \
    --max-failure-ratio 0 "$@" > "work/efficiency/run-$model.log" 2>&1 \
    || { cat "work/efficiency/run-$model.log"; exit 1; }
  job=$(sed -n 's/.*"throughput_output_mp_per_s" *: *\([0-9.]*\).*/\1/p' "$out"/runs/*/summary.json)
  echo "job: $(grep -E 'output MP/s' "work/efficiency/run-$model.log" | head -1 | sed 's/^ *//')"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v j="$job" -v p="$plain" -v m="$model" \
    'BEGIN { printf "efficiency %s: job %.3f / plain %.3f output MP/s = %.2f\n", m, j, p, j / p }'
done
