package io.upscaler.job.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The real local file system under the scheme {@code faulty:///}, injecting one fault chosen by
 * Hadoop settings, for tests of how the statistics commit survives failures (register it with
 * {@code fs.faulty.impl}; a Spark job reaches it with {@code --conf spark.hadoop.fs.faulty.impl=...}):
 *
 * <ul>
 *   <li>{@code faulty.fail-first-stats-file=true}: the first Parquet file written under a {@code
 *       /stats/} folder fails when it is closed (after all its bytes were written), once per JVM, as
 *       a disk or network failing under a task would;
 *   <li>{@code faulty.slow-first-stats-file-ms=N}: the first Parquet file written under a {@code
 *       /stats/} folder by any JVM sharing {@code faulty.marks} (the first to create the mark {@code
 *       slowed}) takes N ms longer to close, a straggler for speculation to copy;
 *   <li>{@code faulty.stall-job-commit=true}: the job commit's first move of a committed task's
 *       output (a rename out of {@code _temporary/0/task_...}) stalls for ten minutes, so a test can
 *       kill the JVM between the task commits and the job commit.
 * </ul>
 *
 * <p>Each injected fault is recorded as a file in the folder {@code faulty.marks} ({@code failed-1},
 * {@code stalled-1}), so a test in another JVM can assert it happened exactly once.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "faulty";
  private static final URI URI_ = URI.create(SCHEME + ":///");
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static final AtomicBoolean STALLED = new AtomicBoolean();

  private boolean failFirstStatsFile;
  private boolean stallJobCommit;
  private long slowFirstStatsFileMillis;
  private String marks;

  /** The Hadoop settings that make a Spark job use this file system with the given faults. */
  public static java.util.Map<String, String> sparkConf(java.nio.file.Path marks, boolean failFirstStatsFile,
      boolean stallJobCommit) {
    return java.util.Map.of("spark.hadoop.fs." + SCHEME + ".impl", FaultyFileSystem.class.getName(),
        "spark.hadoop.faulty.marks", marks.toString(),
        "spark.hadoop.faulty.fail-first-stats-file", Boolean.toString(failFirstStatsFile),
        "spark.hadoop.faulty.stall-job-commit", Boolean.toString(stallJobCommit));
  }

  /** {@code faulty://} plus the absolute local path. */
  public static String uri(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    failFirstStatsFile = conf.getBoolean("faulty.fail-first-stats-file", false);
    stallJobCommit = conf.getBoolean("faulty.stall-job-commit", false);
    slowFirstStatsFileMillis = conf.getLong("faulty.slow-first-stats-file-ms", 0);
    marks = conf.get("faulty.marks");
  }

  @Override
  public URI getUri() {
    return URI_;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
      throws IOException {
    OutputStream out = super.createOutputStreamWithMode(f, append, permission);
    String p = f.toUri().getPath();
    if (!(failFirstStatsFile || slowFirstStatsFileMillis > 0) || !p.contains("/stats/") || !p.endsWith(".parquet")) {
      return out;
    }
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        super.close();
        if (slowFirstStatsFileMillis > 0 && claim("slowed")) {
          pause(slowFirstStatsFileMillis);
        }
        if (failFirstStatsFile && FAILED.compareAndSet(false, true)) {
          mark("failed-1");
          throw new IOException("injected failure closing " + f);
        }
      }
    };
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (stallJobCommit && src.toUri().getPath().contains("/_temporary/0/task_")
        && STALLED.compareAndSet(false, true)) {
      mark("stalled-1");
      pause(600_000);
    }
    return super.rename(src, dst);
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while paused by an injected fault");
    }
  }

  /** True for the one caller, of any JVM, that creates the mark {@code name}. */
  private boolean claim(String name) throws IOException {
    try {
      mark(name);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  private void mark(String name) throws IOException {
    Files.createDirectories(Paths.get(marks));
    Files.createFile(Paths.get(marks, name));
  }
}
