package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.upscaler.job.stats.StatsColumns;
import java.sql.Timestamp;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The report's facts, gathered row by row as the committing tasks do, then merged. */
class ReportFactsTest {
  private static final long START = 1_767_225_600_000L;

  private static Row row(String id, String status, String errorClass, String message, long startedMs,
      long totalMs, Integer outW, Integer outH, Long outBytes) {
    Object[] v = new Object[StatsColumns.ALL.size()];
    v[StatsColumns.ID.index()] = id;
    v[StatsColumns.STATUS.index()] = status;
    v[StatsColumns.ERROR_CLASS.index()] = errorClass;
    v[StatsColumns.ERROR_MESSAGE.index()] = message;
    v[StatsColumns.INPUT_WIDTH.index()] = 64;
    v[StatsColumns.INPUT_HEIGHT.index()] = 32;
    v[StatsColumns.OUTPUT_WIDTH.index()] = outW;
    v[StatsColumns.OUTPUT_HEIGHT.index()] = outH;
    v[StatsColumns.OUTPUT_BYTES.index()] = outBytes;
    v[StatsColumns.TOTAL_MS.index()] = totalMs;
    v[StatsColumns.STARTED_AT.index()] = new Timestamp(startedMs);
    return RowFactory.create(v);
  }

  private static Row ok(String id, long startedMs, long totalMs) {
    return row(id, "OK", null, null, startedMs, totalMs, 128, 64, 1024L);
  }

  private static Row failed(String id, String errorClass, String message, long startedMs) {
    return row(id, "FAILED", errorClass, message, startedMs, 3, null, null, null);
  }

  @Test
  void rowsLandInTheirLogBinsAndEachClassKeepsItsFirstFiveFailuresByStartThenId() {
    ReportFacts facts = new ReportFacts(START);
    facts.add(ok("a", START, 1024)); // 2^10 ms: bin 80
    facts.add(ok("b", START, 1100)); // 2^10.1: bin 80
    facts.add(ok("c", START, 2048)); // bin 88
    for (int i = 0; i < 7; i++) {
      // Started in reverse order; two share a start, so the id decides.
      facts.add(failed("f" + i, "CORRUPT_IMAGE", "x".repeat(500), START + 1000 - 100L * (i / 2 * 2)));
    }
    facts.add(failed("n", "NOT_FOUND", null, START));

    assertEquals(new TreeMap<>(java.util.Map.of(80L, 2L, 88L, 1L)), facts.latency);
    assertEquals(new TreeMap<>(java.util.Map.of(88L, 11L)), facts.inputPixels); // 2048 px, every row
    assertEquals(new TreeMap<>(java.util.Map.of(80L, 3L)), facts.outputBytes);
    List<RunReport.FailureGroup> groups = ReportQueries.failures(facts,
        new TreeMap<>(java.util.Map.of("CORRUPT_IMAGE", 7L, "NOT_FOUND", 1L)));
    assertEquals(List.of("CORRUPT_IMAGE", "NOT_FOUND"), groups.stream().map(RunReport.FailureGroup::errorClass).toList());
    assertEquals(List.of("f6", "f4", "f5", "f2", "f3"),
        groups.get(0).first().stream().map(RunReport.Failure::id).toList());
    assertEquals(ReportQueries.MESSAGE_CHARS, groups.get(0).first().get(0).message().length());
    assertEquals(List.of(new RunReport.Failure("n", "")), groups.get(1).first());
  }

  @Test
  void aLongRunWidensItsTimeBinsAndMergingKeepsEveryPixelInItsBin() {
    long seconds = ReportFacts.MAX_TIME_BINS + 10;
    ReportFacts wide = new ReportFacts(START);
    ReportFacts narrow = new ReportFacts(START);
    for (long s = 0; s < seconds; s++) {
      wide.add(ok("w" + s, START + s * 1000, 0));
    }
    narrow.add(ok("n", START + 5_000, 0));
    assertEquals(2000, wide.timeBinMs());
    assertEquals(1000, narrow.timeBinMs());

    narrow.merge(wide);

    assertEquals(2000, narrow.timeBinMs());
    long workMs = seconds * 1000;
    ReportQueries.Charts charts = ReportQueries.charts(narrow, START, START + workMs);
    List<RunReport.Point> points = charts.throughput().points();
    // Bins of a whole number of gathered bins: 26 s (25.9 s rounded up to 2 s steps), 40 bins.
    double binS = points.get(1).seconds() - points.get(0).seconds();
    assertEquals(26.0, binS, 1e-9);
    double pixels = 0;
    for (int i = 0; i < points.size(); i += 2) {
      pixels += points.get(i).value() * 1e6 * binS;
    }
    assertEquals((seconds + 1) * 128 * 64, pixels, 1e-3);
    assertEquals(27 * 128 * 64 / 26.0 / 1e6, points.get(0).value(), 1e-12); // seconds 0-25 of wide, and n
  }
}
