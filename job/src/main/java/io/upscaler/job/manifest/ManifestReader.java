package io.upscaler.job.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unbase64;
import static org.apache.spark.sql.functions.when;

import io.upscaler.job.config.JobConfig;
import io.upscaler.job.source.HttpSource;
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
 * manifest (any Hadoop URI, or an http(s) URL, staged by {@link RemoteManifest}), or a folder or
 * glob of images (a row per regular file, recursive, id = path relative to the folder without
 * extension; see {@link FileListing}), or a single image file or URL. Everything that makes a manifest unusable is found here, on the
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
    boolean url = HttpSource.handles(config.input());
    Dataset<Row> raw;
    // Ids of every row when the driver already knows them (a listing it walked whole, one URL).
    List<String> knownIds = null;
    if (kind.equals("images")) {
      ImageFolder.Listed listed = url
          ? new ImageFolder.Listed(oneUrl(spark, config.input()), java.util.Collections.singletonList(null))
          : ImageFolder.list(spark, config.input());
      raw = listed.rows();
      knownIds = listed.ids();
    } else {
      String from = url
          ? RemoteManifest.stage(spark.sparkContext().hadoopConfiguration(), config, kind)
          : config.input();
      raw = load(spark, kind, from);
    }
    Dataset<Row> normal = normalize(raw, kind.equals("images") && !url);
    if (config.limit() > 0) {
      normal = normal.limit((int) Math.min(Integer.MAX_VALUE, config.limit()));
    }
    if (kind.equals("csv") || kind.equals("json")) {
      // Text is parsed whole on every read; Parquet and listings are read again more cheaply
      // (the checks read only ids) than a cache costs to build (a job of its own).
      normal = normal.persist(StorageLevel.MEMORY_AND_DISK());
    }
    // Under --limit the rows kept are Spark's choice, so only the table itself can count them.
    long count = knownIds != null && config.limit() <= 0
        ? ManifestChecks.checkKnownIds(knownIds, normal)
        : ManifestChecks.validate(raw, normal);
    List<StructField> passThrough =
        Arrays.stream(normal.schema().fields()).filter(f -> !Columns.KNOWN.contains(f.name())).toList();
    List<String> given = Arrays.stream(raw.columns()).filter(Columns.KNOWN::contains).toList();
    return new Manifest(normal, passThrough, kind, count, given);
  }

  /** An image URL as --input: a manifest of one row, its id derived from the URL. */
  private static Dataset<Row> oneUrl(SparkSession spark, String url) {
    return spark.createDataFrame(
        List.of(org.apache.spark.sql.RowFactory.create(url.trim())),
        new org.apache.spark.sql.types.StructType().add(Columns.URI, DataTypes.StringType));
  }

  static String kind(SparkSession spark, JobConfig config) {
    if (!config.inputFormat().equals("auto")) {
      return config.inputFormat();
    }
    boolean url = HttpSource.handles(config.input());
    String lower = lower(url ? RemoteManifest.fileName(config.input()) : config.input());
    if (lower.endsWith(".parquet")) {
      return "parquet";
    }
    if (lower.endsWith(".csv")) {
      return "csv";
    }
    if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return "json";
    }
    if (url) {
      if (IMAGE_NAME.matcher(lower).matches()) {
        return "images";
      }
      throw new ManifestException("input " + config.input() + " is a URL without a manifest"
          + " (.parquet, .csv, .json, .jsonl) or image extension: set --input-format");
    }
    return folderKind(spark, config.input());
  }

  /**
   * A folder written by a data tool (every file not named "_..." or "...." is a part file of one
   * manifest format, and there are no sub-folders) is that manifest; any other folder is images.
   */
  private static String folderKind(SparkSession spark, String input) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!input.matches(".*[*?\\[{].*") && fs.getFileStatus(path).isDirectory()) {
        return partFilesKind(fs.listStatus(path));
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

  private static String partFilesKind(FileStatus[] children) {
    java.util.Set<String> kinds = new java.util.HashSet<>();
    for (FileStatus f : children) {
      String name = lower(f.getPath().getName());
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      String k = f.isDirectory() ? "images"
          : name.endsWith(".parquet") ? "parquet"
          : name.endsWith(".csv") ? "csv"
          : name.endsWith(".json") || name.endsWith(".jsonl") ? "json" : "images";
      kinds.add(k);
    }
    return kinds.size() == 1 ? kinds.iterator().next() : "images";
  }

  private static Dataset<Row> load(SparkSession spark, String kind, String input) {
    try {
      switch (kind) {
        case "parquet":
          return spark.read().parquet(input);
        case "csv":
          return csv(spark, input);
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

  /** A CSV manifest with a header row; the header is read once here when it can be (see {@link CsvHeader}). */
  private static Dataset<Row> csv(SparkSession spark, String input) {
    org.apache.spark.sql.DataFrameReader reader = spark.read().option("header", "true").option("mode", "FAILFAST");
    org.apache.spark.sql.types.StructType header = CsvHeader.schema(spark, input);
    return (header == null ? reader : reader.schema(header)).csv(input);
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

  /**
   * "s3a://bucket/a/b/c.jpg" → "a/b/c": the path without scheme, authority and extension (a
   * leading dot is not an extension: ".../.hidden" → ".hidden"); for http(s) URLs also without
   * query and fragment ("https://cdn/p/x.jpg?w=1" → "p/x").
   */
  static Column derivedId(Column uri) {
    Column path = when(uri.rlike("^(?i)https?://"), regexp_replace(uri, "[?#].*$", "")).otherwise(uri);
    Column noAuthority = regexp_replace(path, "^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "");
    Column noScheme = regexp_replace(noAuthority, "^[A-Za-z][A-Za-z0-9+.-]*:", "");
    Column noLeading = regexp_replace(noScheme, "^/+", "");
    return regexp_replace(noLeading, "(?<=[^/])\\.[^./]*$", "");
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
