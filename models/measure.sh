#!/usr/bin/env bash
# Measurements behind the numbers in models/README.md (not tests: they take minutes).
#
#   models/measure.sh throughput [--out DIR] SIZE RUNS MODEL...   output MP/s on this machine
#   models/measure.sh reach [--out DIR] MODEL N TILE MARGINS       how far an input change reaches
#
# Models come from the jar and from --out (default models/imported/, where import.sh writes).
# Both run ONNX Runtime on the CPU with 2 intra-op threads; see ThroughputMain and ReachMain.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/target"
out="$here/imported"
case "${1:-}" in
  throughput) main=io.upscaler.models.measure.ThroughputMain ;;
  reach) main=io.upscaler.models.measure.ReachMain ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
shift
if [[ "${1:-}" == "--out" ]]; then out="$(realpath -m "$2")"; shift 2; fi
mvn -B -q -Dstyle.color=never -f "$(dirname "$here")/pom.xml" -pl models test-compile \
  dependency:build-classpath -Dmdep.outputFile="$build/measure-classpath.txt" \
  -Dmdep.includeScope=test >&2
mkdir -p "$build/tmp"
java -Djava.io.tmpdir="$build/tmp" \
  -cp "$build/test-classes:$build/classes:$(cat "$build/measure-classpath.txt")" "$main" "$out" "$@"
