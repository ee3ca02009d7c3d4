package io.upscaler.job.plan;

import static io.upscaler.job.stats.StatsColumns.READ_MS;
import static io.upscaler.job.stats.StatsColumns.RETRIES;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageInfo;
import io.upscaler.core.image.NeedMoreBytesException;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.SourceReader;
import io.upscaler.job.stats.StatsRecord;

/**
 * A dry run's look at one row: settle what needs no image, then read only the head of the image
 * to learn its format and size, and plan it as the work would. Thread-safe: a task probes many
 * rows at once through one instance.
 */
final class HeaderProbe {
  /** Enough for the header of almost every JPEG (EXIF thumbnails included), PNG, GIF, BMP, PSD. */
  static final int HEAD_BYTES = 256 * 1024;
  private static final ImageDecoder DECODER = new ImageDecoder();

  private final RowPlanning planning;
  private final SourceReader source;

  HeaderProbe(RowPlanning planning, SourceReader source) {
    this.planning = planning;
    this.source = source;
  }

  /** The row planned from its header, or settled (SKIPPED, or FAILED before any full read). */
  PlannedItem probe(WorkItem item) {
    StatsRecord stats = item.startStats(planning.planner().config().runId());
    try {
      String fingerprint = planning.settle(item, stats);
      if (fingerprint == null) {
        return PlannedItem.settled(item, stats);
      }
      long t0 = System.nanoTime();
      Head head = head(item);
      stats.set(READ_MS, System.nanoTime() - t0).count(RETRIES, head.retries);
      return planning.plan(item, fingerprint, head.info, head.length, stats);
    } catch (UpscaleException e) {
      return PlannedItem.settled(item, stats.fail(e));
    } catch (RuntimeException e) {
      return PlannedItem.settled(item, stats.fail(ErrorClass.INTERNAL, e.toString()));
    }
  }

  private record Head(ImageInfo info, long length, int retries) {}

  /**
   * The header of the image: from inline bytes, or from the first bytes of the object (for a URL
   * one ranged GET; see {@link SourceReader#readPrefix}); the whole object only when its header
   * goes on past them.
   */
  private Head head(WorkItem item) throws UpscaleException {
    long maxBytes = planning.limits().maxBytes();
    if (item.content() != null) {
      return new Head(planning.probeWhole(item.content()), item.content().length, 0);
    }
    HadoopFiles.Read prefix = source.readPrefix(item.uri(), HEAD_BYTES);
    if (prefix.length() > maxBytes) {
      throw new UpscaleException(ErrorClass.TOO_MANY_BYTES,
          item.uri() + " is " + prefix.length() + " bytes, over the limit of " + maxBytes);
    }
    try {
      return new Head(DECODER.probe(prefix.bytes()), prefix.length(), prefix.retries());
    } catch (NeedMoreBytesException e) {
      planning.limits().checkDeclared(e);
      if (prefix.bytes().length >= prefix.length()) {
        throw e;
      }
      HadoopFiles.Read all = source.readAll(item.uri(), maxBytes);
      return new Head(planning.probeWhole(all.bytes()), all.length(), prefix.retries() + all.retries());
    }
  }
}
