package io.upscaler.job.stats;

import static org.apache.spark.sql.functions.lit;

import io.upscaler.job.exec.OutputPaths;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a run's statistics rows are committed: appended as the run's {@code
 * run_id=<id>} partition of the Parquet table under {@code <output>/stats}. The job's executor
 * work runs inside this write (the rows are computed as they are written), so its output
 * committer decides how the table's files appear.
 *
 * <p>Driver only; one instance per run.
 */
public final class StatsWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatsWriter.class);

  private final SparkSession spark;
  private final String outputRoot;
  private final String runId;

  public StatsWriter(SparkSession spark, String outputRoot, String runId) {
    this.spark = spark;
    this.outputRoot = outputRoot;
    this.runId = runId;
  }

  /**
   * Computes and commits {@code rows} (one per manifest row) and returns them as committed (only
   * this run's partition: other runs may carry other pass-through columns). An empty run commits
   * nothing and returns no rows.
   */
  public Dataset<Row> write(JavaRDD<Row> rows, StructType schema) {
    spark.createDataFrame(rows, schema).write().mode(SaveMode.Append).partitionBy("run_id")
        .parquet(OutputPaths.stats(outputRoot));
    String partition = OutputPaths.statsPartition(outputRoot, runId);
    if (!exists(partition)) {
      // An empty manifest (no new images today) is a run of zero rows, not a failure.
      LOG.warn("run {}: the manifest has no rows", runId);
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().parquet(partition).withColumn("run_id", lit(runId));
  }

  private boolean exists(String uri) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot check " + uri + ": " + e.getMessage(), e);
    }
  }
}
