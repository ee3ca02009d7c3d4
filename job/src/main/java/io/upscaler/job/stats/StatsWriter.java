package io.upscaler.job.stats;

import static org.apache.spark.sql.functions.lit;

import io.upscaler.job.exec.OutputPaths;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The one place a run's statistics rows are committed: appended as the run's {@code
 * run_id=<id>} partition of the Parquet table under {@code <output>/stats}. The job's executor
 * work runs inside this write (the rows are computed as they are written), so its output
 * committer decides how the table's files appear. The rows are added up into {@link Totals} as
 * they are written, in the committing stage, so the summary needs no second look at the table.
 *
 * <p>Driver only; one instance per run.
 */
public final class StatsWriter {
  private final SparkSession spark;
  private final String outputRoot;
  private final String runId;

  public StatsWriter(SparkSession spark, String outputRoot, String runId) {
    this.spark = spark;
    this.outputRoot = outputRoot;
    this.runId = runId;
  }

  /**
   * Computes and commits {@code rows} (one per manifest row) and returns their totals. An empty
   * run commits no rows.
   */
  public Totals write(JavaRDD<Row> rows, StructType schema) {
    TotalsAccumulator totals = new TotalsAccumulator();
    spark.sparkContext().register(totals, "upscaler run totals");
    JavaRDD<Row> counted = rows.map(r -> {
      totals.add(r);
      return r;
    });
    spark.createDataFrame(counted, schema).write().mode(SaveMode.Append).partitionBy("run_id")
        .parquet(OutputPaths.stats(outputRoot));
    return totals.value();
  }

  /**
   * This run's committed rows, read back lazily (for the run report's queries: the summary never
   * needs them); no rows for a run that committed none.
   */
  public Dataset<Row> committed(StructType schema, Totals totals) {
    if (totals.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().parquet(OutputPaths.statsPartition(outputRoot, runId))
        .withColumn("run_id", lit(runId));
  }
}
