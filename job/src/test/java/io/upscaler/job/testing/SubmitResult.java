package io.upscaler.job.testing;

import java.time.Duration;

/**
 * What one {@code spark-submit} did: its exit code, everything it printed, how long it took, and the
 * tails of every log that matters (driver, master, workers, this application's executors), already
 * collected so that a failed assertion can show them: {@code assertEquals(0, r.exitCode(), r::diagnostics)}.
 *
 * @param exitCode the driver JVM's exit code
 * @param stdout the driver's standard output (the job's own console output)
 * @param stderr the driver's standard error (Spark's log, WARN and above, plus io.upscaler at INFO)
 * @param elapsed wall time from starting the driver JVM to its exit
 * @param diagnostics log tails for failure messages
 */
public record SubmitResult(int exitCode, String stdout, String stderr, Duration elapsed, String diagnostics) {

  /** Returns this result if the exit code is 0, else fails with the diagnostics. */
  public SubmitResult assertSuccess() {
    return assertExitCode(0);
  }

  /** Returns this result if the driver exited with {@code expected}, else fails with the diagnostics. */
  public SubmitResult assertExitCode(int expected) {
    if (exitCode != expected) {
      throw new AssertionError("spark-submit exited with " + exitCode + ", expected " + expected
          + " (after " + elapsed.toMillis() + " ms)" + diagnostics);
    }
    return this;
  }

  @Override
  public String toString() {
    return "SubmitResult[exitCode=" + exitCode + ", elapsed=" + elapsed.toMillis() + " ms]";
  }
}
