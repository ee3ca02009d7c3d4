package io.upscaler.job.exec;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.nio.charset.StandardCharsets;

/**
 * Where outputs go: {@code <output>/images/<id>.<ext>}. An id with "/" keeps its folders; an id
 * that is empty, absolute, has "." or ".." segments, backslashes or control characters, or a
 * segment too long for common file systems, could escape or break the output folder and fails its
 * row with INVALID_ID.
 */
public final class OutputPaths {
  /** Leaves room for the extension and the temporary-file suffix within 255 bytes. */
  static final int MAX_SEGMENT_BYTES = 200;

  private OutputPaths() {}

  public static String images(String outputRoot) {
    return join(outputRoot, "images");
  }

  public static String stats(String outputRoot) {
    return join(outputRoot, "stats");
  }

  /** The folder of one run's statistics rows inside the partitioned table. */
  public static String statsPartition(String outputRoot, String runId) {
    return join(stats(outputRoot), "run_id=" + runId);
  }

  public static String run(String outputRoot, String runId) {
    return join(join(outputRoot, "runs"), runId);
  }

  public static String journal(String outputRoot, String runId) {
    return join(run(outputRoot, runId), "journal");
  }

  /** The output URI of an image; the id is checked first. */
  public static String image(String outputRoot, String id, String extension) throws UpscaleException {
    checkId(id);
    // Hadoop's Path keeps ':', '?', '#' and '%' of a relative name literally (only a colon before
    // the first slash would be a scheme, and the images folder always comes first).
    return join(images(outputRoot), id) + "." + extension;
  }

  /** @throws UpscaleException INVALID_ID when the id can't safely name a file under images/ */
  public static void checkId(String id) throws UpscaleException {
    if (id == null || id.isEmpty()) {
      throw invalid(id, "the id is empty");
    }
    if (id.startsWith("/")) {
      throw invalid(id, "the id is an absolute path");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw invalid(id, "the id contains a control character or backslash");
      }
    }
    for (String segment : id.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw invalid(id, "the id has an empty, '.' or '..' path segment");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw invalid(id, "a path segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
      }
    }
  }

  private static UpscaleException invalid(String id, String why) {
    return new UpscaleException(
        ErrorClass.INVALID_ID, "id '" + id + "' can't name an output file: " + why);
  }

  private static String join(String base, String child) {
    return base.endsWith("/") ? base + child : base + "/" + child;
  }
}
