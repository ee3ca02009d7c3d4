package io.upscaler.job.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for tests that look at rendered pages: Debian's {@code chromium} package (or
 * the browser named by the environment variable {@code UPSCALER_CHROMIUM}), run once per call
 * with a new empty profile under {@code target/}, no network services, no GPU and a bounded
 * wait; the process and its children are stopped by PID when the call ends.
 *
 * <p>{@link #require()} skips the calling test, with a message saying how to install it, where
 * there is none; {@code .ci/run} installs it so CI always renders.
 */
public final class Chromium {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--hide-scrollbars", "--force-device-scale-factor=1");

  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The browser, or the calling test is skipped (with how to install it). */
  public static Chromium require() {
    Optional<Path> binary = find();
    Assumptions.assumeTrue(binary.isPresent(),
        "Chromium not found (looked for $UPSCALER_CHROMIUM, chromium, chromium-browser, google-chrome"
            + " on PATH): skipping the rendering check. Install it with 'apt-get install -y chromium'"
            + " (.ci/run does).");
    Path work = Path.of("target", "chromium").toAbsolutePath();
    return new Chromium(binary.get(), work);
  }

  static Optional<Path> find() {
    String named = System.getenv("UPSCALER_CHROMIUM");
    if (named != null && !named.isBlank()) {
      Path p = Path.of(named);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The page's DOM after it loaded and its scripts ran, in a window of the given size. */
  public String dumpDom(Path page, int width, int height) {
    Path out = run("dom", List.of("--dump-dom", "--window-size=" + width + "," + height,
        page.toUri().toString()));
    try {
      return Files.readString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG of the page in a window of {@code width} x {@code height} CSS pixels (1 pixel each). */
  public Path screenshot(Path page, int width, int height) {
    Path png = work.resolve("shot-" + RUNS.incrementAndGet() + ".png");
    run("shot", List.of("--screenshot=" + png, "--window-size=" + width + "," + height,
        page.toUri().toString()));
    if (!Files.isRegularFile(png)) {
      throw new AssertionError("Chromium wrote no screenshot " + png);
    }
    return png;
  }

  /** Runs the browser once; returns the file holding its standard output. */
  private Path run(String what, List<String> args) {
    Path dir = work.resolve(what + "-" + RUNS.incrementAndGet());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + dir.resolve("profile"));
    command.addAll(args);
    Path stdout = dir.resolve("stdout.txt");
    try (ChildProcess browser = ChildProcess.start("chromium", command, Map.of(), dir, stdout,
        dir.resolve("stderr.txt"))) {
      Integer code = browser.awaitExit(TIMEOUT);
      if (code == null || code != 0) {
        throw new AssertionError("Chromium " + (code == null ? "timed out after " + TIMEOUT : "exited with " + code)
            + ": " + String.join(" ", command) + browser.tail(30));
      }
    }
    return stdout;
  }
}
