package io.upscaler.job.plan;

import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.SourceReader;
import io.upscaler.job.exec.TaskEnv;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A dry run's planning pass over one partition, in {@code mapPartitions}: every row's header is
 * probed ({@link HeaderProbe}) with up to {@code probe-concurrency} reads in flight, and the rows'
 * estimates are summed into the partition's single {@link Estimate}. Nothing per row leaves the
 * task, so the driver holds one small record per partition whatever the manifest's size.
 *
 * <p>Holds only the serializable {@link RowPlanning}; the thread pool lives for one partition.
 */
public final class DryRunEstimate implements FlatMapFunction<Iterator<WorkItem>, Estimate> {
  private static final long serialVersionUID = 1L;

  private final RowPlanning planning;

  public DryRunEstimate(RowPlanning planning) {
    this.planning = planning;
  }

  @Override
  public Iterator<Estimate> call(Iterator<WorkItem> items) throws Exception {
    JobConfig config = planning.planner().config();
    HeaderProbe probe = new HeaderProbe(planning,
        SourceReader.routed(new HadoopFiles(TaskEnv.hadoopConf(), config.retries()), config.http()));
    int inFlight = config.probeConcurrency();
    ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> {
      Thread t = new Thread(r, "upscaler-probe-p" + TaskEnv.partitionId());
      t.setDaemon(true);
      return t;
    });
    try {
      Estimate sum = Estimate.ZERO;
      Deque<Future<Estimate>> pending = new ArrayDeque<>();
      while (items.hasNext() || !pending.isEmpty()) {
        while (pending.size() < 2 * inFlight && items.hasNext()) {
          WorkItem item = items.next();
          pending.add(pool.submit(() -> Estimate.of(probe.probe(item))));
        }
        sum = sum.plus(await(pending.poll()));
      }
      return List.of(sum).iterator();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Estimate await(Future<Estimate> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("probe failed: " + e.getCause(), e.getCause());
    }
  }
}
