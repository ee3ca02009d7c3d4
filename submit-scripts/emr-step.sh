#!/usr/bin/env bash
# Adds the upscaler as a step to a running EMR cluster of GPU instances (EMR 7.x: Spark 3.5, Java 17).
#
#   ./submit-scripts/emr-step.sh CLUSTER_ID s3://bucket/jars/upscaler-job-<version>-all.jar -- [job options]
#
# The cluster needs YARN GPU scheduling (EMR configuration classifications, set at cluster creation):
#   yarn-site: yarn.resource-types=yarn.io/gpu, yarn.nodemanager.resource-plugins=yarn.io/gpu,
#              yarn.nodemanager.resource-plugins.gpu.allowed-gpu-devices=auto
#   container-executor: [gpu] module.enabled=true
# and Java 17 for Spark (the default on EMR 7), and the CUDA libraries on every node: add
# submit-scripts/emr-bootstrap-gpu.sh as a bootstrap action (with --tensorrt for --device tensorrt). Upload the jar built by `mvn -B -DskipTests package`
# first: aws s3 cp job/target/upscaler-job-*-all.jar s3://bucket/jars/
#
# With the bootstrap's --ort-natives-from, set UPSCALER_ORT_NATIVE_PATH=/opt/upscaler/cuda/ort so
# executors load ONNX Runtime's libraries in place instead of extracting 583 MB each.
#
# The step's exit code is the job's: 0 ok, 2 invalid input or settings, 3 too many failed images.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/submit-scripts/java17-opens.sh"
cluster="$1"
jar="$2"
shift 2
[[ "${1:-}" == "--" ]] && shift

executor_java="$SPARK_JAVA17_OPENS -Djava.io.tmpdir=/mnt/tmp"
if [[ -n "${UPSCALER_ORT_NATIVE_PATH:-}" ]]; then
  executor_java+=" -Donnxruntime.native.path=$UPSCALER_ORT_NATIVE_PATH"
fi

# One GPU per executor, one task per GPU (raise task cores for CPU-side decode/encode threads).
spark_args=(
  spark-submit --deploy-mode cluster --class io.upscaler.job.Main
  --conf spark.executor.resource.gpu.amount=1
  --conf spark.task.resource.gpu.amount=1
  --conf spark.executor.resource.gpu.discoveryScript=/usr/lib/spark/scripts/gpu/getGpusResources.sh
  --conf spark.executor.cores=4 --conf spark.task.cpus=4
  --conf spark.executor.memory=24g --conf spark.executor.memoryOverhead=8g
  --conf "spark.driver.extraJavaOptions=$SPARK_JAVA17_OPENS"
  --conf "spark.executor.extraJavaOptions=$executor_java"
  --conf spark.dynamicAllocation.enabled=false
  "$jar" "$@"
)
# EMR steps take their arguments as one comma-separated list.
joined=$(printf '%s,' "${spark_args[@]}")
aws emr add-steps --cluster-id "$cluster" --steps \
  "Type=CUSTOM_JAR,Name=upscaler,ActionOnFailure=CONTINUE,Jar=command-runner.jar,Args=[${joined%,}]"
