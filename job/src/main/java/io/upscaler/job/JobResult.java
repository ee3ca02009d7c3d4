package io.upscaler.job;

import io.upscaler.job.plan.Estimate;
import io.upscaler.job.report.CostEstimate;
import io.upscaler.job.report.RunTimings;
import io.upscaler.job.stats.Summary;

/**
 * What a run did, immutable. The console summary and the exit code are built from it.
 *
 * @param summary the run summary; null for a dry run
 * @param estimate a dry run's estimate from every image's header; null for a real run, which
 *     probes nothing before the work
 * @param exitCode 0 success, 3 failure ratio exceeded
 * @param partitions partitions the images were balanced over (0 for a dry run)
 * @param imbalance heaviest partition's estimated cost over the mean (1.0 = even), from the
 *     rows' size hints
 * @param costEstimate a dry run's estimated wall time and cost on the chosen devices; null for a
 *     real run (it reads no image before the work)
 * @param timings where the wall time went; null for a dry run
 * @param reportUri the run report, or null (dry run, or it could not be written)
 */
public record JobResult(
    String runId,
    Summary summary,
    Estimate estimate,
    int exitCode,
    String imagesUri,
    String statsUri,
    String summaryUri,
    int partitions,
    double imbalance,
    CostEstimate costEstimate,
    RunTimings timings,
    String reportUri) {

  public static final int OK = 0;
  public static final int INVALID = 2;
  public static final int TOO_MANY_FAILURES = 3;
  public static final int INFRASTRUCTURE = 1;
}
