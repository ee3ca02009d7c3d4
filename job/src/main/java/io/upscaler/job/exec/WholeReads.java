package io.upscaler.job.exec;

import static org.apache.hadoop.fs.Options.OpenFileOptions.FS_OPTION_OPENFILE_LENGTH;
import static org.apache.hadoop.fs.Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY;
import static org.apache.hadoop.fs.Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY_WHOLE_FILE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * Opens objects that are read whole, in as few requests as the store allows: {@code openFile()}
 * with the whole-file read policy and a declared length, so S3A sends no HEAD and its single GET
 * asks for bytes {@code 0..length-1} (Hadoop 3.3.5 and later; older releases ignore the options
 * and send a HEAD first).
 *
 * <p>An empty object answers that ranged GET with 416, which S3A turns into end-of-file, but only
 * after retrying it {@code fs.s3a.retry.limit} times with backoff (up to a minute at the
 * defaults). S3A reads therefore go through a second S3A instance per bucket and S3A settings
 * whose retry limit is 0: an empty object is one GET. Transient failures are still retried, by
 * the AWS SDK ({@code fs.s3a.attempts.maximum}) and by {@link HadoopFiles}' own bounded retries.
 * These instances live as long as the JVM, one per bucket and settings (a handful), and are
 * closed by Hadoop's shutdown hook with its other file systems.
 */
final class WholeReads {
  private static final ConcurrentMap<String, FileSystem> S3A_READERS = new ConcurrentHashMap<>();

  private WholeReads() {}

  /** Opens {@code p} on {@code fs} to read at most {@code lengthHint} bytes from its start. */
  static FSDataInputStream open(FileSystem fs, Path p, long lengthHint) throws IOException {
    return FutureIO.awaitFuture(fs.openFile(p)
        .opt(FS_OPTION_OPENFILE_READ_POLICY, FS_OPTION_OPENFILE_READ_POLICY_WHOLE_FILE)
        .opt(FS_OPTION_OPENFILE_LENGTH, Long.toString(lengthHint))
        .build());
  }

  /** Whether {@code p} is read through {@link #s3aReader}. */
  static boolean isS3a(Path p) {
    String scheme = p.toUri().getScheme();
    return scheme != null && scheme.toLowerCase(Locale.ROOT).equals("s3a");
  }

  /**
   * What identifies {@code conf}'s S3A settings among the readers: walks every property, so
   * callers compute it once per configuration, not per read.
   */
  static String s3aSettings(Configuration conf) {
    return new TreeMap<>(conf.getPropsWithPrefix("fs.s3a.")).toString();
  }

  /**
   * The JVM's S3A instance for reads of {@code p}'s bucket under {@code conf}'s S3A settings
   * ({@code settings} = {@link #s3aSettings}{@code (conf)}).
   */
  static FileSystem s3aReader(Path p, Configuration conf, String settings) throws IOException {
    String key = p.toUri().getAuthority() + " " + settings;
    try {
      return S3A_READERS.computeIfAbsent(key, k -> {
        Configuration noRetry = new Configuration(conf);
        noRetry.setInt("fs.s3a.retry.limit", 0);
        try {
          return FileSystem.newInstance(p.toUri(), noRetry);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
