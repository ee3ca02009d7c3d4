package io.upscaler.job.manifest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a CSV manifest file, from its first line read once on the driver and parsed by
 * Spark's own CSV reader (so quoting and naming are Spark's). Given to the manifest read as its
 * schema, it spares Spark's header inference, which lists the file again and reads its first line
 * through a job of its own (on S3: about four more requests, and a job). Every column is a string,
 * as the inference makes them without {@code inferSchema}.
 *
 * <p>Only a plain file with a non-blank first line shorter than {@link #MAX_LINE} bytes is read this
 * way; for anything else (a folder of part files, a glob, an empty file, a blank first line) the
 * answer is null and Spark infers the header as before.
 */
final class CsvHeader {
  /** A header longer than this is left to Spark (a manifest's header is a few dozen names). */
  static final int MAX_LINE = 1 << 20;

  private CsvHeader() {}

  /** The header's schema, or null when Spark should infer it. */
  static StructType schema(SparkSession spark, String input) {
    if (FileGlob.isGlob(input)) {
      return null;
    }
    String line = firstLine(spark, new Path(input));
    if (line == null || line.isBlank()) {
      return null;
    }
    return spark.read().option("header", "true")
        .csv(spark.createDataset(List.of(line), Encoders.STRING())).schema();
  }

  /** The first line (without its end), or null for a folder, a missing file or a line too long. */
  private static String firstLine(SparkSession spark, Path path) {
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = new BufferedInputStream(fs.open(path))) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
          if (b < 0 || line.size() >= MAX_LINE) {
            return b < 0 && line.size() > 0 ? strip(line) : null;
          }
          line.write(b);
        }
        return strip(line);
      }
    } catch (FileNotFoundException e) {
      return null; // a folder (S3A and HDFS refuse to open one) or no file: Spark reports it
    } catch (IOException e) {
      return null; // Spark's own read reports what is wrong, with its message
    }
  }

  private static String strip(ByteArrayOutputStream line) {
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
