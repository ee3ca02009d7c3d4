package io.upscaler.job.source;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads http(s) sources with the JDK's HTTP client: one GET per attempt, redirects followed by
 * hand up to {@link HttpSettings#maxRedirects()}, the body streamed through a reader with a read
 * timeout between chunks, and transient failures (408, 429, 5xx, connection resets, timeouts)
 * retried up to {@link HttpSettings#retries()} times, waiting the server's Retry-After or an
 * exponential backoff, never longer than {@link HttpSettings#maxRetryWait()}. Failures that no
 * retry can fix are thrown at once with their error class (see {@link HttpReplies}).
 *
 * <p>Thread-safe; one instance per settings per JVM ({@link #shared}), since a client owns a
 * connection pool and a selector thread. Query strings are sent as given; fragments never are.
 */
public final class HttpSource {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSource.class);
  private static final Map<HttpSettings, HttpSource> SHARED = new ConcurrentHashMap<>();
  private static final long BACKOFF_MS = 200;
  private static final String USER_AGENT = "upscaler (Apache Spark batch job; Java HttpClient)";

  private final HttpSettings settings;
  private final HttpClient client;
  private final Sleeper sleeper;

  /** Waits between attempts; tests record the waits instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Turns a response body into a value; an IOException while reading is a transient failure. */
  @FunctionalInterface
  public interface BodyReader<T> {
    /**
     * @param body the body, streamed; closed by the caller
     * @param response the response (status 2xx, or 416 to a range request), for its headers
     */
    T read(InputStream body, HttpResponse<?> response) throws IOException, UpscaleException;
  }

  /** A value read and the retries it took. */
  public record Fetched<T>(T value, int retries) {}

  /**
   * The first bytes of an object and its total length: exact when the server says (Content-Range
   * or Content-Length), else the bytes read, or {@code bytes.length + 1} ("more") when the body
   * went on past them.
   */
  public record Head(byte[] bytes, long length) {}

  HttpSource(HttpSettings settings, SSLContext ssl, Sleeper sleeper) {
    this.settings = settings;
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.client = b.build();
    this.sleeper = sleeper;
  }

  /** The JVM's source for these settings, built on first use. */
  public static HttpSource shared(HttpSettings settings) {
    return SHARED.computeIfAbsent(settings, s -> new HttpSource(s, null, d -> Thread.sleep(d.toMillis())));
  }

  /** Whether a URI is read here rather than through Hadoop: http:// and https://. */
  public static boolean handles(String uri) {
    int colon = uri == null ? -1 : uri.indexOf(':');
    String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }

  /**
   * The whole body, refused as TOO_MANY_BYTES as soon as it is known to exceed {@code maxBytes}:
   * from its Content-Length, else after reading {@code maxBytes + 1} bytes.
   */
  public Fetched<byte[]> readAll(String url, long maxBytes) throws UpscaleException {
    return get(url, null, (body, response) -> CappedBody.read(url, body, declaredLength(response), maxBytes));
  }

  /**
   * The first {@code n} bytes (fewer if the object is shorter), with one GET asking for that range
   * ({@code Range: bytes=0-(n-1)}); a server that ignores ranges sends the whole body, of which
   * only {@code n} bytes are read before the transfer is cancelled.
   */
  public Fetched<Head> readHead(String url, int n) throws UpscaleException {
    return get(url, "bytes=0-" + (n - 1), (body, response) -> {
      if (response.statusCode() == 416) {
        return new Head(new byte[0], 0); // no byte 0: the object is empty
      }
      byte[] head = body.readNBytes(n);
      long total = response.statusCode() == 206
          ? HttpReplies.totalLength(response) : declaredLength(response);
      return new Head(head, total >= 0 ? total : head.length < n || body.read() < 0 ? head.length : n + 1L);
    });
  }

  /** GETs {@code url} and reads its body with {@code reader}, retrying what is transient. */
  public <T> Fetched<T> get(String url, BodyReader<T> reader) throws UpscaleException {
    return get(url, null, reader);
  }

  private <T> Fetched<T> get(String url, String range, BodyReader<T> reader) throws UpscaleException {
    URI uri = parse(url);
    for (int attempt = 0; ; attempt++) {
      try {
        return new Fetched<>(exchange(url, uri, range, reader), attempt);
      } catch (HttpReplies.Transient t) {
        Duration wait = waitBefore(url, attempt, t);
        LOG.warn("GET {} failed (attempt {}), retrying in {} ms: {}", url, attempt + 1, wait.toMillis(), t.getMessage());
        pause(wait);
      }
    }
  }

  /** One attempt: the GET and its redirects, then the body. */
  private <T> T exchange(String url, URI uri, String range, BodyReader<T> reader)
      throws UpscaleException, HttpReplies.Transient {
    URI at = uri;
    for (int hops = 0; ; hops++) {
      HttpResponse<BodyStream> response = send(url, at, range);
      try (BodyStream body = response.body()) {
        if (HttpReplies.isRedirect(response.statusCode())) {
          if (hops >= settings.maxRedirects()) {
            throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: " + url + " redirects more"
                + " than " + settings.maxRedirects() + " times (http-max-redirects); last to " + at);
          }
          at = HttpReplies.redirectTarget(url, response);
          continue;
        }
        HttpReplies.check(url, response, range != null);
        return reader.read(body, response);
      } catch (IOException e) {
        throw new HttpReplies.Transient("reading the body of " + url + " failed: " + e, java.util.Optional.empty(), e);
      }
    }
  }

  private HttpResponse<BodyStream> send(String url, URI at, String range)
      throws UpscaleException, HttpReplies.Transient {
    HttpRequest.Builder b = HttpRequest.newBuilder(at)
        .timeout(settings.readTimeout())
        .header("User-Agent", USER_AGENT)
        .GET();
    if (range != null) {
      b.header("Range", range);
    }
    HttpRequest request = b.build();
    try {
      return client.send(request, info -> new BodyStream(settings.readTimeout()));
    } catch (SSLHandshakeException e) {
      throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: TLS handshake with " + at + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new HttpReplies.Transient("GET " + url + (at.toString().equals(url) ? "" : " (redirected to " + at + ")")
          + " failed: " + e, java.util.Optional.empty(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpscaleException(ErrorClass.INTERNAL, "interrupted while reading " + url, e);
    } catch (IllegalArgumentException e) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "cannot use '" + url + "': " + e.getMessage(), e);
    }
  }

  /** How long to wait before attempt {@code attempt + 2}, or the final failure. */
  private Duration waitBefore(String url, int attempt, HttpReplies.Transient t) throws UpscaleException {
    if (attempt >= settings.retries()) {
      throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: " + t.getMessage()
          + (attempt == 0 ? "" : " (after " + attempt + " retries)"), t.getCause() == null ? t : t.getCause(),
          attempt);
    }
    Duration cap = settings.maxRetryWait();
    if (t.retryAfter.isPresent()) {
      if (t.retryAfter.get().compareTo(cap) > 0) {
        throw new UpscaleException(ErrorClass.READ_FAILED, "read failed: " + t.getMessage() + "; the server"
            + " asks to retry after " + t.retryAfter.get().toSeconds() + " s, longer than"
            + " http-max-retry-wait (" + cap.toMillis() / 1000.0 + " s)", t, attempt);
      }
      return t.retryAfter.get();
    }
    Duration backoff = Duration.ofMillis(BACKOFF_MS << Math.min(attempt, 20));
    return backoff.compareTo(cap) > 0 ? cap : backoff;
  }

  private void pause(Duration wait) throws UpscaleException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpscaleException(ErrorClass.INTERNAL, "interrupted while waiting to retry");
    }
  }

  private static long declaredLength(HttpResponse<?> response) {
    return response.headers().firstValueAsLong("Content-Length").orElse(-1);
  }

  /** The URI to request: the text as given, query kept, fragment dropped. */
  static URI parse(String url) throws UpscaleException {
    try {
      URI uri = new URI(url.trim());
      if (uri.getHost() == null) {
        throw new URISyntaxException(url, "no host");
      }
      return uri.getRawFragment() == null ? uri
          : new URI(url.trim().substring(0, url.trim().indexOf('#')));
    } catch (URISyntaxException e) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "cannot use '" + url + "': " + e.getMessage(), e);
    }
  }
}
