#!/usr/bin/env bash
# Submits the upscaler to a Spark cluster with spark-submit (standalone, YARN or Kubernetes).
#
#   SPARK_HOME=/opt/spark ./submit-scripts/submit-cluster.sh [spark-submit options] -- [job options]
#
# Example (standalone, 4 executors with one GPU each):
#   ./submit-scripts/submit-cluster.sh --master spark://head:7077 \
#       --conf spark.executor.resource.gpu.amount=1 --conf spark.task.resource.gpu.amount=1 \
#       --conf spark.executor.resource.gpu.discoveryScript="$PWD/submit-scripts/gpu-discovery.sh" \
#       -- --input s3a://bucket/manifest.parquet --output s3a://bucket/upscaled --scale 4
#
# The jar is job/target/upscaler-job-<version>-all.jar (mvn -B -DskipTests package), or set
# UPSCALER_JAR (e.g. an s3a:// or hdfs:// copy). Spark, Hadoop and hadoop-aws come from the cluster.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/submit-scripts/java17-opens.sh"

submit_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  submit_args+=("$1")
  shift
done
[[ $# -gt 0 ]] && shift # the "--"

jar="${UPSCALER_JAR:-$(ls "$root"/job/target/upscaler-job-*-all.jar 2>/dev/null | head -1)}"
if [[ -z "$jar" ]]; then
  echo "no application jar: run 'mvn -B -DskipTests package' or set UPSCALER_JAR" >&2
  exit 1
fi
spark_submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"

exec "$spark_submit" \
  --class io.upscaler.job.Main \
  --conf "spark.driver.extraJavaOptions=$SPARK_JAVA17_OPENS" \
  --conf "spark.executor.extraJavaOptions=$SPARK_JAVA17_OPENS" \
  --conf spark.ui.showConsoleProgress=true \
  --conf spark.task.maxFailures=4 \
  "${submit_args[@]}" \
  "$jar" "$@"
