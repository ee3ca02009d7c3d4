package io.upscaler.job.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;

/**
 * The driver's progress line while the work stage runs: every {@code progress-every} seconds one
 * log line with images done / total, OK / failed / skipped, output MP/s over the last interval
 * and overall, cost so far and the ETA.
 *
 * <p>Counts come from the run's accumulators ({@link RunMeters}), never from outputs: finished
 * tasks' values from task-end events (once per partition, so a speculative duplicate is not
 * counted twice), running tasks' values from executor heartbeats ({@code
 * spark.executor.heartbeatInterval}, 10 s by default), so progress moves inside long tasks too.
 * The ETA scales the elapsed time by the planned model FLOPs still to do.
 *
 * <p>Thread-safe: Spark's listener thread and the line's timer thread share it under its lock.
 * {@link #close()} stops the timer, removes the listener and logs the last line.
 */
public final class Progress extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  /** Counter values: rows by status, output pixels, cost and planned model FLOPs done. */
  public record Counts(long ok, long failed, long skipped, long outputPixels, double costUsd, double flops) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    public long done() {
      return ok + failed + skipped;
    }

    Counts plus(Counts o) {
      return new Counts(ok + o.ok, failed + o.failed, skipped + o.skipped,
          outputPixels + o.outputPixels, costUsd + o.costUsd, flops + o.flops);
    }
  }

  /** How long {@link #close()} waits for Spark's listener bus to deliver the last task ends. */
  private static final long CATCH_UP_MILLIS = 3000;

  private final SparkContext sc;
  private final RunMeters meters;
  private final Map<Long, String> ids;
  private final String runId;
  private final long total;
  private final double totalFlops;
  private final boolean priced;
  private final long startNanos = System.nanoTime();
  private final Map<Long, Counts> running = new HashMap<>();
  private final Set<Long> ended = new HashSet<>();
  private final Set<String> finishedPartitions = new HashSet<>();
  private final ScheduledExecutorService timer;
  private Counts finished = Counts.ZERO;
  private Counts previous = Counts.ZERO;
  private long previousNanos = startNanos;
  private long lastTaskFinishMillis;

  private Progress(SparkContext sc, RunMeters meters, String runId, long total, double totalFlops) {
    this.sc = sc;
    this.meters = meters;
    this.ids = meters.ids();
    this.runId = runId;
    this.total = total;
    this.totalFlops = totalFlops;
    this.priced = meters.rate().priced();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "upscaler-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts logging progress of the rows counted by {@code meters}.
   *
   * @param total rows the run will end with
   * @param totalFlops planned model FLOPs of the run
   */
  public static Progress start(
      SparkContext sc, RunMeters meters, String runId, long total, double totalFlops, int everySeconds) {
    Progress p = new Progress(sc, meters, runId, total, totalFlops);
    sc.addSparkListener(p);
    p.timer.scheduleAtFixedRate(p::log, everySeconds, everySeconds, TimeUnit.SECONDS);
    return p;
  }

  @Override
  public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    scala.collection.Iterator<Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>>> it =
        update.accumUpdates().iterator();
    while (it.hasNext()) {
      Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> t = it.next();
      long taskId = (Long) t._1();
      Counts c = read(t._4());
      if (c != null && !ended.contains(taskId)) {
        running.put(taskId, c);
      }
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    long taskId = end.taskInfo().taskId();
    ended.add(taskId);
    running.remove(taskId);
    Counts c = read(end.taskInfo().accumulables());
    if (c != null && end.reason() == Success$.MODULE$
        && finishedPartitions.add(end.stageId() + ":" + end.taskInfo().partitionId())) {
      finished = finished.plus(c);
      lastTaskFinishMillis = Math.max(lastTaskFinishMillis, end.taskInfo().finishTime());
      notifyAll();
    }
  }

  /** Our counters in a task's accumulator values, or null when the task has none of them. */
  private Counts read(scala.collection.Seq<AccumulableInfo> infos) {
    Map<String, Number> v = new HashMap<>();
    scala.collection.Iterator<AccumulableInfo> it = infos.iterator();
    while (it.hasNext()) {
      AccumulableInfo info = it.next();
      String name = ids.get(info.id());
      if (name != null && info.update().isDefined() && info.update().get() instanceof Number n) {
        v.put(name, n);
      }
    }
    if (v.isEmpty()) {
      return null;
    }
    return new Counts(longOf(v, "ok"), longOf(v, "failed"), longOf(v, "skipped"),
        longOf(v, "output_pixels"), doubleOf(v, "cost_usd"), doubleOf(v, "model_flops"));
  }

  private static long longOf(Map<String, Number> v, String k) {
    return v.containsKey(k) ? v.get(k).longValue() : 0;
  }

  private static double doubleOf(Map<String, Number> v, String k) {
    return v.containsKey(k) ? v.get(k).doubleValue() : 0;
  }

  /** Finished tasks' counts plus running tasks' latest heartbeat counts. */
  public synchronized Counts current() {
    Counts c = finished;
    for (Counts r : running.values()) {
      c = c.plus(r);
    }
    return c;
  }

  /** When the last task of the work finished (epoch ms), or 0 if none has. */
  public synchronized long lastTaskFinishMillis() {
    return lastTaskFinishMillis;
  }

  private void log() {
    try {
      LOG.info(line(System.nanoTime()));
    } catch (RuntimeException e) {
      LOG.warn("progress line failed: {}", e.toString()); // never stop the timer
    }
  }

  synchronized String line(long nowNanos) {
    return line(nowNanos, current());
  }

  private synchronized String line(long nowNanos, Counts now) {
    double elapsed = (nowNanos - startNanos) / 1e9;
    double interval = (nowNanos - previousNanos) / 1e9;
    String text = ProgressLine.format(runId, now, previous, total, totalFlops, elapsed, interval, priced);
    previous = now;
    previousNanos = nowNanos;
    return text;
  }

  /**
   * Stops the lines. Called after the work's Spark job returned, when the driver's accumulators
   * hold every task's counts: waits (a few seconds at most) for Spark's asynchronous listener bus
   * to deliver the last task ends, so the last line and {@link #lastTaskFinishMillis()} are final.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    Counts merged = meters.totals();
    // Merged accumulators count a recomputed map task twice; the listener's view counts each
    // partition once, so it is the answer once it has caught up.
    long expected = Math.min(merged.done(), total);
    synchronized (this) {
      long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
      while (finished.done() < expected && System.currentTimeMillis() < deadline) {
        try {
          wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      LOG.info(line(System.nanoTime(), finished.done() >= expected ? finished : merged));
    }
    sc.removeSparkListener(this);
  }
}
