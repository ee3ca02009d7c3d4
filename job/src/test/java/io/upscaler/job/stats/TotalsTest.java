package io.upscaler.job.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.upscaler.core.ErrorClass;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The summary's numbers, added up from rows as they are written and merged across tasks. */
class TotalsTest {
  @Test
  void rowsAddUpByStatusClassExecutorAndPixelsAcrossTasks() {
    Totals a = new Totals();
    a.add(ok("e1", 10, 8, 20, 16, 100, true));
    a.add(row(new StatsRecord("r", "f", "u").set(StatsColumns.EXECUTOR_ID, "e1")
        .fail(ErrorClass.NOT_FOUND, "gone")));
    Totals b = new Totals();
    b.add(ok("e2", 5, 5, 10, 10, 300, false));
    b.add(row(new StatsRecord("r", "s", "u").skip("file:/o.png")));
    a.merge(b);

    Summary s = Summary.of(a, "r", 2.0, Map.of());

    assertEquals(4, s.rows());
    assertEquals(2, s.ok());
    assertEquals(1, s.failed());
    assertEquals(1, s.skipped());
    assertEquals(Map.of("NOT_FOUND", 1L), s.failuresByClass());
    assertEquals(Map.of("e1", 1L, "e2", 0L), s.sessionLoads(), "every executor, with its builds");
    assertEquals((80 + 25) / 1e6, s.inputMegapixels(), 1e-15);
    assertEquals((320 + 100) / 1e6, s.outputMegapixels(), 1e-15);
    assertEquals("m", s.model());
    assertEquals(Map.of("p50", 200L, "p95", 290L, "max", 300L), s.latencyMs(),
        "interpolated between ranks, as Spark SQL's percentile");
  }

  @Test
  void latenciesAreExactBelowASecondAndToThreeDigitsAbove() {
    assertEquals(999, Totals.bucket(999));
    assertEquals(1230, Totals.bucket(1234));
    assertEquals(123_000, Totals.bucket(123_456));
    assertEquals(9_990, Totals.bucket(9_994));
    assertEquals(10_000, Totals.bucket(9_996));
  }

  @Test
  void anEmptyRunHasZeroes() {
    Summary s = Summary.of(new Totals(), "r", 1.0, Map.of());
    assertEquals(0, s.rows());
    assertEquals(Map.of("p50", 0L, "p95", 0L, "max", 0L), s.latencyMs());
    assertEquals("", s.model());
  }

  private static Row ok(String executor, int w, int h, int ow, int oh, long totalMs, boolean loaded) {
    StatsRecord r = new StatsRecord("r", "id", "u").set(StatsColumns.EXECUTOR_ID, executor)
        .set(StatsColumns.INPUT_WIDTH, w).set(StatsColumns.INPUT_HEIGHT, h)
        .set(StatsColumns.OUTPUT_WIDTH, ow).set(StatsColumns.OUTPUT_HEIGHT, oh)
        .set(StatsColumns.MODEL, "m").set(StatsColumns.DEVICE, "cpu")
        .set(StatsColumns.SESSION_LOADED, loaded).ok();
    r.set(StatsColumns.TOTAL_MS, totalMs * 1_000_000);
    return row(r);
  }

  private static Row row(StatsRecord r) {
    return StatsSchema.row(r, new Object[0]);
  }
}
