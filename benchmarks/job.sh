#!/usr/bin/env bash
# Job benchmark: upscales N generated 256x256 JPEG photos 4x with the default model in local mode
# and prints the run summary (throughput vs the core benchmark = what Spark and I/O add).
#   benchmarks/job.sh [N] [extra job options...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-24}"
shift || true
input="work/bench/input-$n"
if [[ ! -d "$input" ]]; then
  [[ -f udfs/target/bench.args ]] || { echo "run benchmarks/core.sh once first (builds the harness)"; exit 1; }
  mkdir -p "$input"
  # Real photo content at catalogue-thumbnail size: crops of the sample photos, re-encoded.
  for i in $(seq 1 "$n"); do
    src=$(ls examples/*.jpg examples/*.webp | sed -n "$(( (i % 3) + 1 ))p")
    java "@udfs/target/bench.args" io.upscaler.bench.MakeInput "$src" "$input/img$i.jpg" 256 "$i"
  done
fi
rm -rf work/bench/output
time ./submit-scripts/run-local.sh --input "$input" --output work/bench/output --scale 4 "$@"
