#!/usr/bin/env bash
# EMR bootstrap action: the CUDA 12 libraries ONNX Runtime 1.29's GPU providers load, on every node.
#
#   aws emr create-cluster ... --bootstrap-actions \
#     Path=s3://bucket/scripts/emr-bootstrap-gpu.sh,Name=upscaler-cuda[,Args=[--tensorrt]]
#
#   emr-bootstrap-gpu.sh [--tensorrt] [--prefix DIR] [--from-s3 s3://.../cuda-libs.tar.gz]
#                        [--ort-natives-from s3://.../upscaler-job-<version>-all.jar] [--dry-run]
#   emr-bootstrap-gpu.sh --check [--tensorrt] [--prefix DIR]    only report what is missing
#
# What the providers in the job jar need (their ELF NEEDED entries, read with readelf -d from
# onnxruntime_gpu-1.29.0.jar; cuDNN is linked into the CUDA provider itself):
#   CUDA provider:     libcudart.so.12 libcublas.so.12 libcublasLt.so.12 libcurand.so.10, and
#                      libcuda.so.1 from an NVIDIA driver >= 525.60.13 (CUDA 12); libnvrtc.so.12 is
#                      opened at run time by cuDNN's runtime-compiled kernels.
#   TensorRT provider: libnvinfer.so.10 libnvonnxparser.so.10 libcudnn.so.9 libcublas.so.12
#                      libcudart.so.12 (TensorRT 10, cuDNN 9), plus everything the CUDA provider
#                      needs (the job registers CUDA after TensorRT).
# The driver is not installed here: EMR's GPU instance types come with it, and installing one needs a
# kernel module and a reboot. Without a driver the script stops (exit 4) naming what it found.
#
# Where the libraries come from: NVIDIA's redistributable wheels on PyPI (nvidia-*-cu12, and
# tensorrt-cu12-libs), installed with pip into --prefix (default /opt/upscaler/cuda); or, for
# clusters without internet access, a tar.gz of those files staged in S3 (--from-s3). The library
# folders go into /etc/ld.so.conf.d/upscaler-cuda.conf, so executors find them without
# LD_LIBRARY_PATH. Then every needed library is resolved with ldconfig; anything missing stops the
# bootstrap with exit 3 (a cluster that would fall back to the CPU on every GPU is not started).
#
# --ort-natives-from JAR: ONNX Runtime extracts its native libraries (583 MB for the CUDA
# provider) into java.io.tmpdir in every executor JVM that first uses a GPU: 5-9 s per JVM here. With
# this option they are unpacked once per node from the job jar into <prefix>/ort, and the job's
# executors load them in place when given
#   spark.executor.extraJavaOptions=... -Donnxruntime.native.path=<prefix>/ort
# (measured: the first CUDA provider load then takes ~1 ms instead of 5-9 s, and nothing is written
# to tmpdir). Use the same jar as the job: native libraries from another ORT version won't load.
#
# --dry-run prints every command instead of running it and checks nothing on the node (it runs
# anywhere). --check changes nothing and exits 0 when every library resolves, 3 when not.
# Exit codes: 0 ok, 2 usage, 3 libraries missing, 4 no NVIDIA driver.
set -euo pipefail

CUDA_LIBS=(libcudart.so.12 libcublas.so.12 libcublasLt.so.12 libcurand.so.10 libnvrtc.so.12)
TENSORRT_LIBS=(libnvinfer.so.10 libnvonnxparser.so.10 libcudnn.so.9)
# CUDA 12.x minor versions are compatible (minor version compatibility); pin the majors.
CUDA_WHEELS=("nvidia-cuda-runtime-cu12>=12.2,<13" "nvidia-cublas-cu12>=12.2,<13"
  "nvidia-curand-cu12>=10.3,<11" "nvidia-cuda-nvrtc-cu12>=12.2,<13")
TENSORRT_WHEELS=("nvidia-cudnn-cu12>=9.1,<10" "tensorrt-cu12-libs>=10.9,<11")
MIN_DRIVER=525.60.13

tensorrt=false
dry_run=false
check_only=false
prefix=/opt/upscaler/cuda
from_s3=""
ort_jar=""
ld_conf=/etc/ld.so.conf.d/upscaler-cuda.conf

usage() { awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$0"; exit "${1:-2}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --tensorrt) tensorrt=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    --check) check_only=true; shift ;;
    --prefix) [[ $# -ge 2 ]] || usage; prefix="$2"; shift 2 ;;
    --from-s3) [[ $# -ge 2 && "$2" == s3://* ]] || { echo "--from-s3 needs an s3:// URI" >&2; exit 2; }
      from_s3="$2"; shift 2 ;;
    --ort-natives-from) [[ $# -ge 2 && "$2" == s3://*.jar ]] || { echo "--ort-natives-from needs the job jar's s3:// URI" >&2; exit 2; }
      ort_jar="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

needed=("${CUDA_LIBS[@]}")
wheels=("${CUDA_WHEELS[@]}")
if $tensorrt; then
  needed+=("${TENSORRT_LIBS[@]}")
  wheels+=("${TENSORRT_WHEELS[@]}")
fi

# Runs a command, or prints it under --dry-run. Commands that need root use sudo when not root.
run() {
  if $dry_run; then
    printf 'would run:'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}
as_root() { if [[ $EUID -eq 0 ]]; then run "$@"; else run sudo "$@"; fi; }

# The libraries of $needed that ldconfig's cache (or $prefix) can't resolve.
missing_libs() {
  local known lib
  known="$(ldconfig -p 2>/dev/null | awk 'NR > 1 {print $1}' || true)"
  for lib in "${needed[@]}"; do
    if ! grep -Fxq "$lib" <<<"$known" && [[ -z "$(find "$prefix" -name "$lib" 2>/dev/null | head -1)" ]]; then
      echo "$lib"
    fi
  done
}

check_driver() {
  if ! command -v nvidia-smi >/dev/null 2>&1; then
    echo "no NVIDIA driver on this node (nvidia-smi not found): use a GPU instance type, or an AMI with the driver (>= $MIN_DRIVER for CUDA 12)" >&2
    exit 4
  fi
  local version
  version="$(nvidia-smi --query-gpu=driver_version --format=csv,noheader | head -1 | tr -d ' ')"
  if [[ "$(printf '%s\n%s\n' "$MIN_DRIVER" "$version" | sort -V | head -1)" != "$MIN_DRIVER" ]]; then
    echo "NVIDIA driver $version is older than $MIN_DRIVER, the oldest that runs CUDA 12" >&2
    exit 4
  fi
  echo "NVIDIA driver $version"
}

report() {
  local missing
  missing="$(missing_libs)"
  if [[ -n "$missing" ]]; then
    echo "missing for ONNX Runtime's $($tensorrt && echo "TensorRT and CUDA providers" || echo "CUDA provider"):" "${missing//$'\n'/ }" >&2
    return 3
  fi
  echo "all ${#needed[@]} libraries resolve: ${needed[*]}"
}

install_libs() {
  as_root mkdir -p "$prefix"
  if [[ -n "$from_s3" ]]; then
    run aws s3 cp "$from_s3" /tmp/upscaler-cuda-libs.tar.gz
    as_root tar -xzf /tmp/upscaler-cuda-libs.tar.gz -C "$prefix"
  else
    as_root python3 -m pip install --quiet --no-deps --target "$prefix" "${wheels[@]}"
  fi
}

# ONNX Runtime's native libraries from the job jar, for -Donnxruntime.native.path.
unpack_ort_natives() {
  [[ -n "$ort_jar" ]] || return 0
  run aws s3 cp "$ort_jar" /tmp/upscaler-job.jar
  as_root mkdir -p "$prefix/ort"
  as_root unzip -o -q -j /tmp/upscaler-job.jar 'ai/onnxruntime/native/linux-x64/*' -d "$prefix/ort"
  echo "add to spark.executor.extraJavaOptions: -Donnxruntime.native.path=$prefix/ort"
}

register_libs() {
  if $dry_run; then
    echo "would write $ld_conf: every folder under $prefix holding lib*.so* (not $prefix/ort)"
  else
    find "$prefix" -path "$prefix/ort" -prune -o -name 'lib*.so*' -printf '%h\n' | sort -u \
      | as_root tee "$ld_conf" >/dev/null
  fi
  as_root ldconfig
}

if $check_only; then
  report
  exit $?
fi
echo "upscaler GPU bootstrap: ${needed[*]}"
if $dry_run; then
  echo "would check the NVIDIA driver (nvidia-smi, >= $MIN_DRIVER)"
else
  check_driver
fi
install_libs
unpack_ort_natives
register_libs
if $dry_run; then
  echo "would check that every library resolves: ${needed[*]}"
  exit 0
fi
report
