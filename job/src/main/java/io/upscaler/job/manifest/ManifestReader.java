package io.upscaler.job.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unbase64;

import io.upscaler.job.config.JobConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads {@code --input} into a {@link Manifest}: a Parquet, CSV (with header) or JSON-lines
 * manifest, or a folder or glob of images (a row per file, recursive, id = path relative to the
 * folder without extension). Everything that makes a manifest unusable is found here, on the
 * driver, before any image is read: no uri/content column, columns of the wrong type, values
 * that don't parse as their type, rows without a source, and duplicate ids. Messages name the
 * column and the rows.
 */
public final class ManifestReader {
  private static final int EXAMPLES = 10;
  /** Names that make a single input file an image rather than a manifest. */
  private static final java.util.regex.Pattern IMAGE_NAME =
      java.util.regex.Pattern.compile(".*\\.(jpe?g|png|webp|tiff?|bmp|gif|psd)$");

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private ManifestReader() {}

  public static Manifest read(SparkSession spark, JobConfig config) {
    String kind = kind(spark, config);
    Dataset<Row> raw =
        kind.equals("images") ? ImageFolder.list(spark, config.input()) : load(spark, kind, config.input());
    Dataset<Row> normal = normalize(raw, kind.equals("images"));
    if (config.limit() > 0) {
      normal = normal.limit((int) Math.min(Integer.MAX_VALUE, config.limit()));
    }
    if (kind.equals("csv") || kind.equals("json")) {
      // Text is parsed whole on every read; Parquet and listings are read again more cheaply
      // (the checks read only ids) than a cache costs to build (a job of its own).
      normal = normal.persist(StorageLevel.MEMORY_AND_DISK());
    }
    long count = ManifestChecks.validate(raw, normal);
    List<StructField> passThrough =
        Arrays.stream(normal.schema().fields()).filter(f -> !Columns.KNOWN.contains(f.name())).toList();
    List<String> given = Arrays.stream(raw.columns()).filter(Columns.KNOWN::contains).toList();
    return new Manifest(normal, passThrough, kind, count, given);
  }

  static String kind(SparkSession spark, JobConfig config) {
    if (!config.inputFormat().equals("auto")) {
      return config.inputFormat();
    }
    String lower = config.input().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return "parquet";
    }
    if (lower.endsWith(".csv")) {
      return "csv";
    }
    if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return "json";
    }
    return folderKind(spark, config.input());
  }

  /** A folder written by a data tool holds part files of one manifest format; else images. */
  private static String folderKind(SparkSession spark, String input) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!input.matches(".*[*?\\[{].*") && fs.getFileStatus(path).isDirectory()) {
        for (FileStatus f : fs.listStatus(path)) {
          String name = f.getPath().getName().toLowerCase(Locale.ROOT);
          if (name.endsWith(".parquet")) {
            return "parquet";
          }
          if (name.endsWith(".csv")) {
            return "csv";
          }
          if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return "json";
          }
        }
      } else if (!input.matches(".*[*?\\[{].*") && !IMAGE_NAME.matcher(lower(input)).matches()) {
        throw new ManifestException(
            "input " + input + " is a file without a manifest (.parquet, .csv, .json, .jsonl) or"
                + " image extension: set --input-format");
      }
    } catch (java.io.FileNotFoundException e) {
      throw new ManifestException("input " + input + " does not exist");
    } catch (IOException e) {
      throw new ManifestException("cannot read input " + input + ": " + e.getMessage());
    }
    return "images";
  }

  private static Dataset<Row> load(SparkSession spark, String kind, String input) {
    try {
      switch (kind) {
        case "parquet":
          return spark.read().parquet(input);
        case "csv":
          return spark.read().option("header", "true").option("mode", "FAILFAST").csv(input);
        case "json":
          return spark.read().option("mode", "FAILFAST").json(input);
        default:
          throw new ManifestException("unknown input format " + kind);
      }
    } catch (ManifestException e) {
      throw e;
    } catch (Exception e) {
      throw new ManifestException("cannot read " + kind + " manifest " + input + ": " + rootMessage(e));
    }
  }

  /** Casts overrides, derives ids, and orders columns as {@link Manifest} documents. */
  static Dataset<Row> normalize(Dataset<Row> raw, boolean folder) {
    List<String> names = Arrays.asList(raw.columns());
    if (!names.contains(Columns.URI) && !names.contains(Columns.CONTENT)) {
      throw new ManifestException(
          "the manifest has neither a 'uri' nor a 'content' column; its columns are " + names);
    }
    checkType(raw, Columns.URI, DataTypes.StringType);
    List<Column> select = new ArrayList<>();
    Column uri = names.contains(Columns.URI) ? trim(col(Columns.URI)) : lit(null).cast(DataTypes.StringType);
    Column id = names.contains(Columns.ID) ? col(Columns.ID).cast(DataTypes.StringType) : null;
    Column derived = folder ? col(ImageFolder.RELATIVE) : derivedId(uri);
    select.add((id == null ? derived : id).as(Columns.ID));
    select.add(uri.as(Columns.URI));
    select.add(content(raw, names).as(Columns.CONTENT));
    for (Columns.Override o : Columns.TYPED) {
      select.add(
          names.contains(o.name())
              ? castOverride(raw, o).as(o.name())
              : lit(null).cast(o.type()).as(o.name()));
    }
    for (String n : names) {
      if (!Columns.KNOWN.contains(n) && !n.equals(ImageFolder.RELATIVE)) {
        select.add(col("`" + n + "`"));
      }
    }
    return raw.select(select.toArray(new Column[0]));
  }

  private static Column content(Dataset<Row> raw, List<String> names) {
    if (!names.contains(Columns.CONTENT)) {
      return lit(null).cast(DataTypes.BinaryType);
    }
    DataType type = raw.schema().apply(Columns.CONTENT).dataType();
    if (type.equals(DataTypes.BinaryType)) {
      return col(Columns.CONTENT);
    }
    if (type.equals(DataTypes.StringType)) {
      // Base64 text, as JSON and CSV carry bytes; ManifestChecks refuses rows that are not base64.
      return unbase64(col(Columns.CONTENT));
    }
    throw new ManifestException(
        "column 'content' must be binary (Parquet) or base64 text, it is " + type.simpleString());
  }

  private static Column castOverride(Dataset<Row> raw, Columns.Override o) {
    DataType type = raw.schema().apply(o.name()).dataType();
    boolean castable =
        type.equals(DataTypes.StringType)
            || type.equals(o.type())
            || (isNumeric(type) && isNumeric(o.type()))
            || (type.equals(DataTypes.BooleanType) && o.type().equals(DataTypes.BooleanType));
    if (!castable) {
      throw new ManifestException(
          "column '" + o.name() + "' must hold " + o.type().simpleString() + " values, it is "
              + type.simpleString());
    }
    return col(o.name()).cast(o.type());
  }

  private static boolean isNumeric(DataType t) {
    return t instanceof org.apache.spark.sql.types.NumericType;
  }

  private static void checkType(Dataset<Row> raw, String column, DataType expected) {
    if (Arrays.asList(raw.columns()).contains(column)
        && !raw.schema().apply(column).dataType().equals(expected)) {
      throw new ManifestException(
          "column '" + column + "' must be " + expected.simpleString() + ", it is "
              + raw.schema().apply(column).dataType().simpleString());
    }
  }

  /** "s3a://bucket/a/b/c.jpg" → "a/b/c": the path without scheme, authority and extension. */
  static Column derivedId(Column uri) {
    Column noAuthority = regexp_replace(uri, "^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "");
    Column noScheme = regexp_replace(noAuthority, "^[A-Za-z][A-Za-z0-9+.-]*:", "");
    Column noLeading = regexp_replace(noScheme, "^/+", "");
    return regexp_replace(noLeading, "\\.[^./]*$", "");
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  static String examples(List<String> items) {
    return items.stream().limit(EXAMPLES).collect(Collectors.joining(", "))
        + (items.size() > EXAMPLES ? ", ..." : "");
  }
}
