package io.upscaler.job.exec;

import static io.upscaler.job.stats.StatsColumns.DECODE_CPU_MS;
import static io.upscaler.job.stats.StatsColumns.DECODE_MS;
import static io.upscaler.job.stats.StatsColumns.ENCODE_CPU_MS;
import static io.upscaler.job.stats.StatsColumns.INFER_CPU_MS;
import static io.upscaler.job.stats.StatsColumns.READ_CPU_MS;
import static io.upscaler.job.stats.StatsColumns.RESIZE_CPU_MS;
import static io.upscaler.job.stats.StatsColumns.WRITE_CPU_MS;
import static io.upscaler.job.stats.StatsColumns.DEVICE;
import static io.upscaler.job.stats.StatsColumns.ENCODE_MS;
import static io.upscaler.job.stats.StatsColumns.FALLBACK_REASON;
import static io.upscaler.job.stats.StatsColumns.ID;
import static io.upscaler.job.stats.StatsColumns.INFER_MS;
import static io.upscaler.job.stats.StatsColumns.INPUT_BYTES;
import static io.upscaler.job.stats.StatsColumns.MODEL;
import static io.upscaler.job.stats.StatsColumns.OUTPUT_BYTES;
import static io.upscaler.job.stats.StatsColumns.OUTPUT_FORMAT;
import static io.upscaler.job.stats.StatsColumns.OUTPUT_HEIGHT;
import static io.upscaler.job.stats.StatsColumns.OUTPUT_SHA256;
import static io.upscaler.job.stats.StatsColumns.OUTPUT_URI;
import static io.upscaler.job.stats.StatsColumns.OUTPUT_WIDTH;
import static io.upscaler.job.stats.StatsColumns.READ_MS;
import static io.upscaler.job.stats.StatsColumns.RESIZE_MS;
import static io.upscaler.job.stats.StatsColumns.RETRIES;
import static io.upscaler.job.stats.StatsColumns.SCALE;
import static io.upscaler.job.stats.StatsColumns.SESSION_LOADED;
import static io.upscaler.job.stats.StatsColumns.SETTINGS_FINGERPRINT;
import static io.upscaler.job.stats.StatsColumns.TILES;
import static io.upscaler.job.stats.StatsColumns.WRITE_MS;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.UpscaleResult;
import io.upscaler.core.Upscaler;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.DecodedImage;
import io.upscaler.core.image.EncodedImage;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.infer.DevicePolicy;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.plan.PlannedItem;
import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.report.GallerySampler;
import io.upscaler.job.stats.StatsRecord;
import io.upscaler.models.Hashes;
import java.util.ArrayList;
import java.util.List;

/**
 * The three steps of one row, each safe to run on its own thread: read and decode; the model
 * passes (on the task thread that owns the device); finishing (resample, alpha, colour tuning),
 * encoding and writing. A row moves between steps as an immutable {@link InFlight} value; its
 * {@link StatsRecord} travels with it, owned by whichever thread runs its current step.
 *
 * <p>Every per-image failure ends the row FAILED ({@link Ended}); only a GPU that was required
 * (device=gpu) and is unusable escapes, as {@link FatalDeviceException}, to fail the task.
 */
final class RowWork {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RowWork.class);
  private static final ImageDecoder DECODER = new ImageDecoder();
  private static final ImageEncoder ENCODER = new ImageEncoder();

  private final RequestPlanner planner;
  private final HadoopFiles files;
  private final Upscaler upscaler;
  private final DecodeLimits limits;
  private final GallerySampler gallery;

  RowWork(RequestPlanner planner, HadoopFiles files, Upscaler upscaler, GallerySampler gallery) {
    this.planner = planner;
    this.files = files;
    this.upscaler = upscaler;
    this.gallery = gallery;
    JobConfig config = planner.config();
    this.limits = new DecodeLimits(config.maxInputBytes(), config.maxInputPixels());
  }

  /** A row between steps. */
  sealed interface InFlight permits Ended, Decoded, Inferred {
    PlannedItem item();

    StatsRecord stats();
  }

  /** A row that has ended (OK or FAILED): its statistics are final. */
  record Ended(PlannedItem item, StatsRecord stats) implements InFlight {}

  /** Decoded, with the plan for exactly this image and where its output goes. */
  record Decoded(PlannedItem item, StatsRecord stats, DecodedImage image,
      RequestPlanner.RowPlan plan, String outputUri) implements InFlight {}

  /** The model passes done; the CPU's half of the upscale, encoding and writing remain. */
  record Inferred(Decoded decoded, Upscaler.Inferred inferred) implements InFlight {
    @Override
    public PlannedItem item() {
      return decoded.item();
    }

    @Override
    public StatsRecord stats() {
      return decoded.stats();
    }
  }

  /** Thrown when device=gpu and the GPU can't be used: every row would fail, so the task does. */
  static final class FatalDeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FatalDeviceException(UpscaleException cause) {
      super(cause.getMessage(), cause);
    }
  }

  InFlight readAndDecode(PlannedItem item) {
    StatsRecord s = item.item().startStats(planner.config().runId())
        .set(SETTINGS_FINGERPRINT, item.fingerprint())
        .set(INPUT_BYTES, item.inputBytes());
    return guarded(item, s, () -> {
      long t0 = System.nanoTime();
      long c0 = ThreadCpu.nanos();
      byte[] bytes = item.item().content();
      if (bytes == null) {
        HadoopFiles.Read read = files.readAll(item.item().uri(), limits.maxBytes());
        bytes = read.bytes();
        s.count(RETRIES, read.retries());
      }
      s.set(INPUT_BYTES, (long) bytes.length);
      long t1 = System.nanoTime();
      long c1 = ThreadCpu.nanos();
      s.set(READ_MS, t1 - t0).set(READ_CPU_MS, c1 - c0);
      DecodedImage decoded = DECODER.decode(bytes, limits);
      s.set(DECODE_MS, System.nanoTime() - t1).set(DECODE_CPU_MS, ThreadCpu.nanos() - c1);
      s.describe(decoded.info());
      return decodedAsPlanned(item, s, decoded);
    });
  }

  /** The carried plan, unless the image read now is not the one planning probed. */
  private Decoded decodedAsPlanned(PlannedItem item, StatsRecord s, DecodedImage decoded)
      throws UpscaleException {
    if (decoded.info().equals(item.info())) {
      return new Decoded(item, s, decoded, item.plan(), item.outputUri());
    }
    RequestPlanner.RowPlan plan = planner.plan(item.item().overrides(), decoded.info());
    String uri = OutputPaths.image(
        planner.config().output(), item.item().id(), plan.encode().format().extension());
    return new Decoded(item, s, decoded, plan, uri);
  }

  /**
   * The model passes of several rows together (tiles of equal size batched across them); rows
   * that already ended pass through. Each decoded row ends up Inferred, or Ended with its own
   * failure; a required GPU that is unusable fails the task ({@link FatalDeviceException}).
   */
  List<InFlight> upscaleAll(List<InFlight> rows) {
    List<Decoded> decoded = new ArrayList<>();
    List<Upscaler.Work> work = new ArrayList<>();
    for (InFlight row : rows) {
      if (row instanceof Decoded d) {
        decoded.add(d);
        work.add(new Upscaler.Work(d.image().image(), d.plan().request(), d.plan().planned()));
      }
    }
    long t0 = System.nanoTime();
    long c0 = ThreadCpu.nanos();
    List<Upscaler.Outcome> together = inferTogether(work);
    long groupCpu = ThreadCpu.nanos() - c0;
    long outside = System.nanoTime() - t0 - sum(together, t -> t.inferNanos());
    long tiles = sum(together, t -> t.tiles());
    List<InFlight> out = new ArrayList<>(rows.size());
    for (InFlight row : rows) {
      int i = row instanceof Decoded d ? decoded.indexOf(d) : -1;
      if (i < 0) {
        out.add(row);
      } else if (together != null) {
        out.add(inferred(decoded.get(i), () -> together.get(i), outside, tiles, groupCpu));
      } else { // the shared call broke on something other than an image: each image alone
        Upscaler.Work alone = work.get(i);
        out.add(inferred(decoded.get(i), () -> upscaler.inferAll(List.of(alone)).get(0), -1, 0, 0));
      }
    }
    return out;
  }

  /**
   * The outcomes of the rows' passes run together; null when that run broke with something other
   * than an image's own failure (out of memory, a bug), so that each row is then run and judged
   * alone. A single row is always run alone.
   */
  private List<Upscaler.Outcome> inferTogether(List<Upscaler.Work> work) {
    if (work.size() < 2) {
      return null;
    }
    try {
      return upscaler.inferAll(work);
    } catch (RuntimeException | OutOfMemoryError e) {
      LOG.warn("batched model passes of {} images failed ({}); running them one by one",
          work.size(), e.toString());
      return null;
    }
  }

  private static long sum(List<Upscaler.Outcome> outcomes,
      java.util.function.ToLongFunction<io.upscaler.core.tile.TileStats> f) {
    return outcomes == null ? 0 : outcomes.stream().filter(o -> o.failure() == null)
        .mapToLong(o -> f.applyAsLong(o.inferred().tiles())).sum();
  }

  /** Produces one row's outcome (inside {@link #guarded}, so any failure stays with the row). */
  @FunctionalInterface
  private interface OutcomeStep {
    Upscaler.Outcome get();
  }

  /**
   * One row's outcome. Tile copies and stitching count as resizing work, the model's own time as
   * infer_ms; a group's time outside the model and its CPU time are shared by tiles ({@code
   * outsideNanos} -1: the row ran alone, its own times count).
   */
  private InFlight inferred(Decoded d, OutcomeStep step, long outsideNanos, long groupTiles,
      long groupCpuNanos) {
    StatsRecord s = d.stats();
    return guarded(d.item(), s, () -> {
      long t0 = System.nanoTime();
      long c0 = ThreadCpu.nanos();
      Upscaler.Inferred inferred;
      try {
        inferred = step.get().get();
      } catch (UpscaleException e) {
        if (e.errorClass() == ErrorClass.DEVICE_UNAVAILABLE && planner.config().device() == DevicePolicy.GPU) {
          throw new FatalDeviceException(e);
        }
        throw e;
      }
      long infer = inferred.tiles().inferNanos();
      long outside = outsideNanos < 0 ? System.nanoTime() - t0 - infer
          : groupTiles == 0 ? 0 : outsideNanos * inferred.tiles().tiles() / groupTiles;
      long cpu = outsideNanos < 0 ? ThreadCpu.nanos() - c0
          : groupTiles == 0 ? 0 : groupCpuNanos * inferred.tiles().tiles() / groupTiles;
      s.set(INFER_MS, infer).set(RESIZE_MS, outside).set(INFER_CPU_MS, cpu);
      return new Inferred(d, inferred);
    });
  }

  Ended encodeAndWrite(InFlight row) {
    if (!(row instanceof Inferred i)) {
      return (Ended) row;
    }
    StatsRecord s = i.stats();
    return (Ended) guarded(i.item(), s, () -> {
      long tf = System.nanoTime();
      long cf = ThreadCpu.nanos();
      UpscaleResult r = upscaler.finish(i.inferred());
      s.set(MODEL, r.models()).set(DEVICE, r.device()).set(FALLBACK_REASON, r.fallbackReason())
          .set(TILES, r.tiles().tiles()).set(SESSION_LOADED, r.sessionsLoaded() > 0)
          .set(SCALE, (double) r.image().width() / i.decoded().image().image().width());
      long t0 = System.nanoTime();
      long c0 = ThreadCpu.nanos();
      s.add(RESIZE_MS, t0 - tf).set(RESIZE_CPU_MS, c0 - cf);
      EncodedImage encoded = ENCODER.encode(r.image(), i.decoded().image().exif(), i.decoded().plan().encode());
      s.set(OUTPUT_WIDTH, r.image().width()).set(OUTPUT_HEIGHT, r.image().height());
      long t1 = System.nanoTime();
      long c1 = ThreadCpu.nanos();
      s.set(ENCODE_MS, t1 - t0).set(ENCODE_CPU_MS, c1 - c0);
      s.set(OUTPUT_FORMAT, encoded.format().id()).set(OUTPUT_BYTES, (long) encoded.bytes().length)
          .set(OUTPUT_SHA256, Hashes.sha256(encoded.bytes()));
      String uri = i.decoded().outputUri();
      s.count(RETRIES, files.write(uri, encoded.bytes()));
      s.set(WRITE_MS, System.nanoTime() - t1).set(WRITE_CPU_MS, ThreadCpu.nanos() - c1);
      s.set(OUTPUT_URI, uri).ok();
      gallery.offer(s.get(ID), r.models(), i.decoded().image().image(), r.image());
      return new Ended(i.item(), s);
    });
  }

  @FunctionalInterface
  private interface Step {
    InFlight run() throws UpscaleException;
  }

  /** Runs a step, turning any per-image failure into FAILED statistics (the pixels are dropped). */
  private static InFlight guarded(PlannedItem item, StatsRecord s, Step step) {
    try {
      return step.run();
    } catch (UpscaleException e) {
      return new Ended(item, s.fail(e));
    } catch (OutOfMemoryError e) {
      return new Ended(item, s.fail(ErrorClass.OUT_OF_MEMORY, "out of memory on this image: give"
          + " executors more memory, or lower max-input-pixels / max-output-pixels / tile / batch ("
          + e.getMessage() + ")"));
    } catch (FatalDeviceException e) {
      throw e;
    } catch (RuntimeException e) {
      return new Ended(item, s.fail(ErrorClass.INTERNAL, e.toString()));
    }
  }
}
