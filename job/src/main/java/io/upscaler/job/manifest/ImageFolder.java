package io.upscaler.job.manifest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder, glob or single image file as a manifest: one row per regular file, listed on the
 * driver by {@link FileListing} (nothing skipped: every file that is not an image fails in its own
 * statistics row), with columns {@code uri}, {@link #RELATIVE} (the id) and {@code input_bytes}
 * (the size from the listing). The rows are spread over tasks, not held in the query plan.
 */
final class ImageFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
  static final String RELATIVE = "__relative_id";
  /** Listed rows per Spark partition of the manifest. */
  private static final int ROWS_PER_SLICE = 50_000;
  private static final StructType SCHEMA = new StructType()
      .add(Columns.URI, DataTypes.StringType, false)
      .add(RELATIVE, DataTypes.StringType, false)
      .add(Columns.INPUT_BYTES, DataTypes.LongType, false);

  private ImageFolder() {}

  static Dataset<Row> list(SparkSession spark, String input) {
    List<FileListing.Entry> files;
    try {
      files = FileListing.list(spark.sparkContext().hadoopConfiguration(), input);
    } catch (FileNotFoundException e) {
      throw new ManifestException("input " + input + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      throw new ManifestException(
          "cannot list images under " + input + ": " + ManifestReader.rootMessage(e));
    }
    LOG.info("listed {} files under {}", files.size(), input);
    List<Row> rows = new ArrayList<>(files.size());
    for (FileListing.Entry f : files) {
      rows.add(RowFactory.create(f.uri(), f.id(), f.bytes()));
    }
    int slices = Math.max(1, (rows.size() + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(jsc.parallelize(rows, slices), SCHEMA);
  }
}
