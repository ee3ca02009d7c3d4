package io.upscaler.job.report;

import io.upscaler.job.stats.StatsColumns;
import io.upscaler.job.stats.StatsRecord;
import io.upscaler.job.stats.Status;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The run's counters and gallery samples, shared by executors and the driver through Spark
 * accumulators: registered on the driver before the work stage, updated on executors once per
 * finished row ({@link #account}), read on the driver by {@link Progress} (also from executor
 * heartbeats, while tasks run) and by the report. Serializable: it travels with the task; only
 * the accumulators' handles and the cost rate are in it.
 */
public final class RunMeters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LongAccumulator ok;
  private final LongAccumulator failed;
  private final LongAccumulator skipped;
  private final LongAccumulator outputPixels;
  private final DoubleAccumulator costUsd;
  private final DoubleAccumulator flops;
  private final CollectionAccumulator<RunReport.GalleryPair> samples;
  private final CostRate rate;
  private final int partitions;
  private final int wanted;

  private RunMeters(SparkContext sc, String runId, CostRate rate, int partitions, int wanted) {
    String p = "upscaler." + runId + ".";
    this.ok = sc.longAccumulator(p + "ok");
    this.failed = sc.longAccumulator(p + "failed");
    this.skipped = sc.longAccumulator(p + "skipped");
    this.outputPixels = sc.longAccumulator(p + "output_pixels");
    this.costUsd = sc.doubleAccumulator(p + "cost_usd");
    this.flops = sc.doubleAccumulator(p + "model_flops");
    // Unnamed: kept out of the UI, the event log and TaskInfo (it holds JPEG bytes).
    this.samples = sc.collectionAccumulator();
    this.rate = rate;
    this.partitions = partitions;
    this.wanted = wanted;
  }

  /** Registers the accumulators of a run over {@code partitions} partitions. Driver only. */
  public static RunMeters register(SparkContext sc, String runId, CostRate rate, int partitions, int gallery) {
    return new RunMeters(sc, runId, rate, partitions, gallery);
  }

  public CostRate rate() {
    return rate;
  }

  /**
   * Prices one finished row ({@code cost_usd} from its {@code device_ms}) and counts it. Executor,
   * once per row, on the task thread, just before the row is written.
   *
   * @param plannedFlops model FLOPs the plan gave the row (0 for rows settled in planning)
   */
  public void account(StatsRecord s, double plannedFlops) {
    long deviceMs = s.get(StatsColumns.DEVICE_MS) / 1_000_000;
    Double cost = rate.costUsd(deviceMs);
    s.set(StatsColumns.COST_USD, cost);
    Status status = s.get(StatsColumns.STATUS);
    if (status == Status.OK) {
      ok.add(1);
      outputPixels.add((long) s.get(StatsColumns.OUTPUT_WIDTH) * s.get(StatsColumns.OUTPUT_HEIGHT));
    } else if (status == Status.FAILED) {
      failed.add(1);
    } else {
      skipped.add(1);
    }
    if (cost != null) {
      costUsd.add(cost);
    }
    flops.add(plannedFlops);
  }

  /** The gallery sampler of a partition. Executor. */
  public GallerySampler sampler(int partition) {
    int quota = GallerySampler.quota(partition, partitions, wanted);
    return quota == 0 ? GallerySampler.NONE : new GallerySampler(partition, quota, samples::add);
  }

  /** Accumulator id → counter name, for reading heartbeats. */
  Map<Long, String> ids() {
    Map<Long, String> m = new LinkedHashMap<>();
    m.put(ok.id(), "ok");
    m.put(failed.id(), "failed");
    m.put(skipped.id(), "skipped");
    m.put(outputPixels.id(), "output_pixels");
    m.put(costUsd.id(), "cost_usd");
    m.put(flops.id(), "model_flops");
    return m;
  }

  /** The counts of finished tasks, as merged on the driver. */
  Progress.Counts totals() {
    return new Progress.Counts(ok.value(), failed.value(), skipped.value(), outputPixels.value(),
        costUsd.value(), flops.value());
  }

  /**
   * The gallery: at most {@code wanted} pairs from successful tasks, round-robin over partitions
   * (lowest first) so every sampling partition is shown before any shows two. Driver, after the
   * work stage.
   */
  public List<RunReport.GalleryPair> gallery() {
    Map<Integer, List<RunReport.GalleryPair>> byPartition = new TreeMap<>();
    List<RunReport.GalleryPair> all = new ArrayList<>(samples.value());
    all.sort(Comparator.comparing(RunReport.GalleryPair::id));
    all.forEach(p -> byPartition.computeIfAbsent(p.partition(), k -> new ArrayList<>()).add(p));
    List<RunReport.GalleryPair> out = new ArrayList<>();
    for (int round = 0; out.size() < wanted; round++) {
      boolean any = false;
      for (List<RunReport.GalleryPair> pairs : byPartition.values()) {
        if (round < pairs.size() && out.size() < wanted) {
          out.add(pairs.get(round));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return out;
  }
}
