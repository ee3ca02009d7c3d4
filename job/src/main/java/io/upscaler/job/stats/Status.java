package io.upscaler.job.stats;

/** Outcome of one manifest row in one run. */
public enum Status {
  OK,
  FAILED,
  SKIPPED
}
