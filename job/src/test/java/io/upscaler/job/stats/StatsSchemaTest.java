package io.upscaler.job.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.upscaler.core.ErrorClass;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The schema and every row come from the one column table, so they agree by construction. */
class StatsSchemaTest {
  private static final List<StructField> PASS = List.of(
      new StructField("sku", DataTypes.LongType, true, Metadata.empty()),
      new StructField("status", DataTypes.StringType, true, Metadata.empty()));

  @Test
  void theSchemaIsTheColumnTableThenPassThroughRenamedWhereTaken() {
    StructType schema = StatsSchema.schema(PASS);
    assertEquals(StatsColumns.ALL.size() + 2, schema.size());
    for (StatsColumn<?> c : StatsColumns.ALL) {
      assertEquals(c.name(), schema.fields()[c.index()].name());
      assertEquals(c.type(), schema.fields()[c.index()].dataType());
    }
    assertEquals("sku", schema.fields()[StatsColumns.ALL.size()].name());
    assertEquals("manifest_status", schema.fields()[StatsColumns.ALL.size() + 1].name());
  }

  @Test
  void aRowHoldsEachColumnsTableValueAtItsPlaceThenThePassThroughValues() {
    StatsRecord r = new StatsRecord("run-1", "a/b", "s3a://x/a/b.png")
        .set(StatsColumns.READ_MS, 12_345_678L)
        .set(StatsColumns.INPUT_WIDTH, 640)
        .fail(ErrorClass.NOT_FOUND, "not found: s3a://x/a/b.png");

    Row row = StatsSchema.row(r, new Object[] {7L, "live"});

    assertEquals(StatsColumns.ALL.size() + 2, row.length());
    assertEquals("run-1", row.get(StatsColumns.RUN_ID.index()));
    assertEquals("a/b", row.get(StatsColumns.ID.index()));
    assertEquals("FAILED", row.get(StatsColumns.STATUS.index()));
    assertEquals("NOT_FOUND", row.get(StatsColumns.ERROR_CLASS.index()));
    assertEquals(12L, row.get(StatsColumns.READ_MS.index()), "nanoseconds held, milliseconds written");
    assertEquals(640, row.get(StatsColumns.INPUT_WIDTH.index()));
    assertEquals(0L, row.get(StatsColumns.DECODE_MS.index()), "durations start at zero");
    assertEquals(0, row.get(StatsColumns.RETRIES.index()));
    assertEquals(false, row.get(StatsColumns.SESSION_LOADED.index()));
    assertNull(row.get(StatsColumns.OUTPUT_URI.index()), "a failed row has no output");
    assertNull(row.get(StatsColumns.MODEL.index()));
    assertEquals(7L, row.get(StatsColumns.ALL.size()));
    assertEquals("live", row.get(StatsColumns.ALL.size() + 1));
  }

  @Test
  void everyColumnsTableValueHasItsSparkTypesJavaClass() {
    StatsRecord r = new StatsRecord("run", "id", "inline").skip("file:/out/images/id.png");
    Row row = StatsSchema.row(r, new Object[0]);
    for (StatsColumn<?> c : StatsColumns.ALL) {
      Object v = row.get(c.index());
      if (v != null) {
        assertEquals(javaClass(c), v.getClass(), c.name());
      }
    }
    assertEquals("SKIPPED", row.get(StatsColumns.STATUS.index()));
    assertEquals("file:/out/images/id.png", row.get(StatsColumns.OUTPUT_URI.index()));
  }

  private static Class<?> javaClass(StatsColumn<?> c) {
    if (c.type().equals(DataTypes.StringType)) {
      return String.class;
    }
    if (c.type().equals(DataTypes.LongType)) {
      return Long.class;
    }
    if (c.type().equals(DataTypes.IntegerType)) {
      return Integer.class;
    }
    if (c.type().equals(DataTypes.DoubleType)) {
      return Double.class;
    }
    if (c.type().equals(DataTypes.BooleanType)) {
      return Boolean.class;
    }
    return java.sql.Timestamp.class;
  }
}
