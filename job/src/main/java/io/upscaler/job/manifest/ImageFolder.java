package io.upscaler.job.manifest;

import io.upscaler.job.exec.TaskEnv;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder, glob or single image file as a manifest: one row per regular file (nothing skipped:
 * every file that is not an image fails in its own statistics row), with columns {@code uri},
 * {@link #RELATIVE} (the id) and {@code input_bytes} (the size from the listing).
 *
 * <p>The driver walks the top of the tree ({@link FileListing#walk}) until it has a few folders
 * per task slot, and executors list those folders ({@link FileListing#listFolder}), so the driver
 * holds only the files of the levels it walked (all of them for a flat folder). The listing is
 * persisted: every later read of the manifest sees the same files, listed once. When the driver
 * walked the whole tree, the listing also carries its ids, so the manifest checks need no query.
 */
final class ImageFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
  static final String RELATIVE = "__relative_id";
  /** Folders left to executors per task slot (enough to spread the listing). */
  private static final int FOLDERS_PER_SLOT = 4;
  /** Walked files per Spark partition of the manifest. */
  private static final int ROWS_PER_SLICE = 50_000;
  private static final StructType SCHEMA = new StructType()
      .add(Columns.URI, DataTypes.StringType, false)
      .add(RELATIVE, DataTypes.StringType, false)
      .add(Columns.INPUT_BYTES, DataTypes.LongType, false);

  private ImageFolder() {}

  /**
   * The listing's rows, and their ids when the driver listed every file itself (else null: some
   * folders were left to executors, or glob alternatives may list a file twice).
   */
  record Listed(Dataset<Row> rows, List<String> ids) {}

  static Listed list(SparkSession spark, String input) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    FileListing.Walk walk = walk(spark, input, FOLDERS_PER_SLOT * Math.max(1, jsc.defaultParallelism()));
    LOG.info("listed {} files under {} on the driver; {} folders left to the executors",
        walk.files().size(), input, walk.folders().size());
    String root = walk.root();
    JavaRDD<FileListing.Entry> walked =
        jsc.parallelize(walk.files(), Math.max(1, (walk.files().size() + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE));
    JavaRDD<FileListing.Entry> listed = jsc.parallelize(walk.folders(), Math.max(1, walk.folders().size()))
        .flatMap(unit -> FileListing.listFolder(TaskEnv.hadoopConf(), root, unit).iterator());
    JavaRDD<Row> rows = walked.union(listed)
        .map(e -> RowFactory.create(e.uri(), e.id(), e.bytes()))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    Dataset<Row> files = spark.createDataFrame(rows, SCHEMA);
    // Alternatives of one glob ({a,a/b}) may both reach a file: it is still one row.
    if (walk.overlapping()) {
      return new Listed(files.dropDuplicates(Columns.URI), null);
    }
    return new Listed(files, walk.folders().isEmpty()
        ? walk.files().stream().map(FileListing.Entry::id).toList() : null);
  }

  private static FileListing.Walk walk(SparkSession spark, String input, int folders) {
    try {
      return FileListing.walk(spark.sparkContext().hadoopConfiguration(), input, folders);
    } catch (FileNotFoundException e) {
      throw new ManifestException("input " + input + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      throw new ManifestException(
          "cannot list images under " + input + ": " + ManifestReader.rootMessage(e));
    }
  }
}
