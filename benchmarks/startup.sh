#!/usr/bin/env bash
# Start-up and tear-down (issue 10 part 5): one tiny image (64x48 PNG) end to end in local mode,
# build done, as a user runs it. Prints each run's wall time and CPU time (user + sys of the JVM,
# which a loaded machine inflates less than wall time; best of N of each) and, from Spark's event
# log of the last run, the Spark jobs it launched. The first run after a build also writes
# run-local.sh's class-data archive: run once before measuring (N >= 2, ignore run 1).
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
best_cpu=""
for i in $(seq 1 "$runs"); do
  rm -rf "$dir/out" "$dir/events" && mkdir -p "$dir/events"
  (cd "$job_root" && /usr/bin/time -f "%e %U %S" -o "$dir/time" ./submit-scripts/run-local.sh \
    --input "$dir/tiny.png" --output "$dir/out" --model esrgan-slim-x2 --scale 2 \
    --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$dir/events" >/dev/null 2>&1)
  read -r took user sys < "$dir/time"
  cpu=$(echo "$user + $sys" | bc)
  echo "run $i: $took s wall, $cpu CPU-s (user $user, sys $sys; load $(uptime | sed 's/.*load average: //'))"
  if [[ -z "$best" ]] || (( $(echo "$took < $best" | bc) )); then best=$took; fi
  if [[ -z "$best_cpu" ]] || (( $(echo "$cpu < $best_cpu" | bc) )); then best_cpu=$cpu; fi
done
echo "best of $runs: $best s wall, $best_cpu CPU-s"
[[ -f job/target/test-classes/io/upscaler/job/bench/FlowReport.class ]] || mvn -q -B -o -pl job -am test-compile -DskipTests
java -cp "job/target/test-classes:$(cat job/target/run-local.classpath)" io.upscaler.job.bench.FlowReport "$dir/events" | grep -v "model stage"
