package io.upscaler.job.source;

import java.io.Serializable;
import java.time.Duration;

/**
 * How http(s) sources are fetched. Immutable and serializable: built from the run's settings on
 * the driver and shipped to executors.
 *
 * @param connectTimeout longest wait to open a connection (TCP and TLS)
 * @param readTimeout longest wait for the response headers, and for each further part of the body
 *     (a server that stalls mid-body fails after this much silence, not after the whole body)
 * @param maxRedirects redirects followed per request; one more fails the row
 * @param maxRetryWait longest wait before a retry: exponential backoff is capped at it, and a
 *     server's Retry-After longer than it fails the row at once instead of waiting
 * @param retries retries of transient failures (408, 429, 5xx, resets, timeouts) per read
 */
public record HttpSettings(
    Duration connectTimeout, Duration readTimeout, int maxRedirects, Duration maxRetryWait,
    int retries) implements Serializable {
  private static final long serialVersionUID = 1L;

  public HttpSettings {
    positive("connect timeout", connectTimeout);
    positive("read timeout", readTimeout);
    if (maxRetryWait == null || maxRetryWait.isNegative()) {
      throw new IllegalArgumentException("max retry wait must be >= 0, not " + maxRetryWait);
    }
    if (maxRedirects < 0 || retries < 0) {
      throw new IllegalArgumentException("redirects and retries must be >= 0");
    }
  }

  /** A duration from seconds (fractions allowed), as the settings give them. */
  public static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, not " + d);
    }
  }
}
