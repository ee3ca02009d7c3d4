package io.upscaler.job.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A folder or glob of images as a manifest: one row per file (recursive; hidden files, whose names
 * start with "." or "_", are skipped as Hadoop tools do), listed without reading contents. Every
 * other file is a row: one that is not an image fails in its own statistics row.
 */
final class ImageFolder {
  static final String RELATIVE = "__relative_id";

  private ImageFolder() {}

  static Dataset<Row> list(SparkSession spark, String input) {
    String root = root(spark, input);
    Dataset<Row> files;
    try {
      files =
          spark.read()
              .format("binaryFile")
              .option("recursiveFileLookup", "true")
              .load(input)
              .select(col("path").as(Columns.URI));
    } catch (Exception e) {
      throw new ManifestException(
          "cannot list images under " + input + ": " + ManifestReader.rootMessage(e));
    }
    // path is root + "/" + relative; the id is the relative path without its extension.
    return files.withColumn(
        RELATIVE,
        regexp_replace(
            substring(col(Columns.URI), root.length() + 2, Integer.MAX_VALUE), "\\.[^./]*$", ""))
        .where(length(col(Columns.URI)).gt(lit(root.length() + 1)));
  }

  /**
   * The qualified folder that ids are relative to: the input folder, a glob's fixed prefix, or a
   * single image file's folder.
   */
  static String root(SparkSession spark, String input) {
    String fixed = input;
    int glob = firstGlobChar(input);
    if (glob >= 0) {
      int slash = input.lastIndexOf('/', glob);
      fixed = slash > 0 ? input.substring(0, slash) : ".";
    }
    Path path = new Path(fixed);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (glob < 0 && fs.exists(path) && fs.getFileStatus(path).isFile()) {
        path = path.getParent() != null ? path.getParent() : path;
      }
      String q = fs.makeQualified(path).toString();
      return q.endsWith("/") ? q.substring(0, q.length() - 1) : q;
    } catch (IOException e) {
      throw new ManifestException("cannot resolve input " + input + ": " + e.getMessage());
    }
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }
}
