package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportChartsTest {
  private static TreeMap<Long, double[]> bins(long... keyCount) {
    TreeMap<Long, double[]> m = new TreeMap<>();
    for (int i = 0; i < keyCount.length; i += 2) {
      m.put(keyCount[i], new double[] {keyCount[i + 1], 0});
    }
    return m;
  }

  @Test
  void logBinsCoverEveryStepBetweenTheExtremesWithZerosInTheGaps() {
    // Bins 80 and 83 at 8 per octave: 2^10 = 1024 ms up to 2^(84/8).
    RunReport.Histogram h = ReportQueries.histogram("l", "t", "ms", bins(80, 3, 83, 1));
    assertEquals(4, h.bins().size());
    assertEquals(List.of(3L, 0L, 0L, 1L), h.bins().stream().map(RunReport.Bin::count).toList());
    assertEquals(1024.0, h.bins().get(0).lo(), 1e-9);
    assertEquals(Math.pow(2, 84 / 8.0), h.bins().get(3).hi(), 1e-9);
    assertEquals(4, h.total());
  }

  @Test
  void wideRangesAreMergedIntoAtMostFortyBarsKeepingEveryCount() {
    RunReport.Histogram h = ReportQueries.histogram("l", "t", "px", bins(0, 5, 100, 7, 199, 11));
    assertTrue(h.bins().size() <= ReportQueries.MAX_BARS, "bars " + h.bins().size());
    assertEquals(23, h.total());
    assertEquals(1.0, h.bins().get(0).lo(), 1e-9);
  }

  @Test
  void throughputIsMegapixelsPerSecondOfEachTimeBinAsSteps() {
    TreeMap<Long, double[]> t = new TreeMap<>();
    t.put(-3L, new double[] {1, 1e6}); // settled before the work: first bin
    t.put(0L, new double[] {2, 3e6});
    t.put(2L, new double[] {1, 4e6});
    RunReport.Series s = ReportQueries.series(t, 2000, 6000);
    assertEquals(6, s.points().size());
    assertEquals(new RunReport.Point(0, 2.0), s.points().get(0));
    assertEquals(new RunReport.Point(2, 2.0), s.points().get(1));
    assertEquals(new RunReport.Point(2, 0.0), s.points().get(2));
    assertEquals(new RunReport.Point(6, 2.0), s.points().get(5));
  }

  @Test
  void aHistogramDrawsOneBarPerBinScaledToTheLargest() {
    RunReport.Histogram h = new RunReport.Histogram("lat", "Latency", "ms", List.of(
        new RunReport.Bin(1, 2, 10), new RunReport.Bin(2, 4, 5), new RunReport.Bin(4, 8, 0)));
    String svg = SvgCharts.histogram(h);
    Matcher m = Pattern.compile("<rect class=\"bar\"[^>]*height=\"([0-9.]+)\"").matcher(svg);
    double[] heights = new double[3];
    int n = 0;
    while (m.find()) {
      heights[n++] = Double.parseDouble(m.group(1));
    }
    assertEquals(3, n);
    assertEquals(heights[0] / 2, heights[1], 0.1);
    assertEquals(0.0, heights[2], 0.0);
    assertTrue(svg.startsWith("<svg class=\"chart\" id=\"lat\""), svg);
  }

  @Test
  void emptyChartsSayNoData() {
    assertTrue(SvgCharts.histogram(new RunReport.Histogram("x", "X", "ms", List.of())).contains("no data"));
    assertTrue(SvgCharts.series(new RunReport.Series("t", "T", "MP/s", List.of())).contains("no data"));
  }

  @Test
  void unitsAreReadable() {
    assertEquals("850 ms", Units.format(850, "ms"));
    assertEquals("2.5 s", Units.format(2500, "ms"));
    assertEquals("65.5 kP", Units.format(65_536, "px"));
    assertEquals("1.05 MP", Units.format(1_048_576, "px"));
    assertEquals("12 KB", Units.format(12 * 1024, "bytes"));
    assertEquals("3.5 MB", Units.format(3.5 * (1 << 20), "bytes"));
  }
}
