package io.upscaler.job.plan;

import static io.upscaler.job.stats.StatsColumns.INPUT_BYTES;
import static io.upscaler.job.stats.StatsColumns.SETTINGS_FINGERPRINT;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageInfo;
import io.upscaler.core.image.NeedMoreBytesException;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.OutputPaths;
import io.upscaler.job.stats.StatsRecord;
import java.io.Serializable;

/**
 * The planning of one row, the same in the task that does the work and in a dry run's probe:
 * first {@link #settle} what needs no image (row settings, id, an earlier run's output with the
 * same settings, decided from the journal alone), then, once the header is known, {@link #plan}
 * (limits, target size, passes, encoding, output URI) exactly once.
 *
 * <p>Serializable and immutable apart from the planner's per-JVM caches; thread-safe.
 */
public final class RowPlanning implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ImageDecoder DECODER = new ImageDecoder();

  private final RequestPlanner planner;
  /** Made from the settings where used (DecodeLimits is not serializable). */
  private transient DecodeLimits limits;

  public RowPlanning(RequestPlanner planner) {
    this.planner = planner;
  }

  public RequestPlanner planner() {
    return planner;
  }

  public DecodeLimits limits() {
    if (limits == null) {
      JobConfig config = planner.config();
      limits = new DecodeLimits(config.maxInputBytes(), config.maxInputPixels());
    }
    return limits;
  }

  /**
   * Settles what needs no image. Returns the row's settings fingerprint when the row must be read;
   * returns null after ending {@code stats} SKIPPED when an earlier run's journal records an output
   * for this id with the same fingerprint (the output itself is not touched).
   *
   * @throws UpscaleException when the row fails without its image (row settings, id, no source)
   */
  public String settle(WorkItem item, StatsRecord stats) throws UpscaleException {
    String fingerprint = planner.fingerprint(item.overrides());
    stats.set(SETTINGS_FINGERPRINT, fingerprint);
    if (item.uri() == null && item.content() == null) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "the row has neither a uri nor content");
    }
    OutputPaths.checkId(item.id());
    if (!planner.config().overwrite() && fingerprint.equals(item.journalFingerprint())) {
      stats.skip(item.journalOutput());
      return null;
    }
    return fingerprint;
  }

  /**
   * Plans a row from its input's header: records the header facts, refuses what is over the
   * limits, and makes the row's plan and output URI.
   *
   * @param length the input's size in bytes
   * @throws UpscaleException TOO_MANY_BYTES, TOO_MANY_PIXELS, OUTPUT_TOO_LARGE, INVALID_REQUEST
   */
  public PlannedItem plan(WorkItem item, String fingerprint, ImageInfo info, long length,
      StatsRecord stats) throws UpscaleException {
    stats.set(INPUT_BYTES, length).describe(info);
    limits().checkBytes(info.format(), length);
    limits().checkPixels(info);
    RequestPlanner.RowPlan plan = planner.plan(item.overrides(), info);
    return PlannedItem.live(item, fingerprint, info, length, outputUri(item, plan), plan);
  }

  /** Where a row's output goes under its plan. */
  public String outputUri(WorkItem item, RequestPlanner.RowPlan plan) throws UpscaleException {
    return OutputPaths.image(planner.config().output(), item.id(), plan.encode().format().extension());
  }

  /**
   * The header of a whole file: running out of bytes means truncated, unless the declared size is
   * already over the limits.
   */
  public ImageInfo probeWhole(byte[] bytes) throws UpscaleException {
    try {
      return DECODER.probe(bytes);
    } catch (NeedMoreBytesException e) {
      limits().checkDeclared(e);
      throw e;
    }
  }
}
