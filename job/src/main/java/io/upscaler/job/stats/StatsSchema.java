package io.upscaler.job.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The statistics table: fixed columns, then the manifest's pass-through columns (a pass-through
 * column whose name is taken by a fixed one is written as {@code manifest_<name>}). Partitioned
 * by {@code run_id} on disk.
 */
public final class StatsSchema {
  private static final List<StructField> FIXED =
      List.of(
          field("run_id", DataTypes.StringType),
          field("id", DataTypes.StringType),
          field("source", DataTypes.StringType),
          field("output_uri", DataTypes.StringType),
          field("status", DataTypes.StringType),
          field("error_class", DataTypes.StringType),
          field("error_message", DataTypes.StringType),
          field("model", DataTypes.StringType),
          field("device", DataTypes.StringType),
          field("executor_id", DataTypes.StringType),
          field("scale", DataTypes.DoubleType),
          field("input_format", DataTypes.StringType),
          field("input_width", DataTypes.IntegerType),
          field("input_height", DataTypes.IntegerType),
          field("input_bytes", DataTypes.LongType),
          field("has_alpha", DataTypes.BooleanType),
          field("bit_depth", DataTypes.IntegerType),
          field("output_format", DataTypes.StringType),
          field("output_width", DataTypes.IntegerType),
          field("output_height", DataTypes.IntegerType),
          field("output_bytes", DataTypes.LongType),
          field("tiles", DataTypes.IntegerType),
          field("read_ms", DataTypes.LongType),
          field("decode_ms", DataTypes.LongType),
          field("infer_ms", DataTypes.LongType),
          field("resize_ms", DataTypes.LongType),
          field("encode_ms", DataTypes.LongType),
          field("write_ms", DataTypes.LongType),
          field("total_ms", DataTypes.LongType),
          field("attempt", DataTypes.IntegerType),
          field("retries", DataTypes.IntegerType),
          field("started_at", DataTypes.TimestampType),
          field("output_sha256", DataTypes.StringType),
          field("session_loaded", DataTypes.BooleanType),
          field("settings_fingerprint", DataTypes.StringType),
          field("fallback_reason", DataTypes.StringType));

  private StatsSchema() {}

  /** Fixed columns plus the pass-through columns (renamed where they collide). */
  public static StructType schema(List<StructField> passThrough) {
    List<StructField> all = new ArrayList<>(FIXED);
    Set<String> taken = new HashSet<>();
    FIXED.forEach(f -> taken.add(f.name()));
    for (StructField f : passThrough) {
      String name = taken.contains(f.name()) ? "manifest_" + f.name() : f.name();
      all.add(new StructField(name, f.dataType(), true, f.metadata()));
      taken.add(name);
    }
    return new StructType(all.toArray(new StructField[0]));
  }

  /** The row for one record; {@code passThrough} holds the manifest's extra values in order. */
  public static Row row(String runId, StatsRecord r, Object[] passThrough) {
    Object[] v = new Object[FIXED.size() + passThrough.length];
    int i = 0;
    v[i++] = runId;
    v[i++] = r.id;
    v[i++] = r.source;
    v[i++] = r.outputUri;
    v[i++] = r.status == null ? null : r.status.name();
    v[i++] = r.errorClass;
    v[i++] = r.errorMessage;
    v[i++] = r.model;
    v[i++] = r.device;
    v[i++] = r.executorId;
    v[i++] = r.scale;
    v[i++] = r.inputFormat;
    v[i++] = r.inputWidth;
    v[i++] = r.inputHeight;
    v[i++] = r.inputBytes;
    v[i++] = r.hasAlpha;
    v[i++] = r.bitDepth;
    v[i++] = r.outputFormat;
    v[i++] = r.outputWidth;
    v[i++] = r.outputHeight;
    v[i++] = r.outputBytes;
    v[i++] = r.tiles;
    v[i++] = ms(r.readNanos);
    v[i++] = ms(r.decodeNanos);
    v[i++] = ms(r.inferNanos);
    v[i++] = ms(r.resizeNanos);
    v[i++] = ms(r.encodeNanos);
    v[i++] = ms(r.writeNanos);
    v[i++] = ms(r.totalNanos);
    v[i++] = r.attempt;
    v[i++] = r.retries;
    v[i++] = r.startedAt;
    v[i++] = r.outputSha256;
    v[i++] = r.sessionLoaded;
    v[i++] = r.fingerprint;
    v[i++] = r.fallbackReason;
    System.arraycopy(passThrough, 0, v, i, passThrough.length);
    return RowFactory.create(v);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
  }
}
