package io.upscaler.job.exec;

import io.upscaler.core.UpscaleException;

/**
 * Where a task reads a row's image from its URI: the one call site of every image read in the
 * work (inline content needs none). Implementations route by scheme; each call reads the object
 * once, whole.
 */
@FunctionalInterface
public interface SourceReader {
  /**
   * The whole object at {@code uri}.
   *
   * @throws UpscaleException NOT_FOUND, ACCESS_DENIED, TOO_MANY_BYTES (over {@code maxBytes}),
   *     READ_FAILED, INVALID_REQUEST (an unusable URI)
   */
  HadoopFiles.Read readAll(String uri, long maxBytes) throws UpscaleException;
}
