"""Airflow DAG: upscale a catalogue every night with the upscaler Spark job.

Copy to your DAGs folder and set the Airflow Variables used below. It submits the packaged jar with
SparkSubmitOperator (connection `spark_default` pointing at your cluster: YARN, standalone or
Kubernetes). spark-submit returns the job's exit code, so the task fails on 2 (invalid manifest or
settings: nothing was written) and on 3 (more failed images than --max-failure-ratio; everything
else was written, see stats/ and runs/<run_id>/summary.json). Reruns are cheap: with the default
--mode skip-existing, images already written with the same settings are skipped without being read,
so an Airflow retry after a failure finishes only the rest.

For EMR, replace the operator with EmrAddStepsOperator and the arguments of
submit-scripts/emr-step.sh, followed by an EmrStepSensor.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAVA17_OPENS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions",
    *[f"--add-opens={m}=ALL-UNNAMED" for m in [
        "java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect",
        "java.base/java.io", "java.base/java.net", "java.base/java.nio", "java.base/java.util",
        "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
        "java.base/jdk.internal.ref", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
        "java.base/sun.security.action", "java.base/sun.util.calendar",
        "java.security.jgss/sun.security.krb5"]],
    "-Djdk.reflect.useDirectMethodHandle=false",
])

with DAG(
    dag_id="upscaler_catalogue",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["images", "spark"],
) as dag:
    SparkSubmitOperator(
        task_id="upscale",
        conn_id="spark_default",
        application=Variable.get("upscaler_jar", "s3a://my-bucket/jars/upscaler-job-0.1.0-SNAPSHOT-all.jar"),
        java_class="io.upscaler.job.Main",
        conf={
            "spark.driver.extraJavaOptions": JAVA17_OPENS,
            "spark.executor.extraJavaOptions": JAVA17_OPENS,
            "spark.executor.resource.gpu.amount": "1",
            "spark.task.resource.gpu.amount": "1",
            "spark.executor.resource.gpu.discoveryScript": "/opt/spark/scripts/gpu-discovery.sh",
        },
        application_args=[
            "--input", Variable.get("upscaler_manifest", "s3a://my-bucket/manifests/{{ ds }}.parquet"),
            "--output", Variable.get("upscaler_output", "s3a://my-bucket/upscaled"),
            "--scale", "4",
            "--format", "webp",
            "--quality", "90",
            "--max-failure-ratio", "0.01",
            "--run-id", "{{ ds_nodash }}-{{ ti.try_number }}",
        ],
    )
