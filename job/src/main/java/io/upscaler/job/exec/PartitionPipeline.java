package io.upscaler.job.exec;

import io.upscaler.core.UpscaleException;
import io.upscaler.core.Upscaler;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.plan.RowPlanning;
import io.upscaler.job.plan.WorkItem;
import io.upscaler.job.report.DeviceTime;
import io.upscaler.job.report.RunMeters;
import io.upscaler.job.stats.StatsColumns;
import io.upscaler.job.stats.StatsRecord;
import io.upscaler.job.stats.StatsSchema;
import io.upscaler.job.stats.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;

/**
 * Runs one partition's rows through start → read → upscale → write with the model never waiting
 * on I/O: rows that need no image (skipped from the journal, failed settings) end at once on the
 * task thread; up to {@code prefetch} others are read (once each) and decoded ahead on reader
 * threads while the task thread runs the model, and up to {@code writers} finished images are
 * encoded and written behind it. With {@code batch} above 1 the task thread takes up to {@code
 * batch} decoded rows at a time and runs their model passes together ({@link RowWork#upscaleAll}),
 * so one-tile images share model calls; reading then keeps at least {@code batch} rows ahead.
 * Image memory is bounded by those numbers.
 *
 * <p>Owns its thread pools; {@link #close()} stops them (also when the task is killed).
 */
final class PartitionPipeline implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartitionPipeline.class);
  private final RowWork work;
  private final Journal journal;
  private final RunMeters meters;
  private final int prefetch;
  private final int batch;
  private final int writerSlots;
  private final ExecutorService readers;
  private final ExecutorService writers;

  private PartitionPipeline(RowWork work, Journal journal, RunMeters meters, JobConfig config) {
    this.work = work;
    this.journal = journal;
    this.meters = meters;
    this.batch = config.batch();
    this.prefetch = Math.max(config.prefetch(), batch);
    this.writerSlots = config.writers() > 0 ? config.writers() : Math.max(2, TaskEnv.cpus());
    this.readers = Executors.newFixedThreadPool(Math.min(prefetch, 4), threads("read"));
    this.writers = Executors.newFixedThreadPool(writerSlots, threads("write"));
  }

  static PartitionPipeline open(RequestPlanner planner, RunMeters meters) {
    JobConfig config = planner.config();
    HadoopFiles files = new HadoopFiles(TaskEnv.hadoopConf(), config.retries());
    int threads = config.threads() > 0 ? config.threads() : TaskEnv.cpus();
    DeviceRequest device = config.deviceRequest(TaskEnv.assignedGpu(), threads);
    Upscaler upscaler =
        new Upscaler(
            SessionCache.shared(),
            planner.models().store(files),
            device,
            config.maxConcurrentRuns());
    Journal journal =
        new Journal(files, OutputPaths.journal(config.output(), config.runId()),
            TaskEnv.partitionId(), TaskEnv.taskAttemptId(), config.journalEvery(), 30_000);
    RowWork work = new RowWork(new RowPlanning(planner), SourceReader.routed(files, config.http()), files, upscaler,
        meters.sampler(TaskEnv.partitionId()));
    return new PartitionPipeline(work, journal, meters, config);
  }

  /**
   * Processes every row; returns one statistics row per input row. The task thread's time is
   * shared out as the rows' device_ms: the time from the end of the previous model step to the
   * end of this one (waiting for the reads, the model passes) goes to the rows of this step by
   * planned cost, then each row gets its own wait for a writer slot, and the last rows the time
   * spent waiting for their writes.
   */
  List<Row> run(Iterator<WorkItem> items) {
    List<Row> out = new ArrayList<>();
    long mark = System.nanoTime();
    Deque<Future<RowWork.InFlight>> reading = new ArrayDeque<>();
    Deque<Future<RowWork.Ended>> writing = new ArrayDeque<>();
    while (true) {
      while (reading.size() < prefetch && items.hasNext()) {
        RowWork.InFlight started = work.start(items.next());
        if (started instanceof RowWork.Ended ended) {
          finish(ended, out);
        } else {
          reading.add(readers.submit(() -> work.readAndDecode(started)));
        }
      }
      if (reading.isEmpty()) {
        break;
      }
      List<RowWork.InFlight> rows = work.upscaleAll(nextRows(reading));
      mark = shareDeviceTime(rows, mark);
      for (RowWork.InFlight row : rows) {
        while (writing.size() >= writerSlots) {
          finish(await(writing.poll()), out);
        }
        mark = deviceTime(row.stats(), mark);
        writing.add(writers.submit(() -> journaled(work.encodeAndWrite(row))));
      }
      // Rows already written end now, so progress counts them while the task runs.
      while (!writing.isEmpty() && writing.peek().isDone()) {
        finish(await(writing.poll()), out);
      }
    }
    while (!writing.isEmpty()) {
      RowWork.Ended row = await(writing.poll());
      mark = deviceTime(row.stats(), mark);
      finish(row, out);
    }
    try {
      journal.flush();
    } catch (UpscaleException e) {
      LOG.warn("journal not written for partition {}: {}", TaskEnv.partitionId(), e.getMessage());
    }
    return out;
  }

  /** The next rows for the model: up to {@code batch} of those being read, in order. */
  private List<RowWork.InFlight> nextRows(Deque<Future<RowWork.InFlight>> reading) {
    List<RowWork.InFlight> rows = new ArrayList<>(batch);
    while (rows.size() < batch && !reading.isEmpty()) {
      rows.add(await(reading.poll()));
    }
    return rows;
  }

  private void finish(RowWork.Ended row, List<Row> out) {
    meters.account(row.stats(), row.modelFlops());
    out.add(StatsSchema.row(row.stats(), row.item().passThrough()));
  }

  /**
   * Records a written output in the journal right away, on the writer thread, so that a run killed
   * now loses at most the journal's flush interval. A journal that can't be written costs only
   * rework on a rerun, so it is logged, not fatal.
   */
  private RowWork.Ended journaled(RowWork.Ended row) {
    StatsRecord s = row.stats();
    if (s.get(StatsColumns.STATUS) == Status.OK) {
      try {
        journal.record(s.get(StatsColumns.ID), s.get(StatsColumns.SETTINGS_FINGERPRINT),
            s.get(StatsColumns.OUTPUT_URI));
      } catch (UpscaleException e) {
        LOG.warn("journal not written for {}: {}", s.get(StatsColumns.ID), e.getMessage());
      }
    }
    return row;
  }

  /**
   * Shares the time since {@code mark} — waiting for the rows' reads and their model passes, run
   * together — among the rows by planned cost (rows that failed before the model get none);
   * returns the new mark.
   */
  private static long shareDeviceTime(List<RowWork.InFlight> rows, long mark) {
    long now = System.nanoTime();
    double[] weights = new double[rows.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = rows.get(i).plannedCost();
    }
    long[] parts = DeviceTime.split(now - mark, weights);
    for (int i = 0; i < parts.length; i++) {
      rows.get(i).stats().add(StatsColumns.DEVICE_MS, parts[i]);
    }
    return now;
  }

  /** Adds the time since {@code mark} to the row's device_ms; returns the new mark. */
  private static long deviceTime(StatsRecord stats, long mark) {
    long now = System.nanoTime();
    stats.add(StatsColumns.DEVICE_MS, now - mark);
    return now;
  }


  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("task interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static ThreadFactory threads(String role) {
    AtomicInteger n = new AtomicInteger();
    String stage = "upscaler-" + role + "-p" + TaskEnv.partitionId() + "-";
    return r -> {
      Thread t = new Thread(r, stage + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    readers.shutdownNow();
    writers.shutdownNow();
  }
}
