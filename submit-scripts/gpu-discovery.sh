#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript): prints the GPUs of this
# node as {"name": "gpu", "addresses": ["0", "1", ...]} from nvidia-smi. Spark hands each task its
# address(es); the job runs its CUDA session on that ordinal.
set -euo pipefail
ids=$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, -)
printf '{"name": "gpu", "addresses": [%s]}\n' "$(echo "$ids" | sed 's/[0-9][0-9]*/"&"/g')"
