package io.upscaler.job.exec;

import io.upscaler.core.UpscaleException;
import io.upscaler.job.source.HttpSettings;

/**
 * Where a task reads a row's image from its URI: the one seam of every image read, in the work
 * and in a dry run's probe (inline content needs none). {@link #routed} gives the job's reader,
 * which routes by scheme: {@code http(s)://} through the JVM's shared HTTP client, everything else
 * through Hadoop's FileSystem API.
 *
 * <p>Implementations are thread-safe: a task's reader threads share one.
 */
public interface SourceReader {
  /**
   * The whole object at {@code uri}, read once.
   *
   * @throws UpscaleException NOT_FOUND, ACCESS_DENIED, TOO_MANY_BYTES (over {@code maxBytes}),
   *     READ_FAILED (after the bounded retries of transient failures), INVALID_REQUEST (an
   *     unusable URI)
   */
  HadoopFiles.Read readAll(String uri, long maxBytes) throws UpscaleException;

  /**
   * The first {@code n} bytes of the object (fewer if it is shorter) and its total length: exact
   * when the store says, else {@code n + 1} standing for "more than was read" (an http(s) body of
   * undeclared length that went on past {@code n} bytes).
   *
   * @throws UpscaleException as {@link #readAll}, without TOO_MANY_BYTES
   */
  HadoopFiles.Read readPrefix(String uri, int n) throws UpscaleException;

  /**
   * The job's reader: http(s) URIs through {@link io.upscaler.job.source.HttpSource#shared} with
   * {@code http}, every other URI through {@code files}.
   */
  static SourceReader routed(HadoopFiles files, HttpSettings http) {
    return new RoutedSourceReader(files, http);
  }
}
