#!/usr/bin/env bash
# Start-up and tear-down (issue 10 part 5): one tiny image (64x48 PNG) end to end in local mode,
# build done, as a user runs it. Prints each run's wall time (JVM start to exit; best of N) and,
# from Spark's event log of the last run, the Spark jobs it launched.
#
#   benchmarks/startup.sh [N]                 (N runs, default 3)
#   JOB_ROOT=/other/checkout benchmarks/startup.sh   # time another checkout's job (before/after)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-3}"
job_root="${JOB_ROOT:-$root}"
dir="$root/work/bench/startup"
mkdir -p "$dir"
python3 - "$dir/tiny.png" <<'PY'
import struct, sys, zlib
w, h = 64, 48
raw = b"".join(b"\0" + b"".join(bytes([x * 4 % 256, y * 5 % 256, 128]) for x in range(w)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
"$job_root/submit-scripts/run-local.sh" --help >/dev/null   # builds the job if needed
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
best=""
for i in $(seq 1 "$runs"); do
  rm -rf "$dir/out" "$dir/events" && mkdir -p "$dir/events"
  start=$(date +%s.%N)
  (cd "$job_root" && ./submit-scripts/run-local.sh --input "$dir/tiny.png" --output "$dir/out" \
    --model esrgan-slim-x2 --scale 2 \
    --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$dir/events" >/dev/null 2>&1)
  took=$(echo "$(date +%s.%N) - $start" | bc)
  echo "run $i: $took s (load $(uptime | sed 's/.*load average: //'))"
  if [[ -z "$best" ]] || (( $(echo "$took < $best" | bc) )); then best=$took; fi
done
echo "best of $runs: $best s"
[[ -f job/target/test-classes/io/upscaler/job/bench/FlowReport.class ]] || mvn -q -B -o -pl job -am test-compile -DskipTests
java -cp "job/target/test-classes:$(cat job/target/run-local.classpath)" io.upscaler.job.bench.FlowReport "$dir/events" | grep -v "model stage"
