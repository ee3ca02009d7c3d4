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
import static io.upscaler.job.stats.StatsColumns.TILES;
import static io.upscaler.job.stats.StatsColumns.WRITE_MS;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.UpscaleResult;
import io.upscaler.core.Upscaler;
import io.upscaler.core.image.DecodedImage;
import io.upscaler.core.image.EncodedImage;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageInfo;
import io.upscaler.core.infer.DevicePolicy;
import io.upscaler.job.plan.PlannedItem;
import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.plan.RowPlanning;
import io.upscaler.job.plan.WorkItem;
import io.upscaler.job.report.GallerySampler;
import io.upscaler.job.stats.StatsRecord;
import io.upscaler.models.Hashes;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one row, each safe to run on its own thread: start (settle what needs no image:
 * settings, id, an earlier run's output, on the task thread); read the image once, probe its
 * header, plan, decode; the model passes (on the task thread that owns the device); finishing
 * (resample, alpha, colour tuning), encoding and writing. A row moves between steps as an
 * immutable {@link InFlight} value; its {@link StatsRecord} travels with it, owned by whichever
 * thread runs its current step.
 *
 * <p>Every per-image failure ends the row FAILED ({@link Ended}); only a GPU that was required
 * (device=gpu) and is unusable escapes, as {@link FatalDeviceException}, to fail the task.
 */
final class RowWork {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RowWork.class);
  private static final ImageDecoder DECODER = new ImageDecoder();
  private static final ImageEncoder ENCODER = new ImageEncoder();

  private final RowPlanning planning;
  private final SourceReader source;
  private final HadoopFiles files;
  private final Upscaler upscaler;
  private final GallerySampler gallery;

  /**
   * @param source where images are read from (every read of the work goes through it)
   * @param files where outputs are written
   * @param gallery samples finished images for the run report
   */
  RowWork(RowPlanning planning, SourceReader source, HadoopFiles files, Upscaler upscaler,
      GallerySampler gallery) {
    this.planning = planning;
    this.source = source;
    this.files = files;
    this.upscaler = upscaler;
    this.gallery = gallery;
  }

  /** A row between steps. */
  sealed interface InFlight permits Ended, Started, Decoded, Inferred {
    WorkItem item();

    StatsRecord stats();

    /** The row's estimated cost from its plan; 0 before it is planned or after it ended. */
    default double plannedCost() {
      return 0;
    }
  }

  /**
   * A row that has ended (OK, FAILED or SKIPPED): its statistics are final.
   *
   * @param modelFlops the model FLOPs the row's plan ran (0 unless OK)
   */
  record Ended(WorkItem item, StatsRecord stats, double modelFlops) implements InFlight {
    Ended(WorkItem item, StatsRecord stats) {
      this(item, stats, 0);
    }
  }

  /** A row that needs its image, with its settings fingerprint. */
  record Started(WorkItem item, StatsRecord stats, String fingerprint) implements InFlight {}

  /** Decoded, with the plan for exactly this image and where its output goes. */
  record Decoded(PlannedItem planned, StatsRecord stats, DecodedImage image) implements InFlight {
    @Override
    public WorkItem item() {
      return planned.item();
    }

    @Override
    public double plannedCost() {
      return planned.cost();
    }
  }

  /** The model passes done; the CPU's half of the upscale, encoding and writing remain. */
  record Inferred(Decoded decoded, Upscaler.Inferred inferred) implements InFlight {
    @Override
    public WorkItem item() {
      return decoded.item();
    }

    @Override
    public StatsRecord stats() {
      return decoded.stats();
    }

    @Override
    public double plannedCost() {
      return decoded.plannedCost();
    }
  }

  /** Thrown when device=gpu and the GPU can't be used: every row would fail, so the task does. */
  static final class FatalDeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FatalDeviceException(UpscaleException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Settles what needs no image, reading nothing: {@link Ended} (SKIPPED from the journal alone,
   * or FAILED) or {@link Started}. Cheap: runs on the task thread.
   */
  InFlight start(WorkItem item) {
    StatsRecord s = item.startStats(planning.planner().config().runId());
    return guarded(item, s, () -> {
      String fingerprint = planning.settle(item, s);
      return fingerprint == null ? new Ended(item, s) : new Started(item, s, fingerprint);
    });
  }

  /**
   * Reads the image once (inline content, or one whole read through the {@link SourceReader}),
   * probes its header from those bytes, plans the row, then decodes.
   */
  InFlight readAndDecode(InFlight row) {
    if (!(row instanceof Started st)) {
      return row;
    }
    WorkItem item = st.item();
    StatsRecord s = st.stats();
    return guarded(item, s, () -> {
      long t0 = System.nanoTime();
      long c0 = ThreadCpu.nanos();
      byte[] bytes = item.content();
      if (bytes == null) {
        HadoopFiles.Read read = source.readAll(item.uri(), planning.limits().maxBytes());
        bytes = read.bytes();
        s.count(RETRIES, read.retries());
      }
      long t1 = System.nanoTime();
      long c1 = ThreadCpu.nanos();
      s.set(READ_MS, t1 - t0).set(READ_CPU_MS, c1 - c0);
      PlannedItem planned = planning.plan(item, st.fingerprint(), planning.probeWhole(bytes), bytes.length, s);
      DecodedImage decoded = DECODER.decode(bytes, planning.limits());
      s.set(DECODE_MS, System.nanoTime() - t1).set(DECODE_CPU_MS, ThreadCpu.nanos() - c1);
      return new Decoded(asDecoded(planned, decoded.info(), s), s, decoded);
    });
  }

  /** The plan made from the header, unless the decoded image differs from it (then re-planned). */
  private PlannedItem asDecoded(PlannedItem planned, ImageInfo decoded, StatsRecord s)
      throws UpscaleException {
    if (decoded.equals(planned.info())) {
      return planned;
    }
    return planning.plan(planned.item(), planned.fingerprint(), decoded, planned.inputBytes(), s);
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
        RequestPlanner.RowPlan plan = d.planned().plan();
        work.add(new Upscaler.Work(d.image().image(), plan.request(), plan.planned()));
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
        if (e.errorClass() == ErrorClass.DEVICE_UNAVAILABLE
            && planning.planner().config().device() == DevicePolicy.GPU) {
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
      EncodedImage encoded =
          ENCODER.encode(r.image(), i.decoded().image().exif(), i.decoded().planned().plan().encode());
      s.set(OUTPUT_WIDTH, r.image().width()).set(OUTPUT_HEIGHT, r.image().height());
      long t1 = System.nanoTime();
      long c1 = ThreadCpu.nanos();
      s.set(ENCODE_MS, t1 - t0).set(ENCODE_CPU_MS, c1 - c0);
      s.set(OUTPUT_FORMAT, encoded.format().id()).set(OUTPUT_BYTES, (long) encoded.bytes().length)
          .set(OUTPUT_SHA256, Hashes.sha256(encoded.bytes()));
      String uri = i.decoded().planned().outputUri();
      s.count(RETRIES, files.write(uri, encoded.bytes()));
      s.set(WRITE_MS, System.nanoTime() - t1).set(WRITE_CPU_MS, ThreadCpu.nanos() - c1);
      s.set(OUTPUT_URI, uri).ok();
      gallery.offer(s.get(ID), r.models(), i.decoded().image().image(), r.image());
      return new Ended(i.item(), s, i.decoded().planned().flops());
    });
  }

  @FunctionalInterface
  private interface Step {
    InFlight run() throws UpscaleException;
  }

  /** Runs a step, turning any per-image failure into FAILED statistics (the pixels are dropped). */
  private static InFlight guarded(WorkItem item, StatsRecord s, Step step) {
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
