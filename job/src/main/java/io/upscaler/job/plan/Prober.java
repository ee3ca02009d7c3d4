package io.upscaler.job.plan;

import static io.upscaler.job.stats.StatsColumns.INPUT_BYTES;
import static io.upscaler.job.stats.StatsColumns.READ_MS;
import static io.upscaler.job.stats.StatsColumns.RETRIES;
import static io.upscaler.job.stats.StatsColumns.SETTINGS_FINGERPRINT;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageInfo;
import io.upscaler.core.image.NeedMoreBytesException;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.OutputPaths;
import io.upscaler.job.exec.TaskEnv;
import io.upscaler.job.stats.StatsRecord;
import org.apache.spark.api.java.function.Function;

/**
 * The planning step of one row, on an executor: settle what needs no image (bad id, bad row
 * settings, an output kept from an earlier run with the same settings), then read only the head
 * of the image to learn its format and size, refuse what is over the limits, and plan. Rows
 * settled here never reach the expensive stage; the others carry their plan to it.
 */
public final class Prober implements Function<WorkItem, PlannedItem> {
  private static final long serialVersionUID = 1L;
  /** Enough for the header of almost every JPEG (EXIF thumbnails included), PNG, GIF, BMP, PSD. */
  static final int HEAD_BYTES = 256 * 1024;
  private static final ImageDecoder DECODER = new ImageDecoder();

  private final RequestPlanner planner;
  /** Built once per task: Spark deserializes this function for each task. */
  private transient HadoopFiles files;

  public Prober(RequestPlanner planner) {
    this.planner = planner;
  }

  private HadoopFiles files() {
    if (files == null) {
      files = new HadoopFiles(TaskEnv.hadoopConf(), planner.config().retries());
    }
    return files;
  }

  @Override
  public PlannedItem call(WorkItem item) {
    JobConfig config = planner.config();
    StatsRecord stats = item.startStats(config.runId());
    try {
      String fingerprint = planner.fingerprint(item.overrides());
      stats.set(SETTINGS_FINGERPRINT, fingerprint);
      if (item.uri() == null && item.content() == null) {
        throw new UpscaleException(ErrorClass.INVALID_REQUEST, "the row has neither a uri nor content");
      }
      OutputPaths.checkId(item.id());
      if (!config.overwrite() && fingerprint.equals(item.journalFingerprint())
          && files().exists(item.journalOutput())) {
        return PlannedItem.settled(item, stats.skip(item.journalOutput()));
      }
      return probe(item, fingerprint, stats);
    } catch (UpscaleException e) {
      return PlannedItem.settled(item, stats.fail(e));
    } catch (RuntimeException e) {
      return PlannedItem.settled(item, stats.fail(ErrorClass.INTERNAL, e.toString()));
    }
  }

  private PlannedItem probe(WorkItem item, String fingerprint, StatsRecord stats)
      throws UpscaleException {
    JobConfig config = planner.config();
    DecodeLimits limits = new DecodeLimits(config.maxInputBytes(), config.maxInputPixels());
    long t0 = System.nanoTime();
    Head head = head(item, files(), limits);
    stats.set(READ_MS, System.nanoTime() - t0).set(INPUT_BYTES, head.length).count(RETRIES, head.retries);
    ImageInfo info = head.info;
    stats.describe(info);
    limits.checkBytes(info.format(), head.length);
    limits.checkPixels(info);
    RequestPlanner.RowPlan plan = planner.plan(item.overrides(), info);
    String output = OutputPaths.image(config.output(), item.id(), plan.encode().format().extension());
    return PlannedItem.live(item, fingerprint, info, head.length, output, plan);
  }

  private record Head(ImageInfo info, long length, int retries) {}

  /** The header of the image: from inline bytes, or from the first bytes of the object. */
  private static Head head(WorkItem item, HadoopFiles files, DecodeLimits limits)
      throws UpscaleException {
    long maxBytes = limits.maxBytes();
    if (item.content() != null) {
      return new Head(probeWhole(item.content(), limits), item.content().length, 0);
    }
    HadoopFiles.Read prefix = files.readPrefix(item.uri(), HEAD_BYTES);
    if (prefix.length() > maxBytes) {
      throw new UpscaleException(ErrorClass.TOO_MANY_BYTES,
          item.uri() + " is " + prefix.length() + " bytes, over the limit of " + maxBytes);
    }
    try {
      return new Head(DECODER.probe(prefix.bytes()), prefix.length(), prefix.retries());
    } catch (NeedMoreBytesException e) {
      limits.checkDeclared(e);
      if (prefix.bytes().length >= prefix.length()) {
        throw e;
      }
      HadoopFiles.Read all = files.readAll(item.uri(), maxBytes);
      return new Head(probeWhole(all.bytes(), limits), all.length(), prefix.retries() + all.retries());
    }
  }

  /** Probes a complete file: running out of bytes means truncated, unless the size is too big. */
  private static ImageInfo probeWhole(byte[] bytes, DecodeLimits limits) throws UpscaleException {
    try {
      return DECODER.probe(bytes);
    } catch (NeedMoreBytesException e) {
      limits.checkDeclared(e);
      throw e;
    }
  }
}
