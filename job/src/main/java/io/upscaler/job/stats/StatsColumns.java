package io.upscaler.job.stats;

import io.upscaler.core.ErrorClass;
import java.sql.Timestamp;
import java.util.List;

/**
 * The statistics table's columns, each declared once, in table order. {@link StatsSchema} derives
 * the schema and each row's values from this list; a {@link StatsRecord} holds one value per
 * column. To add a column, declare it here (its position is its place in the table); nothing else
 * needs to change for it to be written.
 */
public final class StatsColumns {
  private StatsColumns() {}

  private static final StatsColumn.Table T = new StatsColumn.Table();

  public static final StatsColumn<String> RUN_ID = T.string("run_id");
  public static final StatsColumn<String> ID = T.string("id");
  /** The source URI, or "inline" for content rows. */
  public static final StatsColumn<String> SOURCE = T.string("source");
  public static final StatsColumn<String> OUTPUT_URI = T.string("output_uri");
  public static final StatsColumn<Status> STATUS = T.named("status");
  public static final StatsColumn<ErrorClass> ERROR_CLASS = T.named("error_class");
  public static final StatsColumn<String> ERROR_MESSAGE = T.string("error_message");
  /** The passes that ran, e.g. "esrgan-slim-x2" or "a-x4+a-x2". */
  public static final StatsColumn<String> MODEL = T.string("model");
  public static final StatsColumn<String> DEVICE = T.string("device");
  public static final StatsColumn<String> EXECUTOR_ID = T.string("executor_id");
  /** Output width over input width. */
  public static final StatsColumn<Double> SCALE = T.decimal("scale");
  public static final StatsColumn<String> INPUT_FORMAT = T.string("input_format");
  public static final StatsColumn<Integer> INPUT_WIDTH = T.integer("input_width");
  public static final StatsColumn<Integer> INPUT_HEIGHT = T.integer("input_height");
  public static final StatsColumn<Long> INPUT_BYTES = T.longValue("input_bytes");
  public static final StatsColumn<Boolean> HAS_ALPHA = T.flag("has_alpha");
  public static final StatsColumn<Integer> BIT_DEPTH = T.integer("bit_depth");
  public static final StatsColumn<String> OUTPUT_FORMAT = T.string("output_format");
  public static final StatsColumn<Integer> OUTPUT_WIDTH = T.integer("output_width");
  public static final StatsColumn<Integer> OUTPUT_HEIGHT = T.integer("output_height");
  public static final StatsColumn<Long> OUTPUT_BYTES = T.longValue("output_bytes");
  public static final StatsColumn<Integer> TILES = T.integer("tiles");
  /** Stage times: held in nanoseconds, written as whole milliseconds. */
  public static final StatsColumn<Long> READ_MS = T.millis("read_ms");
  public static final StatsColumn<Long> DECODE_MS = T.millis("decode_ms");
  /** The model's own time; tile copies and stitching count as resize. */
  public static final StatsColumn<Long> INFER_MS = T.millis("infer_ms");
  public static final StatsColumn<Long> RESIZE_MS = T.millis("resize_ms");
  public static final StatsColumn<Long> ENCODE_MS = T.millis("encode_ms");
  public static final StatsColumn<Long> WRITE_MS = T.millis("write_ms");
  public static final StatsColumn<Long> TOTAL_MS = T.millis("total_ms");
  public static final StatsColumn<Integer> ATTEMPT = T.count("attempt");
  public static final StatsColumn<Integer> RETRIES = T.count("retries");
  public static final StatsColumn<Timestamp> STARTED_AT = T.timestamp("started_at");
  public static final StatsColumn<String> OUTPUT_SHA256 = T.string("output_sha256");
  /** Whether this row's model call built a session (the first use on its executor). */
  public static final StatsColumn<Boolean> SESSION_LOADED = T.yesNo("session_loaded");
  public static final StatsColumn<String> SETTINGS_FINGERPRINT = T.string("settings_fingerprint");
  public static final StatsColumn<String> FALLBACK_REASON = T.string("fallback_reason");
  /**
   * The task's time on this row: from the end of its previous row's model step to the end of this
   * row's (waiting for its read and decode, the model passes, waiting for a writer), plus, for the
   * task's last rows, waiting for their writes. A task's rows add up to its time in the pipeline.
   */
  public static final StatsColumn<Long> DEVICE_MS = T.millis("device_ms");
  /** device_ms priced: device_ms / 3,600,000 x USD per device-hour / tasks sharing the device. */
  public static final StatsColumn<Double> COST_USD = T.decimal("cost_usd");

  /**
   * CPU time of each stage on the thread that ran it (wall times above include waiting for a
   * core on a loaded machine; these don't). infer_cpu_ms is the task thread's: tile fill, the
   * model call and stitching; with more than one intra-op thread the model's other threads are
   * not in it.
   */
  public static final StatsColumn<Long> READ_CPU_MS = T.cpuMillis("read_cpu_ms");
  public static final StatsColumn<Long> DECODE_CPU_MS = T.cpuMillis("decode_cpu_ms");
  public static final StatsColumn<Long> INFER_CPU_MS = T.cpuMillis("infer_cpu_ms");
  public static final StatsColumn<Long> RESIZE_CPU_MS = T.cpuMillis("resize_cpu_ms");
  public static final StatsColumn<Long> ENCODE_CPU_MS = T.cpuMillis("encode_cpu_ms");
  public static final StatsColumn<Long> WRITE_CPU_MS = T.cpuMillis("write_cpu_ms");

  /** Every column in table order. */
  public static final List<StatsColumn<?>> ALL = T.all();
}
