package io.upscaler.job.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.upscaler.job.manifest.Columns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Manifest columns are read by name, wherever they sit. */
class WorkItemReaderTest {
  @Test
  void columnsAreFoundByNameInAnyOrder() {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("brand", DataTypes.StringType));
    fields.add(field(Columns.ID, DataTypes.StringType));
    fields.add(field(Columns.URI, DataTypes.StringType));
    fields.add(field(Columns.CONTENT, DataTypes.BinaryType));
    for (Columns.Override o : Columns.TYPED) {
      fields.add(field(o.name(), o.type()));
    }
    fields.add(field("sku", DataTypes.LongType));
    Collections.reverse(fields);
    StructType schema = new StructType(fields.toArray(new StructField[0]));
    Object[] values = new Object[schema.size()];
    values[schema.fieldIndex("brand")] = "acme";
    values[schema.fieldIndex("sku")] = 101L;
    values[schema.fieldIndex(Columns.ID)] = "shoes/a";
    values[schema.fieldIndex(Columns.URI)] = "s3a://b/a.png";
    values[schema.fieldIndex(Columns.SCALE)] = 3.0;
    values[schema.fieldIndex(Columns.MODEL)] = "  ";
    values[schema.fieldIndex(Columns.FORMAT)] = " webp ";
    values[schema.fieldIndex(Columns.QUALITY)] = 40;
    values[schema.fieldIndex(Columns.INPUT_BYTES)] = 5000L;
    values[schema.fieldIndex(Columns.INPUT_WIDTH)] = 64;
    values[schema.fieldIndex(Columns.INPUT_HEIGHT)] = 48;

    WorkItemReader reader = new WorkItemReader(schema,
        List.of(field("brand", DataTypes.StringType), field("sku", DataTypes.LongType)));
    WorkItem item = reader.read(new GenericRowWithSchema(values, schema));

    assertEquals("shoes/a", item.id());
    assertEquals("s3a://b/a.png", item.uri());
    assertNull(item.content());
    assertEquals(new RowOverrides(3.0, null, null, null, "webp", 40, null), item.overrides(),
        "blank text overrides are absent, others trimmed");
    assertArrayEquals(new Object[] {"acme", 101L}, item.passThrough(), "pass-through in its order");
    assertEquals(new SizeHint(5000, 64, 48), item.hint());
  }

  @Test
  void inlineContentIsItsOwnByteHintAndHalfASizeIsNoSize() {
    assertEquals(new SizeHint(3, 0, 0), SizeHint.of(3L, 64, null));
    assertEquals(SizeHint.UNKNOWN, SizeHint.of(0L, -1, 10));
    List<StructField> fields = new ArrayList<>();
    fields.add(field(Columns.ID, DataTypes.StringType));
    fields.add(field(Columns.URI, DataTypes.StringType));
    fields.add(field(Columns.CONTENT, DataTypes.BinaryType));
    for (Columns.Override o : Columns.TYPED) {
      fields.add(field(o.name(), o.type()));
    }
    StructType schema = new StructType(fields.toArray(new StructField[0]));
    Object[] values = new Object[schema.size()];
    values[0] = "x";
    values[2] = new byte[] {1, 2, 3};
    WorkItem item = new WorkItemReader(schema, List.of()).read(new GenericRowWithSchema(values, schema));
    assertEquals(new SizeHint(3, 0, 0), item.hint());
    assertEquals("inline", item.source());
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
