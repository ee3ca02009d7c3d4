package io.upscaler.job.plan;

import io.upscaler.job.manifest.Columns;
import io.upscaler.job.manifest.Manifest;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads manifest rows (in {@link Manifest}'s normal form) into {@link WorkItem}s by column name:
 * where each column sits is looked up once, from the schema, when the reader is made on the
 * driver. Serializable; executors use it row by row.
 */
public final class WorkItemReader implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int id;
  private final int uri;
  private final int content;
  private final int scale;
  private final int width;
  private final int height;
  private final int model;
  private final int format;
  private final int quality;
  private final int tuneColors;
  private final int inputBytes;
  private final int inputWidth;
  private final int inputHeight;
  private final int modelType;
  private final int[] passThrough;

  public WorkItemReader(StructType schema, List<StructField> passThrough) {
    this.id = schema.fieldIndex(Columns.ID);
    this.uri = schema.fieldIndex(Columns.URI);
    this.content = schema.fieldIndex(Columns.CONTENT);
    this.scale = schema.fieldIndex(Columns.SCALE);
    this.width = schema.fieldIndex(Columns.WIDTH);
    this.height = schema.fieldIndex(Columns.HEIGHT);
    this.model = schema.fieldIndex(Columns.MODEL);
    this.format = schema.fieldIndex(Columns.FORMAT);
    this.quality = schema.fieldIndex(Columns.QUALITY);
    this.tuneColors = schema.fieldIndex(Columns.TUNE_COLORS);
    this.inputBytes = schema.fieldIndex(Columns.INPUT_BYTES);
    this.inputWidth = schema.fieldIndex(Columns.INPUT_WIDTH);
    this.inputHeight = schema.fieldIndex(Columns.INPUT_HEIGHT);
    this.modelType = schema.fieldIndex(Columns.MODEL_TYPE);
    this.passThrough = passThrough.stream().mapToInt(f -> schema.fieldIndex(f.name())).toArray();
  }

  public static WorkItemReader of(Manifest manifest) {
    return new WorkItemReader(manifest.rows().schema(), manifest.passThrough());
  }

  /** The work item of a manifest row. */
  public WorkItem read(Row r) {
    Object[] pass = new Object[passThrough.length];
    for (int i = 0; i < pass.length; i++) {
      pass[i] = r.get(passThrough[i]);
    }
    byte[] bytes = (byte[]) r.get(content);
    return new WorkItem(r.getString(id), r.getString(uri), bytes, overrides(r), hint(r, bytes),
        pass, null, null);
  }

  /** The hint columns; inline content's own length when it has no byte hint. */
  SizeHint hint(Row r, byte[] bytes) {
    Long b = (Long) r.get(inputBytes);
    return SizeHint.of(b == null && bytes != null ? (Long) (long) bytes.length : b,
        (Integer) r.get(inputWidth), (Integer) r.get(inputHeight));
  }

  RowOverrides overrides(Row r) {
    return new RowOverrides(
        (Double) r.get(scale),
        (Integer) r.get(width),
        (Integer) r.get(height),
        blankToNull(r.getString(model)),
        blankToNull(r.getString(format)),
        (Integer) r.get(quality),
        (Boolean) r.get(tuneColors),
        blankToNull(r.getString(modelType)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
