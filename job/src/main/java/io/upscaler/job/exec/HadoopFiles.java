package io.upscaler.job.exec;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.source.CappedBody;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
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
import org.apache.hadoop.fs.RawLocalFileSystem;
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
 * renamed over any old file in one step (see {@link #write}). Thread-safe (FileSystem instances are).
 *
 * <p>Interrupts: a call on an interrupted thread (a killed task attempt, a pipeline shutting down)
 * is never retried and never reports success for a write it can't vouch for; the thread's
 * interrupt status is set again when a library consumed it on the way.
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
  /** {@link WholeReads#s3aSettings} of {@code conf}, made on the first S3A read. */
  private volatile String s3aSettings;

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
          FileSystem fs = WholeReads.isS3a(p) ? WholeReads.s3aReader(p, conf, s3aSettings()) : fs(p);
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

  /**
   * Writes {@code bytes} to {@code uri}, replacing any existing object (one PUT on S3A); returns
   * retries used. If the thread is interrupted by the time the bytes are closed, this throws ({@code WRITE_FAILED},
   * caused by an {@link InterruptedIOException}) instead of returning: S3A's {@code close()} logs
   * an interrupted upload and returns as if it had completed, and a caller that journals the
   * output would then claim an object that may not be there. A local file is then not renamed
   * into place, so the old one stays. An existing file is replaced atomically: it is never absent
   * while the new one is written.
   */
  public int write(String uri, byte[] bytes) throws UpscaleException {
    return withRetries(uri, "write", () -> {
      Path p = path(uri);
      FileSystem fs = fs(p);
      if (OBJECT_STORES.contains(scheme(fs))) {
        // An interrupted thread starts no upload: with no check before it, S3A's PUT runs on its
        // own pool and close() stops waiting on an interrupt, so the object could appear after
        // this call failed.
        failIfInterrupted(uri);
        FSDataOutputStreamBuilder<?, ?> create = fs.createFile(p).overwrite(true).recursive();
        create.opt(CREATE_PERFORMANCE, true);
        try (OutputStream out = create.build()) {
          out.write(bytes);
        }
        failIfInterrupted(uri);
        return null;
      }
      // A child built from a bare string would read "colon:name" as a scheme; this form can't.
      Path tmp = new Path(p.getParent(), new Path(null, null, "." + p.getName() + ".tmp-" + UUID.randomUUID()));
      try {
        try (OutputStream out = fs.create(tmp, false)) {
          out.write(bytes);
        }
        failIfInterrupted(uri);
        replace(fs, tmp, p);
      } finally {
        fs.delete(tmp, false);
      }
      return null;
    }).retries;
  }

  private String s3aSettings() {
    String settings = s3aSettings;
    if (settings == null) {
      settings = WholeReads.s3aSettings(conf);
      s3aSettings = settings;
    }
    return settings;
  }

  /**
   * Renames {@code tmp} over {@code target} in one step, so a reader of {@code target} always finds
   * either its old or its new complete bytes and never no file (no delete-then-rename). Local: the
   * JDK's atomic move, one POSIX rename(2). Other file systems: {@link FileContext#rename} with
   * {@link Options.Rename#OVERWRITE}, one NameNode operation on HDFS (FileSystem's generic rename
   * with OVERWRITE deletes the target first, so it is not used for local files).
   */
  private static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
    if (fs instanceof RawLocalFileSystem local) {
      Files.move(local.pathToFile(tmp).toPath(), local.pathToFile(target).toPath(),
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
  }

  private static void failIfInterrupted(String uri) throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while writing " + uri + "; the write may not have completed");
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
        if (interrupted(e)) {
          Thread.currentThread().interrupt();
          throw failure;
        }
        if (!failure.errorClass().isTransient() || attempt >= retries) {
          throw failure;
        }
        long sleep = BACKOFF_MS << Math.min(attempt, 6);
        LOG.warn("{} of {} failed (attempt {}), retrying in {} ms: {}", verb, uri, attempt + 1, sleep, e.toString());
        sleepQuietly(sleep, failure);
      }
    }
  }

  /**
   * Whether a failure comes from an interrupt: the thread's status is set, or a library turned
   * the interrupt into an exception and cleared the status on the way (the AWS SDK aborts a
   * request on an interrupted thread; S3A reports that as a plain {@link InterruptedIOException},
   * and a timeout as its subclass {@link java.net.SocketTimeoutException}, which is retried).
   */
  static boolean interrupted(Exception e) {
    return Thread.currentThread().isInterrupted() || e.getClass() == InterruptedIOException.class
        || e instanceof ClosedByInterruptException;
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

  /** Waits before a retry; interrupted, gives up with the failure it was to retry. */
  private static void sleepQuietly(long ms, UpscaleException failure) throws UpscaleException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  private static final class BadUri extends IOException {
    private static final long serialVersionUID = 1L;

    BadUri(String uri, String why) {
      super("invalid URI '" + uri + "': " + why);
    }
  }
}
