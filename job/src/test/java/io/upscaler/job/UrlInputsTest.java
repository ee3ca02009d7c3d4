package io.upscaler.job;

import static io.upscaler.job.JobHarness.imageBytes;
import static io.upscaler.job.JobHarness.read;
import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.stats;
import static io.upscaler.job.testing.HttpTestServer.bytes;
import static io.upscaler.job.testing.HttpTestServer.chunked;
import static io.upscaler.job.testing.HttpTestServer.cutShort;
import static io.upscaler.job.testing.HttpTestServer.declared;
import static io.upscaler.job.testing.HttpTestServer.endless;
import static io.upscaler.job.testing.HttpTestServer.firstThen;
import static io.upscaler.job.testing.HttpTestServer.ranged;
import static io.upscaler.job.testing.HttpTestServer.redirect;
import static io.upscaler.job.testing.HttpTestServer.silent;
import static io.upscaler.job.testing.HttpTestServer.stallAfter;
import static io.upscaler.job.testing.HttpTestServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.testing.HttpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image URLs in a manifest, end to end on the shared local session against a real HTTP server on
 * 127.0.0.1: every manifest row ends as exactly one statistics row with its exact status and error
 * class, every OK image is written at the right size, and every URL is fetched exactly as often
 * as its answer calls for (once, unless a retry was due).
 */
class UrlInputsTest {
  /** Over --max-input-bytes below, far over the test images (~1 KB). */
  private static final long MAX_BYTES = 100_000;

  @TempDir Path dir;
  private HttpTestServer server;
  private byte[] jpg;
  private byte[] png;

  @BeforeEach
  void start() throws Exception {
    jpg = imageBytes(8, 6, "jpg");
    png = imageBytes(6, 4, "png");
    server = HttpTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aManifestOfUrlsGivesOneRowPerUrlWithItsExactOutcome() throws Exception {
    server.route("/img/a.jpg", bytes(jpg))
        .route("/img/b.png", bytes(png))
        .route("/missing.jpg", status(404))
        .route("/gone.png", status(410))
        .route("/secret.jpg", status(403))
        .route("/login.png", status(401))
        .route("/flaky.png", firstThen(1, status(503, "Retry-After", "0"), bytes(png)))
        .route("/hop0.png", redirect(302, "/hop1.png"))
        .route("/hop1.png", redirect(301, server.url("/hop2.png")))
        .route("/hop2.png", redirect(307, "img/final.png"))
        .route("/img/final.png", bytes(png))
        .route("/chunked.png", chunked(png, 100))
        .route("/big-chunked.png", endless(1 << 20))
        .route("/big-declared.png", declared(1 << 20))
        .route("/stall.png", stallAfter(png, 10))
        .route("/silent.png", silent())
        .route("/cut.png", cutShort(png, 10))
        .route("/throttled.png", status(429, "Retry-After", "0"));
    for (int i = 0; i < 4; i++) {
      server.route("/far" + i + ".png", redirect(302, "/far" + (i + 1) + ".png"));
    }
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("/img/a.jpg", "OK");
    expected.put("/img/b.png?w=1&sig=a%2Fb", "OK");
    expected.put("/missing.jpg", "NOT_FOUND");
    expected.put("/gone.png", "NOT_FOUND");
    expected.put("/secret.jpg", "ACCESS_DENIED");
    expected.put("/login.png", "ACCESS_DENIED");
    expected.put("/flaky.png", "OK");
    expected.put("/hop0.png", "OK");
    expected.put("/far0.png", "READ_FAILED");
    expected.put("/chunked.png", "OK");
    expected.put("/big-chunked.png", "TOO_MANY_BYTES");
    expected.put("/big-declared.png", "TOO_MANY_BYTES");
    expected.put("/stall.png", "READ_FAILED");
    expected.put("/silent.png", "READ_FAILED");
    expected.put("/cut.png", "READ_FAILED");
    expected.put("/throttled.png", "READ_FAILED");
    Path manifest = dir.resolve("urls.csv");
    StringBuilder csv = new StringBuilder("uri,sku\n");
    expected.keySet().forEach(p -> csv.append('"').append(server.url(p)).append("\",").append(p.length()).append('\n'));
    Files.writeString(manifest, csv);
    Path out = dir.resolve("out");

    // A 2 s read timeout: the stalled rows cost 2 x 2 s each, and a loaded CI machine can't make
    // a healthy loopback answer that late (a retry there would break the exact request counts).
    JobHarness.Run r = run("--input", manifest.toString(), "--output", out.toString(),
        "--retries", "1", "--http-read-timeout", "2", "--http-max-redirects", "3",
        "--max-input-bytes", Long.toString(MAX_BYTES), "--max-failure-ratio", "1");

    assertEquals(0, r.exitCode(), r.err());
    Map<String, Row> rows = rowsById(out);
    assertEquals(expected.size(), rows.size(), "one row per manifest row, ids distinct");
    Map<String, String> outcome = new TreeMap<>();
    for (Row row : rows.values()) {
      outcome.put(text(row, "source").replace(server.url(""), ""),
          text(row, "status").equals("OK") ? "OK" : text(row, "error_class"));
    }
    assertEquals(new TreeMap<>(expected), outcome);

    // Default ids: the URL's path without query or extension.
    assertOutput(out, rows.get("img/a"), "jpg", 16, 12);
    assertOutput(out, rows.get("img/b"), "png", 12, 8);
    assertOutput(out, rows.get("flaky"), "png", 12, 8);
    assertOutput(out, rows.get("hop0"), "png", 12, 8);
    assertOutput(out, rows.get("chunked"), "png", 12, 8);
    assertEquals(png.length, rows.get("chunked").getLong(rows.get("chunked").fieldIndex("input_bytes")));
    assertEquals(String.valueOf("/img/b.png?w=1&sig=a%2Fb".length()), text(rows.get("img/b"), "sku"));

    // Requests: once per OK or permanently failing URL; the retry the answer called for, no more.
    for (String once : List.of("/img/a.jpg", "/img/b.png?w=1&sig=a%2Fb", "/missing.jpg", "/gone.png",
        "/secret.jpg", "/login.png", "/hop0.png", "/hop1.png", "/hop2.png", "/img/final.png",
        "/chunked.png", "/big-chunked.png", "/big-declared.png", "/far0.png", "/far1.png",
        "/far2.png", "/far3.png")) {
      assertEquals(1, server.requests(once), once);
    }
    assertEquals(0, server.requests("/far4.png"), "the redirect past --http-max-redirects is not followed");
    for (String twice : List.of("/flaky.png", "/stall.png", "/silent.png", "/cut.png", "/throttled.png")) {
      assertEquals(2, server.requests(twice), twice + ": one attempt and --retries 1");
      Row row = rows.get(twice.substring(1, twice.indexOf('.')));
      assertEquals(1, row.getInt(row.fieldIndex("retries")), twice + ": the retry is counted, OK or not");
    }
    assertEquals(0, rows.get("img/a").getInt(rows.get("img/a").fieldIndex("retries")));
    assertEquals(0, rows.get("missing").getInt(rows.get("missing").fieldIndex("retries")));

    assertMessage(rows.get("missing"), "HTTP 404");
    assertMessage(rows.get("secret"), "HTTP 403");
    assertMessage(rows.get("far0"), "http-max-redirects");
    assertMessage(rows.get("big-chunked"), "max-input-bytes");
    assertMessage(rows.get("big-declared"), "Content-Length");
    assertMessage(rows.get("stall"), "read timeout");
    assertMessage(rows.get("silent"), "timed out");
    assertMessage(rows.get("throttled"), "HTTP 429");
  }

  @Test
  void anImageUrlAsInputIsOneRowNamedByItsPathAndFetchedOnce() throws Exception {
    server.route("/photos/cat.jpg", chunked(jpg, 64));
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", server.url("/photos/cat.jpg?size=large"), "--output", out.toString());

    assertEquals(0, r.exitCode(), r.err());
    Map<String, Row> rows = rowsById(out);
    assertEquals(List.of("photos/cat"), List.copyOf(rows.keySet()));
    assertOutput(out, rows.get("photos/cat"), "jpg", 16, 12);
    assertEquals(1, server.requests("/photos/cat.jpg?size=large"));
  }

  @Test
  void aDryRunProbesEachUrlWithOneRangedGet() throws Exception {
    List<String> ranges = new CopyOnWriteArrayList<>();
    server.route("/ranged.jpg", (ex, n, body) -> {
      ranges.add(String.valueOf(ex.getRequestHeaders().getFirst("Range")));
      ranged(jpg).answer(ex, n, body);
    }).route("/whole.png", bytes(png)).route("/missing.png", status(404));
    Path manifest = dir.resolve("urls.csv");
    Files.writeString(manifest, "uri\n" + server.url("/ranged.jpg") + "\n" + server.url("/whole.png")
        + "\n" + server.url("/missing.png") + "\n");
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", manifest.toString(), "--output", out.toString(), "--dry-run");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("rows 3: 2 to process, 0 skipped"), r.out());
    assertTrue(r.out().contains("1 failing at planning"), r.out());
    assertEquals(List.of("bytes=0-262143"), ranges);
    assertEquals(1, server.requests("/whole.png"));
    assertEquals(1, server.requests("/missing.png"));
    assertTrue(Files.notExists(out), "a dry run of a local manifest writes nothing");
  }

  /** Every statistics row under {@code out}, by id (one collect: each query is a Spark job). */
  private static Map<String, Row> rowsById(Path out) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row row : stats(out).collectAsList()) {
      assertEquals(null, rows.put(text(row, "id"), row), "id " + text(row, "id") + " twice");
    }
    return rows;
  }

  private static String text(Row row, String column) {
    return row.getString(row.fieldIndex(column));
  }

  private static void assertOutput(Path out, Row row, String ext, int width, int height) throws Exception {
    String id = text(row, "id");
    assertEquals("OK", text(row, "status"), id);
    Path file = out.resolve("images").resolve(id + "." + ext);
    assertEquals(file.toString(), text(row, "output_uri"), id);
    assertEquals(width, read(file).getWidth(), id);
    assertEquals(height, read(file).getHeight(), id);
  }

  private static void assertMessage(Row row, String part) {
    String message = text(row, "error_message");
    assertTrue(message != null && message.contains(part), text(row, "id") + ": " + message);
  }
}
