package io.upscaler.job.source;

import static io.upscaler.job.testing.HttpTestServer.bytes;
import static io.upscaler.job.testing.HttpTestServer.chunked;
import static io.upscaler.job.testing.HttpTestServer.cutShort;
import static io.upscaler.job.testing.HttpTestServer.endless;
import static io.upscaler.job.testing.HttpTestServer.firstThen;
import static io.upscaler.job.testing.HttpTestServer.redirect;
import static io.upscaler.job.testing.HttpTestServer.silent;
import static io.upscaler.job.testing.HttpTestServer.stallAfter;
import static io.upscaler.job.testing.HttpTestServer.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.testing.HttpTestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP source against a real server on 127.0.0.1: bodies with and without a length, status
 * mapping, retries with their waits (recorded, not slept), redirects, limits and timeouts, TLS.
 */
class HttpSourceTest {
  private static final byte[] IMAGE = random(150_000);
  private static final long MAX = 1 << 20;

  private HttpTestServer server;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsABodyWithOneGetKeepingTheQueryAndDroppingTheFragment() throws Exception {
    server.route("/img/a.png", (ex, n, body) -> {
      assertEquals("w=1&v=1.2&sig=a%2Fb", ex.getRequestURI().getRawQuery());
      bytes(IMAGE).answer(ex, n, body);
    });
    HttpSource.Fetched<byte[]> f = source(3).readAll(server.url("/img/a.png?w=1&v=1.2&sig=a%2Fb#top"), MAX);
    assertArrayEquals(IMAGE, f.value());
    assertEquals(0, f.retries());
    assertEquals(1, server.requests("/img/a.png?w=1&v=1.2&sig=a%2Fb"));
  }

  @Test
  void readsAChunkedBodyWithoutContentLength() throws Exception {
    server.route("/c.jpg", chunked(IMAGE, 7_000));
    assertArrayEquals(IMAGE, source(0).readAll(server.url("/c.jpg"), MAX).value());
    assertEquals(1, server.requests("/c.jpg"));
  }

  @Test
  void readsAnEmptyBodyAsZeroBytes() throws Exception {
    server.route("/empty.png", bytes(new byte[0]));
    assertEquals(0, source(0).readAll(server.url("/empty.png"), MAX).value().length);
  }

  @Test
  void notFoundAndGoneAreNotFoundAfterOneRequest() {
    server.route("/missing.png", status(404)).route("/gone.png", status(410));
    assertEquals(ErrorClass.NOT_FOUND, failure("/missing.png", source(3)).errorClass());
    assertEquals(ErrorClass.NOT_FOUND, failure("/gone.png", source(3)).errorClass());
    assertEquals(1, server.requests("/missing.png"));
    assertEquals(1, server.requests("/gone.png"));
    assertEquals(List.of(), waits);
  }

  @Test
  void forbiddenAndUnauthorizedAreAccessDeniedAfterOneRequest() {
    server.route("/secret.png", status(403)).route("/login.png", status(401));
    UpscaleException e = failure("/secret.png", source(3));
    assertEquals(ErrorClass.ACCESS_DENIED, e.errorClass());
    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
    assertEquals(ErrorClass.ACCESS_DENIED, failure("/login.png", source(3)).errorClass());
    assertEquals(1, server.requests("/secret.png"));
    assertEquals(1, server.requests("/login.png"));
  }

  @Test
  void otherClientErrorsFailAtOnceAsReadFailed() {
    server.route("/bad.png", status(400));
    UpscaleException e = failure("/bad.png", source(3));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertEquals(1, server.requests("/bad.png"));
  }

  @Test
  void unavailableThenSuccessWaitsTheServersRetryAfter() throws Exception {
    server.route("/busy.png", firstThen(1, status(503, "Retry-After", "2"), bytes(IMAGE)));
    HttpSource.Fetched<byte[]> f = source(3).readAll(server.url("/busy.png"), MAX);
    assertArrayEquals(IMAGE, f.value());
    assertEquals(1, f.retries());
    assertEquals(2, server.requests("/busy.png"));
    assertEquals(List.of(Duration.ofSeconds(2)), waits);
  }

  @Test
  void throttlingAndRequestTimeoutAreRetriedWithExponentialBackoff() throws Exception {
    server.route("/slow.png", firstThen(2, status(429), bytes(IMAGE)))
        .route("/late.png", firstThen(1, status(408), bytes(IMAGE)));
    assertEquals(2, source(3).readAll(server.url("/slow.png"), MAX).retries());
    assertEquals(1, source(3).readAll(server.url("/late.png"), MAX).retries());
    assertEquals(List.of(ms(200), ms(400), ms(200)), waits);
  }

  @Test
  void aServerErrorThatPersistsFailsAfterExactlyTheRetries() {
    server.route("/broken.png", status(500));
    UpscaleException e = failure("/broken.png", source(3));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("after 3 retries"), e.getMessage());
    assertEquals(3, e.retries(), "the statistics row counts the retries its failure cost");
    assertEquals(4, server.requests("/broken.png"));
    assertEquals(List.of(ms(200), ms(400), ms(800)), waits);
  }

  @Test
  void backoffIsCappedByTheLongestRetryWait() {
    server.route("/broken.png", status(502));
    HttpSource capped = new HttpSource(settings(3, Duration.ofSeconds(5), ms(300)), null, waits::add);
    failure("/broken.png", capped);
    assertEquals(List.of(ms(200), ms(300), ms(300)), waits);
  }

  @Test
  void aRetryAfterLongerThanTheCapFailsWithoutWaiting() {
    server.route("/later.png", status(503, "Retry-After", "3600"));
    UpscaleException e = failure("/later.png", source(3));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("http-max-retry-wait"), e.getMessage());
    assertEquals(1, server.requests("/later.png"));
    assertEquals(List.of(), waits);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(120)), HttpReplies.parseRetryAfter(" 120 ", now));
    assertEquals(Optional.of(Duration.ofSeconds(90)),
        HttpReplies.parseRetryAfter("Wed, 02 Dec 2026 10:01:30 GMT", now));
    assertEquals(Optional.of(Duration.ZERO), HttpReplies.parseRetryAfter("Wed, 02 Dec 2026 09:00:00 GMT", now));
    assertEquals(Optional.empty(), HttpReplies.parseRetryAfter("soon", now));
  }

  @Test
  void aRedirectChainIsFollowedWithOneRequestPerHop() throws Exception {
    server.route("/r3", redirect(302, "/r2"))
        .route("/r2", redirect(301, server.url("/dir/r1")))
        .route("/dir/r1", redirect(307, "../img/final.png?x=1"))
        .route("/img/final.png", bytes(IMAGE));
    HttpSource.Fetched<byte[]> f = source(3).readAll(server.url("/r3"), MAX);
    assertArrayEquals(IMAGE, f.value());
    assertEquals(0, f.retries());
    for (String hop : List.of("/r3", "/r2", "/dir/r1", "/img/final.png?x=1")) {
      assertEquals(1, server.requests(hop), hop);
    }
  }

  @Test
  void aRedirectLoopFailsAtTheBoundWithoutRetrying() {
    server.route("/loop", redirect(302, "/loop"));
    HttpSource source = new HttpSource(settings(3, Duration.ofSeconds(5), Duration.ofSeconds(60), 4), null, waits::add);
    UpscaleException e = failure("/loop", source);
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("more than 4 times"), e.getMessage());
    assertEquals(5, server.requests("/loop"), "the request and 4 redirects");
    assertEquals(List.of(), waits);
  }

  @Test
  void aRedirectFromHttpsToHttpOrToAnotherSchemeIsRefused() {
    server.route("/ftp", redirect(302, "ftp://127.0.0.1/a.png"));
    UpscaleException e = failure("/ftp", source(3));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("only http(s) redirects"), e.getMessage());
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() {
    long total = 64L << 20;
    server.route("/huge.png", HttpTestServer.declared(total));
    UpscaleException e = failure("/huge.png", source(3));
    assertEquals(ErrorClass.TOO_MANY_BYTES, e.errorClass());
    assertTrue(e.getMessage().contains((64L << 20) + " bytes (Content-Length)"), e.getMessage());
    assertTrue(e.getMessage().contains("max-input-bytes"), e.getMessage());
    assertEquals(1, server.requests("/huge.png"));
    assertFalse(server.completed("/huge.png"));
  }

  @Test
  void aChunkedBodyOverTheLimitStopsAtTheLimit() {
    server.route("/stream.png", endless(64L << 20));
    UpscaleException e = failure("/stream.png", source(3));
    assertEquals(ErrorClass.TOO_MANY_BYTES, e.errorClass());
    assertTrue(e.getMessage().contains("more than " + MAX + " bytes"), e.getMessage());
    assertEquals(1, server.requests("/stream.png"));
    assertFalse(server.completed("/stream.png"), "the server could not write the whole body");
    assertTrue(server.bytesSent("/stream.png") < (64L << 20));
  }

  @Test
  void aBodyThatStallsTimesOutAndIsRetried() {
    server.route("/stall.png", stallAfter(IMAGE, 1000));
    UpscaleException e = failure("/stall.png", source(1, Duration.ofSeconds(1)));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("read timeout"), e.getMessage());
    assertEquals(2, server.requests("/stall.png"));
    assertEquals(List.of(ms(200)), waits);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    server.route("/silent.png", silent());
    UpscaleException e = failure("/silent.png", source(0, Duration.ofSeconds(1)));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("HttpTimeoutException"), e.getMessage());
    assertEquals(1, server.requests("/silent.png"));
  }

  @Test
  void aConnectionCutShortIsRetried() throws Exception {
    server.route("/cut.png", firstThen(1, cutShort(IMAGE, 5000), bytes(IMAGE)));
    HttpSource.Fetched<byte[]> f = source(3).readAll(server.url("/cut.png"), MAX);
    assertArrayEquals(IMAGE, f.value());
    assertEquals(1, f.retries());
    assertEquals(2, server.requests("/cut.png"));
  }

  @Test
  void aRefusedConnectionIsRetriedThenReadFailed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> source(1).readAll("http://127.0.0.1:" + port + "/a.png", MAX));
    assertEquals(ErrorClass.READ_FAILED, e.errorClass());
    assertEquals(List.of(ms(200)), waits);
  }

  @Test
  void anUnusableUrlIsAnInvalidRequest() {
    for (String url : List.of("http://127.0.0.1:1/a b.png", "http:///a.png", "https://[bad/a.png")) {
      UpscaleException e = assertThrows(UpscaleException.class, () -> source(3).readAll(url, MAX), url);
      assertEquals(ErrorClass.INVALID_REQUEST, e.errorClass(), url);
    }
    assertEquals(List.of(), waits);
  }

  @Test
  void httpsWorksWithATrustedCertificateAndFailsAtOnceWithAnUntrustedOne() throws Exception {
    Path tls = Path.of("target", "tls");
    try (HttpTestServer https = HttpTestServer.startHttps(tls)) {
      https.route("/s.png", bytes(IMAGE));
      HttpSource trusting = new HttpSource(settings(3, Duration.ofSeconds(5), Duration.ofSeconds(60)),
          HttpTestServer.clientContext(tls), waits::add);
      assertArrayEquals(IMAGE, trusting.readAll(https.url("/s.png"), MAX).value());
      UpscaleException e = assertThrows(UpscaleException.class,
          () -> source(3).readAll(https.url("/s.png"), MAX));
      assertEquals(ErrorClass.READ_FAILED, e.errorClass());
      assertTrue(e.getMessage().contains("TLS"), e.getMessage());
      server.route("/plain.png", bytes(IMAGE));
      https.route("/down", redirect(302, server.url("/plain.png")));
      UpscaleException down = assertThrows(UpscaleException.class,
          () -> trusting.readAll(https.url("/down"), MAX));
      assertTrue(down.getMessage().contains("never from https to http"), down.getMessage());
      assertEquals(0, server.requests("/plain.png"));
      assertEquals(List.of(), waits);
    }
  }

  @Test
  void aHeadIsOneRangedGetWithTheTotalLength() throws Exception {
    server.route("/r.png", (ex, n, body) -> {
      assertEquals("bytes=0-999", ex.getRequestHeaders().getFirst("Range"));
      HttpTestServer.ranged(IMAGE).answer(ex, n, body);
    });
    HttpSource.Fetched<HttpSource.Head> f = source(3).readHead(server.url("/r.png"), 1000);
    assertArrayEquals(java.util.Arrays.copyOf(IMAGE, 1000), f.value().bytes());
    assertEquals(IMAGE.length, f.value().length());
    assertEquals(1, server.requests("/r.png"));
  }

  @Test
  void aHeadOfAShortOrEmptyObjectIsAllOfIt() throws Exception {
    byte[] small = java.util.Arrays.copyOf(IMAGE, 300);
    server.route("/small.png", HttpTestServer.ranged(small)).route("/empty.png", HttpTestServer.ranged(new byte[0]));
    HttpSource.Head small1 = source(3).readHead(server.url("/small.png"), 1000).value();
    assertArrayEquals(small, small1.bytes());
    assertEquals(300, small1.length());
    HttpSource.Head empty = source(3).readHead(server.url("/empty.png"), 1000).value();
    assertEquals(0, empty.bytes().length);
    assertEquals(0, empty.length(), "416 to bytes=0-: an empty object");
  }

  @Test
  void aServerThatIgnoresRangesSendsItAllButOnlyTheHeadIsRead() throws Exception {
    long total = 64L << 20;
    server.route("/whole.png", HttpTestServer.declared(total)).route("/chunks.png", endless(total));
    HttpSource.Head declared = source(3).readHead(server.url("/whole.png"), 1000).value();
    assertEquals(1000, declared.bytes().length);
    assertEquals(total, declared.length(), "from Content-Length");
    HttpSource.Head chunked = source(3).readHead(server.url("/chunks.png"), 1000).value();
    assertEquals(1000, chunked.bytes().length);
    assertEquals(1001, chunked.length(), "unknown: more than the head");
    assertFalse(server.completed("/whole.png"));
    assertFalse(server.completed("/chunks.png"));
  }

  @Test
  void onlyHttpAndHttpsAreHandledHere() {
    assertTrue(HttpSource.handles("http://a/b.png"));
    assertTrue(HttpSource.handles("HTTPS://a/b.png"));
    assertFalse(HttpSource.handles("s3a://bucket/b.png"));
    assertFalse(HttpSource.handles("/data/http/b.png"));
    assertFalse(HttpSource.handles(null));
  }

  private UpscaleException failure(String path, HttpSource source) {
    return assertThrows(UpscaleException.class, () -> source.readAll(server.url(path), MAX));
  }

  private HttpSource source(int retries) {
    return source(retries, Duration.ofSeconds(10));
  }

  /** A source whose waits are recorded in {@link #waits}, not slept. */
  private HttpSource source(int retries, Duration readTimeout) {
    return new HttpSource(settings(retries, readTimeout, Duration.ofSeconds(60)), null, waits::add);
  }

  private static HttpSettings settings(int retries, Duration read, Duration maxWait) {
    return settings(retries, read, maxWait, 5);
  }

  private static HttpSettings settings(int retries, Duration read, Duration maxWait, int redirects) {
    return new HttpSettings(Duration.ofSeconds(5), read, redirects, maxWait, retries);
  }

  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }
}
