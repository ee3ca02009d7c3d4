package io.upscaler.job.plan;

import io.upscaler.job.manifest.Columns;
import java.io.Serializable;
import org.apache.spark.sql.Row;

/** A manifest row's own settings; null fields fall back to the run's settings. */
public record RowOverrides(
    Double scale,
    Integer width,
    Integer height,
    String model,
    String format,
    Integer quality,
    Boolean tuneColors)
    implements Serializable {

  public static final RowOverrides NONE = new RowOverrides(null, null, null, null, null, null, null);

  /** Reads the override columns of a normalised manifest row (see Manifest). */
  public static RowOverrides of(Row row) {
    int i = 3;
    return new RowOverrides(
        (Double) row.get(i),
        (Integer) row.get(i + 1),
        (Integer) row.get(i + 2),
        blankToNull((String) row.get(i + 3)),
        blankToNull((String) row.get(i + 4)),
        (Integer) row.get(i + 5),
        (Boolean) row.get(i + 6));
  }

  static {
    // Keep the column order of Columns.OVERRIDES and this record in step.
    if (!Columns.OVERRIDES.get(0).name().equals(Columns.SCALE)
        || !Columns.OVERRIDES.get(6).name().equals(Columns.TUNE_COLORS)) {
      throw new IllegalStateException("override column order changed");
    }
  }

  public boolean hasSize() {
    return scale != null || width != null || height != null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
