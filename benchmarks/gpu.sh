#!/usr/bin/env bash
# GPU benchmark: output MP/s per bundled model in fp32 and fp16, at batch 1 and 4, with the CPU
# cost of each stage per output MP and the share of time the device waited (see BENCHMARKS.md).
# Run it on a GPU instance with the CUDA libraries in place (submit-scripts/emr-bootstrap-gpu.sh).
#
#   benchmarks/gpu.sh [--device cuda|tensorrt|cpu] [--gpu N] [--models all|id,id]
#                     [--precisions fp32,fp16] [--batches 1,4] [--images N] [--size WxH]
#                     [--tile N] [--writers N] [--format jpeg|png]
#   benchmarks/gpu.sh --dry-run     a tiny run on the CPU (esrgan-slim-x2, 4 images of 48x32):
#                                   checks the harness anywhere; its numbers mean nothing
#
# Defaults: CUDA device 0, every bundled model, 32 JPEG crops of a real photo at 960x540, tile 512,
# JPEG output, one writer thread per CPU. UPSCALER_BENCH_CP (a classpath) skips the Maven build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ -z "${UPSCALER_BENCH_CP:-}" ]]; then
  mvn -q -B -DskipTests -pl udfs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$root/udfs/target/bench.classpath" -Dmdep.includeScope=test >&2
  UPSCALER_BENCH_CP="udfs/target/test-classes:udfs/target/classes:models/target/classes:$(cat udfs/target/bench.classpath)"
fi
mkdir -p work/tmp
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) CPUs;$(uptime | sed 's/.*load/ load/')"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv,noheader
fi
printf -- '-cp %s\n' "$UPSCALER_BENCH_CP" > work/tmp/gpu-bench.args
exec java -Xmx12g -Djava.io.tmpdir="$root/work/tmp" @work/tmp/gpu-bench.args \
  io.upscaler.bench.GpuBenchmark "$@"
