package io.upscaler.job.manifest;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The manifest columns the job understands; every other column is passed through. */
public final class Columns {
  private Columns() {}

  public static final String ID = "id";
  public static final String URI = "uri";
  public static final String CONTENT = "content";
  public static final String SCALE = "scale";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String MODEL = "model";
  public static final String FORMAT = "format";
  public static final String QUALITY = "quality";
  public static final String TUNE_COLORS = "tune_colors";
  /**
   * Optional hint: the source's size in bytes (a folder listing fills it from the listing), for
   * balancing partitions before any image is read. Not a pass-through column.
   */
  public static final String INPUT_BYTES = "input_bytes";
  /** classic or gan (see ModelType); not with model. */
  public static final String MODEL_TYPE = "model_type";
  /** Hint: the input's width in pixels ({@link #WIDTH} is the target's). */
  public static final String INPUT_WIDTH = "input_width";
  /** Hint: the input's height in pixels ({@link #HEIGHT} is the target's). */
  public static final String INPUT_HEIGHT = "input_height";

  /** An optional typed column (a per-row override or a hint) and the type it is cast to. */
  public record Override(String name, DataType type) {}

  public static final List<Override> OVERRIDES =
      List.of(
          new Override(SCALE, DataTypes.DoubleType),
          new Override(WIDTH, DataTypes.IntegerType),
          new Override(HEIGHT, DataTypes.IntegerType),
          new Override(MODEL, DataTypes.StringType),
          new Override(FORMAT, DataTypes.StringType),
          new Override(QUALITY, DataTypes.IntegerType),
          new Override(TUNE_COLORS, DataTypes.BooleanType),
          new Override(MODEL_TYPE, DataTypes.StringType));

  /**
   * Optional facts about the input that cost nothing to know up front (from a listing or the
   * manifest's producer). They only balance the work: the image itself is always measured.
   */
  public static final List<Override> HINTS =
      List.of(
          new Override(INPUT_BYTES, DataTypes.LongType),
          new Override(INPUT_WIDTH, DataTypes.IntegerType),
          new Override(INPUT_HEIGHT, DataTypes.IntegerType));

  /** Overrides then hints: every optional typed column of the normal form, in order. */
  public static final List<Override> TYPED =
      java.util.stream.Stream.concat(OVERRIDES.stream(), HINTS.stream()).toList();

  /** Columns consumed by the job (not passed through). */
  public static final Set<String> KNOWN =
      Set.of(ID, URI, CONTENT, SCALE, WIDTH, HEIGHT, MODEL, FORMAT, QUALITY, TUNE_COLORS, MODEL_TYPE,
          INPUT_BYTES, INPUT_WIDTH, INPUT_HEIGHT);
}
