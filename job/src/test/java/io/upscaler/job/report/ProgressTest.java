package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.stats.StatsColumns;
import io.upscaler.job.stats.StatsRecord;
import io.upscaler.job.testing.CapturedLog;
import io.upscaler.job.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Progress lines from real Spark jobs whose tasks take known time and count through RunMeters:
 * finished tasks from task-end events, running ones from executor heartbeats.
 */
class ProgressTest {
  private static final Pattern DONE = Pattern.compile("^run progress-test: (\\d+)/8 images");

  @Test
  void linesAppearWhileTasksRunAndTheLastCountsEveryRowOnce() throws Exception {
    SparkContext sc = TestSpark.session().sparkContext();
    // $3.6 per hour, one task per device: 1,000 ms of device time costs $0.001.
    RunMeters meters = RunMeters.register(sc, "progress-test", new CostRate(3.6, 1, "test"), 4, 0);
    List<CapturedLog.Line> lines;
    try (CapturedLog log = CapturedLog.of(Progress.class)) {
      try (Progress progress = Progress.start(sc, meters, "progress-test", 8, 8e9, 1)) {
        // 4 partitions of 2 rows on 2 slots: two waves of 2 s, so about 4 s with half done in between.
        new JavaSparkContext(sc).parallelize(IntStream.range(0, 8).boxed().toList(), 4)
            .foreachPartition(rows -> {
              Thread.sleep(2000);
              rows.forEachRemaining(i -> meters.account(finished("row-" + i), 1e9));
            });
      }
      lines = log.lines();
    }
    List<Integer> periodic = new ArrayList<>();
    for (CapturedLog.Line l : lines) {
      Matcher m = DONE.matcher(l.message());
      if (l.thread().equals("upscaler-progress") && m.find()) {
        periodic.add(Integer.parseInt(m.group(1)));
      }
    }
    assertTrue(periodic.size() >= 2, "periodic lines while the job ran: " + lines);
    assertTrue(periodic.stream().anyMatch(n -> n > 0 && n < 8), "a line between start and end: " + lines);
    for (int i = 1; i < periodic.size(); i++) {
      assertTrue(periodic.get(i) >= periodic.get(i - 1), "counts never go back: " + periodic);
    }
    String last = lines.get(lines.size() - 1).message();
    assertTrue(last.startsWith("run progress-test: 8/8 images (100.0%): ok 8, failed 0, skipped 0;"), last);
    assertTrue(last.contains("cost $0.0080 so far; ETA 0 s"), last);
  }

  @Test
  void runningTasksAreCountedFromExecutorHeartbeats() throws Exception {
    SparkContext sc = TestSpark.session().sparkContext();
    RunMeters meters = RunMeters.register(sc, "heartbeat-test", new CostRate(3.6, 1, "test"), 1, 0);
    List<CapturedLog.Line> lines;
    try (CapturedLog log = CapturedLog.of(Progress.class)) {
      try (Progress progress = Progress.start(sc, meters, "heartbeat-test", 2, 0, 1)) {
        // One task: a row, then 12 s (longer than the 10 s heartbeat interval), then another.
        new JavaSparkContext(sc).parallelize(List.of(0, 1), 1).foreachPartition(rows -> {
          meters.account(finished("first"), 0);
          Thread.sleep(12_000);
          meters.account(finished("second"), 0);
        });
      }
      lines = log.lines();
    }
    assertTrue(lines.stream().anyMatch(l -> l.thread().equals("upscaler-progress")
        && l.message().startsWith("run heartbeat-test: 1/2 images (50.0%): ok 1,")),
        "the running task's first row, from a heartbeat: " + lines);
    assertTrue(lines.get(lines.size() - 1).message().startsWith("run heartbeat-test: 2/2 images"));
  }

  /** An OK row of a 1000 x 1000 output that held its device for one second. */
  private static StatsRecord finished(String id) {
    StatsRecord s = new StatsRecord("progress-test", id, "test")
        .set(StatsColumns.OUTPUT_WIDTH, 1000).set(StatsColumns.OUTPUT_HEIGHT, 1000)
        .set(StatsColumns.DEVICE_MS, 1_000_000_000L);
    s.ok();
    return s;
  }
}
