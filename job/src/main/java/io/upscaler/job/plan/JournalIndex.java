package io.upscaler.job.plan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;

import io.upscaler.job.exec.OutputPaths;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Earlier runs' journals: for every id, the fingerprint and output of its most recently written
 * output. A row whose fingerprint matches, and whose output still exists, is skipped.
 */
public final class JournalIndex {
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("fingerprint", DataTypes.StringType)
          .add("output_uri", DataTypes.StringType)
          .add("written_at", DataTypes.LongType);

  private JournalIndex() {}

  /** id → (fingerprint, output uri); empty when no run has written a journal yet. */
  public static JavaPairRDD<String, Tuple2<String, String>> latest(SparkSession spark, String outputRoot) {
    String glob = OutputPaths.run(outputRoot, "*") + "/journal/*.jsonl";
    if (!anyMatch(spark, glob)) {
      return null;
    }
    Dataset<Row> lines = spark.read().schema(SCHEMA).json(glob);
    return lines
        .where(col("id").isNotNull())
        .groupBy(col("id"))
        .agg(
            max_by(col("fingerprint"), col("written_at")).as("fingerprint"),
            max_by(col("output_uri"), col("written_at")).as("output_uri"))
        .javaRDD()
        .mapToPair(r -> new Tuple2<>(r.<String>getAs("id"),
            new Tuple2<>(r.<String>getAs("fingerprint"), r.<String>getAs("output_uri"))));
  }

  private static boolean anyMatch(SparkSession spark, String glob) {
    Path path = new Path(glob);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] found = fs.globStatus(path);
      return found != null && found.length > 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot list earlier runs' journals " + glob + ": " + e, e);
    }
  }
}
