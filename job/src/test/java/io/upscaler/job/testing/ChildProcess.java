package io.upscaler.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the tests started (a JVM running s3proxy, a Spark master, worker or driver), with its
 * output in log files and only bounded waits. {@link #close()} stops it and every process it started
 * (a worker's executors), by PID. A JVM shutdown hook stops whatever is still running when the test
 * JVM exits. Should the test JVM be killed outright (no hooks run), its children are left running;
 * each child is recorded in {@code target/e2e/pids/}, and the next test JVM to start a child stops
 * those whose owner is gone (matching PID and start time, so a reused PID is never hit).
 *
 * <p>Thread-safe for the waits and {@link #close()}; one owner starts and closes it.
 */
final class ChildProcess implements AutoCloseable {
  private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 100;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::killAllRunning, "child-reaper"));
    PidFiles.stopOrphans();
  }

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code command} in {@code dir} with {@code env} added to this JVM's environment. Output goes
   * to {@code stdout}; error output to {@code stderr}, or into {@code stdout} when they are the same.
   */
  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path dir,
      Path stdout, Path stderr) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectOutput(stdout.toFile());
    if (stdout.equals(stderr)) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(stderr.toFile());
    }
    try {
      Files.createDirectories(stdout.getParent());
      ChildProcess child = new ChildProcess(name, builder.start(), stdout, stderr);
      RUNNING.add(child);
      PidFiles.record(child.process.toHandle());
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /** The java executable of this JVM; children run on the same Java as the tests. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  Path stdout() {
    return stdout;
  }

  Path stderr() {
    return stderr;
  }

  /** The tail of the output, for failure messages. */
  String tail(int lines) {
    String out = Logs.section(name + " output", stdout, lines);
    return stdout.equals(stderr) ? out : out + Logs.section(name + " errors", stderr, lines);
  }

  /**
   * Waits until a line of the output matches {@code pattern} and returns the match. Fails, with the
   * tail of the output, if the process exits first or {@code timeout} passes.
   */
  Matcher awaitOutput(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher matcher = pattern.matcher(Logs.read(stdout) + Logs.read(stderr));
      if (matcher.find()) {
        return matcher;
      }
      checkAliveBefore(deadline, "output matching /" + pattern + "/");
    }
  }

  /** Waits until {@code host:port} accepts connections; fails like {@link #awaitOutput}. */
  void awaitPort(String host, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException notYet) {
        checkAliveBefore(deadline, "port " + host + ":" + port);
      }
    }
  }

  /** Waits for the process to exit and returns its exit code, or null when {@code timeout} passes. */
  Integer awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + name, e);
    }
  }

  /** Stops the process and its descendants: TERM, up to 10 s to exit, then KILL. Idempotent. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(0, process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle handle : tree) {
      awaitGone(handle, deadline);
    }
    RUNNING.remove(this);
    PidFiles.forget(process.toHandle());
  }

  private static void awaitGone(ProcessHandle handle, long deadline) {
    try {
      long left = Math.max(1, deadline - System.nanoTime());
      handle.onExit().get(left, TimeUnit.NANOSECONDS);
    } catch (Exception stillRunning) {
      handle.destroyForcibly();
    }
  }

  private void checkAliveBefore(long deadline, String what) {
    if (!process.isAlive()) {
      throw new AssertionError(name + " (pid " + pid() + ") exited with code "
          + process.exitValue() + " while waiting for " + what + tail(60));
    }
    if (System.nanoTime() > deadline) {
      throw new AssertionError("timed out waiting for " + what + " from " + name + " (pid "
          + pid() + ")" + tail(60));
    }
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
  }

  private static void killAllRunning() {
    for (ChildProcess child : RUNNING) {
      child.process.descendants().forEach(ProcessHandle::destroyForcibly);
      child.process.destroyForcibly();
    }
  }
}
