package io.upscaler.job.report;

/**
 * Where a run's wall time went, in seconds: planning (validation, the manifest, probing headers,
 * balancing), work (the upscale stage, until its last task finished) and commit (committing the
 * statistics table, the summary and the report).
 */
public record RunTimings(double planningSeconds, double workSeconds, double commitSeconds) {

  /** From epoch-millisecond marks: start, work start, work end (last task), end. */
  public static RunTimings of(long start, long workStart, long workEnd, long end) {
    long we = Math.max(workStart, Math.min(workEnd, end));
    return new RunTimings((workStart - start) / 1e3, (we - workStart) / 1e3, (end - we) / 1e3);
  }

  public String describe() {
    return "planning " + Durations.format(planningSeconds) + ", work " + Durations.format(workSeconds)
        + ", commit " + Durations.format(commitSeconds);
  }
}
