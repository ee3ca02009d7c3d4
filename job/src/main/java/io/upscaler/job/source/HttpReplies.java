package io.upscaler.job.source;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * What an HTTP reply means for an image read: success, a permanent failure with its error class
 * (404/410 NOT_FOUND, 401/403 ACCESS_DENIED, any other status READ_FAILED), a transient one worth a
 * retry (408, 429, 5xx, with the server's Retry-After), or a redirect to follow.
 */
final class HttpReplies {
  private HttpReplies() {}

  /** A failure that a later attempt may not see; {@code retryAfter} is the server's wish, if any. */
  static final class Transient extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Optional<Duration> retryAfter;

    Transient(String message, Optional<Duration> retryAfter, Throwable cause) {
      super(message, cause);
      this.retryAfter = retryAfter;
    }
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Checks a non-redirect reply; returns normally for 2xx, and for 416 (range not satisfiable: an
   * empty object) when a range was asked for.
   *
   * @throws UpscaleException for a status no retry can change
   * @throws Transient for 408, 429 and 5xx
   */
  static void check(String url, HttpResponse<?> response, boolean ranged)
      throws UpscaleException, Transient {
    int status = response.statusCode();
    if (status >= 200 && status < 300 || ranged && status == 416) {
      return;
    }
    String what = "HTTP " + status + " from " + url + where(url, response);
    if (status == 404 || status == 410) {
      throw new UpscaleException(ErrorClass.NOT_FOUND, "not found: " + what);
    }
    if (status == 401 || status == 403) {
      throw new UpscaleException(ErrorClass.ACCESS_DENIED, "access denied: " + what);
    }
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
      throw new Transient(what, retryAfter(response, Instant.now()), null);
    }
    throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: " + what);
  }

  /**
   * Where a redirect leads: its Location resolved against the URI that answered. Only http(s)
   * targets, and never from https down to http.
   *
   * @throws UpscaleException READ_FAILED when there is no usable Location
   */
  static URI redirectTarget(String url, HttpResponse<?> response) throws UpscaleException {
    URI from = response.uri();
    String location = response.headers().firstValue("Location").orElse(null);
    if (location == null) {
      throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: HTTP "
          + response.statusCode() + " from " + url + where(url, response) + " without a Location");
    }
    URI to;
    try {
      to = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: " + url + " redirects to '"
          + location + "', which is not a valid URI", e);
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")
        || scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme())) {
      throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: " + url + " redirects from "
          + from + " to " + to + "; only http(s) redirects, never from https to http, are followed");
    }
    return to;
  }

  /**
   * The server's Retry-After (RFC 9110 10.2.3): delay seconds or an HTTP date; empty when absent
   * or unreadable. A date in the past is a zero wait.
   */
  static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
    return response.headers().firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, now));
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    if (v.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The total of a 206's {@code Content-Range: bytes 0-99/1234}, or -1 ("/*" or unreadable). */
  static long totalLength(HttpResponse<?> response) {
    String range = response.headers().firstValue("Content-Range").orElse("");
    int slash = range.lastIndexOf('/');
    String total = slash < 0 ? "" : range.substring(slash + 1).trim();
    return total.matches("[0-9]{1,18}") ? Long.parseLong(total) : -1;
  }

  /** " (at <final URI>)" when redirects led elsewhere. */
  private static String where(String url, HttpResponse<?> response) {
    String at = response.uri().toString();
    return at.equals(url) ? "" : " (redirected to " + at + ")";
  }
}
