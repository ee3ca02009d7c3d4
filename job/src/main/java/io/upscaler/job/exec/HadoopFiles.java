package io.upscaler.job.exec;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.source.CappedBody;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.functional.FutureIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes through the Hadoop FileSystem API (any scheme: file, hdfs, s3a, ...), turning
 * failures into per-image error classes and retrying the transient ones a bounded number of times
 * with exponential backoff.
 *
 * <p>Requests: on S3A a read is one GET and a write one PUT. A read asks for the whole object with
 * {@code openFile()} ({@link WholeReads}), declaring a length of {@code maxBytes + 1} so that no
 * HEAD precedes the GET and no more than that is transferred; the byte limit is judged on the
 * bytes read, a 404 is NOT_FOUND and a 403 ACCESS_DENIED. A write uses {@code createFile()} with
 * S3A's {@code fs.s3a.create.performance}: no existence or directory checks, no parent-marker
 * deletes (Hadoop 3.3.5 and later; older releases ignore the option and check as before).
 *
 * <p>Writes are atomic for readers: on object stores the object appears only when its single
 * upload completes; elsewhere the bytes go to a hidden temporary name in the same folder and are
 * renamed over the target (one atomic rename on local disks and HDFS). Thread-safe (FileSystem
 * instances are).
 */
public final class HadoopFiles {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopFiles.class);
  private static final Set<String> OBJECT_STORES =
      Set.of("s3a", "s3", "s3n", "gs", "oss", "cos", "cosn", "obs", "wasb", "wasbs");
  private static final long BACKOFF_MS = 200;
  /** S3A's createFile() option (Hadoop 3.3.5+): create without existence or directory checks. */
  static final String CREATE_PERFORMANCE = "fs.s3a.create.performance";

  private final Configuration conf;
  private final int retries;

  public HadoopFiles(Configuration conf, int retries) {
    this.conf = conf;
    this.retries = retries;
  }

  /** What a read returned and how many retries it took. */
  public record Read(byte[] bytes, long length, int retries) {}

  /**
   * Reads a whole object of at most {@code maxBytes} bytes: one GET on object stores, asking for
   * at most {@code maxBytes + 1} bytes; an object found longer than {@code maxBytes} is refused
   * (TOO_MANY_BYTES) after those bytes, without its length being known.
   */
  public Read readAll(String uri, long maxBytes) throws UpscaleException {
    Attempt<byte[]> a =
        withRetries(uri, "read", () -> {
          Path p = path(uri);
          FileSystem fs = WholeReads.isS3a(p) ? WholeReads.s3aReader(p, conf) : fs(p);
          try (FSDataInputStream in = WholeReads.open(fs, p, maxBytes + 1)) {
            return CappedBody.read(uri, in, -1, maxBytes);
          }
        });
    return new Read(a.value, a.value.length, a.retries);
  }

  /** The first {@code n} bytes (fewer if the object is shorter) and the object's length. */
  public Read readPrefix(String uri, int n) throws UpscaleException {
    Attempt<Prefix> a =
        withRetries(uri, "read", () -> {
          Path p = path(uri);
          FileSystem fs = fs(p);
          FileStatus status = fileStatus(fs, p, uri);
          return new Prefix(readFully(fs, status, (int) Math.min(n, status.getLen())), status.getLen());
        });
    return new Read(a.value.bytes(), a.value.length(), a.retries);
  }

  private record Prefix(byte[] bytes, long length) {}

  /** Writes {@code bytes} to {@code uri}, replacing any existing object; returns retries used. */
  public int write(String uri, byte[] bytes) throws UpscaleException {
    return withRetries(uri, "write", () -> {
      Path p = path(uri);
      FileSystem fs = fs(p);
      if (OBJECT_STORES.contains(scheme(fs))) {
        FSDataOutputStreamBuilder<?, ?> create = fs.createFile(p).overwrite(true).recursive();
        create.opt(CREATE_PERFORMANCE, true);
        try (OutputStream out = create.build()) {
          out.write(bytes);
        }
        return null;
      }
      writeAndRename(fs, p, bytes);
      return null;
    }).retries;
  }

  /**
   * Writes a hidden temporary file beside {@code p} and renames it over {@code p}. A local file
   * system's rename replaces the target atomically; HDFS refuses to, so there the rename is
   * FileContext's with OVERWRITE, atomic in the NameNode.
   */
  private void writeAndRename(FileSystem fs, Path p, byte[] bytes) throws IOException {
    // A child built from a bare string would read "colon:name" as a scheme; this form can't.
    Path tmp = new Path(p.getParent(), new Path(null, null, "." + p.getName() + ".tmp-" + UUID.randomUUID()));
    boolean renamed = false;
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      renamed = fs.rename(tmp, p);
      if (!renamed) {
        FileContext.getFileContext(fs.getUri(), conf).rename(tmp, p, Options.Rename.OVERWRITE);
        renamed = true;
      }
    } finally {
      if (!renamed) {
        fs.delete(tmp, false);
      }
    }
  }

  /** The status of a file; a directory is "not found" as far as reading an image goes. */
  private static FileStatus fileStatus(FileSystem fs, Path p, String uri) throws IOException {
    FileStatus status = fs.getFileStatus(p);
    if (status.isDirectory()) {
      throw new FileNotFoundException(uri + " is a directory, not a file");
    }
    return status;
  }

  /** Reads the first {@code length} bytes, opening with the status already known (no second HEAD). */
  private static byte[] readFully(FileSystem fs, FileStatus status, int length) throws IOException {
    byte[] data = new byte[length];
    try (FSDataInputStream in = FutureIO.awaitFuture(fs.openFile(status.getPath()).withFileStatus(status).build())) {
      in.readFully(0, data);
    }
    return data;
  }

  /**
   * The file system of a path; Hadoop's checksummed local file system is unwrapped to its raw
   * one, so outputs don't get ".crc" sidecar files and inputs aren't checked against stale ones.
   */
  private FileSystem fs(Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  private static String scheme(FileSystem fs) {
    return fs.getUri().getScheme() == null ? "" : fs.getUri().getScheme().toLowerCase(Locale.ROOT);
  }

  static Path path(String uri) throws IOException {
    try {
      return new Path(uri);
    } catch (IllegalArgumentException e) {
      throw new BadUri(uri, e.getMessage());
    }
  }

  @FunctionalInterface
  private interface IoCall<T> {
    /** An {@link UpscaleException} thrown here is final (not retried). */
    T call() throws IOException, UpscaleException;
  }

  private record Attempt<T>(T value, int retries) {}

  private <T> Attempt<T> withRetries(String uri, String verb, IoCall<T> call)
      throws UpscaleException {
    for (int attempt = 0; ; attempt++) {
      try {
        return new Attempt<>(call.call(), attempt);
      } catch (IOException | RuntimeException e) {
        UpscaleException failure = classify(uri, verb, e);
        if (!failure.errorClass().isTransient() || attempt >= retries) {
          throw failure;
        }
        long sleep = BACKOFF_MS << Math.min(attempt, 6);
        LOG.warn("{} of {} failed (attempt {}), retrying in {} ms: {}", verb, uri, attempt + 1, sleep, e.toString());
        sleepQuietly(sleep);
      }
    }
  }

  static UpscaleException classify(String uri, String verb, Exception e) {
    if (e instanceof BadUri || e instanceof UnsupportedFileSystemException
        || e instanceof IllegalArgumentException) {
      return new UpscaleException(ErrorClass.INVALID_REQUEST, "cannot use '" + uri + "': " + e.getMessage(), e);
    }
    if (e instanceof FileNotFoundException && verb.equals("read")) {
      return new UpscaleException(ErrorClass.NOT_FOUND, "not found: " + uri, e);
    }
    if (e instanceof AccessDeniedException || e instanceof AccessControlException) {
      return new UpscaleException(ErrorClass.ACCESS_DENIED, "access denied to " + verb + " " + uri + ": " + e.getMessage(), e);
    }
    ErrorClass kind = verb.equals("read") ? ErrorClass.READ_FAILED : ErrorClass.WRITE_FAILED;
    return new UpscaleException(kind, verb + " of " + uri + " failed: " + e, e);
  }

  private static void sleepQuietly(long ms) throws UpscaleException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpscaleException(ErrorClass.INTERNAL, "interrupted while waiting to retry");
    }
  }

  private static final class BadUri extends IOException {
    private static final long serialVersionUID = 1L;

    BadUri(String uri, String why) {
      super("invalid URI '" + uri + "': " + why);
    }
  }
}
