package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void aLineCountsRatesCostAndEta() {
    // 40 of 100 rows in 20 s, 40% of the planned FLOPs: 30 s to go. 6 MP in the last 10 s.
    Progress.Counts before = new Progress.Counts(20, 1, 0, 10_000_000, 0.01, 2e12);
    Progress.Counts now = new Progress.Counts(38, 2, 0, 16_000_000, 0.0123, 4e12);
    String line = ProgressLine.format("r1", now, before, 100, 10e12, 20, 10, true);
    assertEquals("run r1: 40/100 images (40.0%): ok 38, failed 2, skipped 0; output 0.600 MP/s"
        + " (last 10.0 s), 0.800 MP/s overall; cost $0.0123 so far; ETA 30.0 s", line);
  }

  @Test
  void beforeAnythingFinishesThereIsNoEtaAndWithoutAPriceNoCost() {
    String line = ProgressLine.format("r", Progress.Counts.ZERO, Progress.Counts.ZERO, 5, 1e9, 15, 15, false);
    assertEquals("run r: 0/5 images (0.0%): ok 0, failed 0, skipped 0; output 0.000 MP/s (last 15.0 s),"
        + " 0.000 MP/s overall; cost n/a (no price) so far; ETA -", line);
  }

  @Test
  void withoutModelWorkTheEtaFollowsRows() {
    Progress.Counts now = new Progress.Counts(0, 0, 3, 0, 0, 0);
    String line = ProgressLine.format("r", now, Progress.Counts.ZERO, 4, 0, 12, 12, false);
    assertEquals(true, line.endsWith("ETA 4.0 s"), line);
  }
}
