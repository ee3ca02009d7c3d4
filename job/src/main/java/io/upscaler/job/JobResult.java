package io.upscaler.job;

import io.upscaler.job.plan.Estimate;
import io.upscaler.job.stats.Summary;

/**
 * What a run did, immutable. The console summary and the exit code are built from it.
 *
 * @param summary the run summary; null for a dry run
 * @param estimate the plan's estimate (always present)
 * @param exitCode 0 success, 3 failure ratio exceeded
 */
public record JobResult(
    String runId,
    Summary summary,
    Estimate estimate,
    int exitCode,
    String imagesUri,
    String statsUri,
    String summaryUri) {

  public static final int OK = 0;
  public static final int INVALID = 2;
  public static final int TOO_MANY_FAILURES = 3;
  public static final int INFRASTRUCTURE = 1;
}
