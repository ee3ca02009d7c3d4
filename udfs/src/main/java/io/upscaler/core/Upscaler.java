package io.upscaler.core;

import io.upscaler.core.color.ColorTuner;
import io.upscaler.core.image.Image;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.core.tile.ImageTiles;
import io.upscaler.core.tile.TileStats;
import io.upscaler.models.ModelCard;
import java.util.ArrayList;
import java.util.List;

/**
 * Upscales one decoded image in two halves, {@link #infer} (the device's work) and {@link #finish}
 * (the CPU's): model passes over tiles (colour only; grey is fed as RGB and comes
 * back grey), alpha upscaled separately, a Lanczos-3 resample to the exact target unless the passes
 * already hit it, then optional colour tuning. The output has the input's channels and bit depth;
 * intermediates between passes are 16-bit so chained passes and resampling don't add 8-bit
 * rounding.
 *
 * <p>Thread-safe: holds only the shared session cache and immutable settings; each call leases the
 * sessions it needs for its duration.
 */
public final class Upscaler {
  private final SessionCache sessions;
  private final ModelStore store;
  private final DeviceRequest device;
  private final int maxConcurrentRuns;

  public Upscaler(SessionCache sessions, ModelStore store, DeviceRequest device, int maxConcurrentRuns) {
    this.sessions = sessions;
    this.store = store;
    this.device = device;
    this.maxConcurrentRuns = maxConcurrentRuns;
  }

  /** Output size and model passes for an input of the given size, without running anything. */
  public static Planned plan(int width, int height, UpscaleRequest request) throws UpscaleException {
    TargetSize.Dimensions out = request.target().resolve(width, height);
    if ((long) out.width() * out.height() > request.maxOutputPixels()) {
      throw new UpscaleException(
          ErrorClass.OUTPUT_TOO_LARGE,
          "output " + out.width() + "x" + out.height() + " exceeds the limit of "
              + request.maxOutputPixels() + " pixels (max-output-pixels): ask for a smaller"
              + " scale or width, or raise the limit with the executor memory to hold it");
    }
    double factor = out.factorOver(width, height);
    ScalePlan plan =
        factor > 1.0 ? ScalePlan.plan(request.family(), factor) : new ScalePlan(List.of());
    long nativePixels = (long) width * height * plan.nativeFactor() * plan.nativeFactor();
    if (nativePixels > 2 * request.maxOutputPixels()) {
      throw new UpscaleException(
          ErrorClass.OUTPUT_TOO_LARGE,
          "the model passes " + plan.label() + " would produce " + nativePixels
              + " pixels before resizing, over twice the output limit of "
              + request.maxOutputPixels());
    }
    return new Planned(out, plan);
  }

  /** An output size and the passes that reach it. */
  public record Planned(TargetSize.Dimensions output, ScalePlan passes)
      implements java.io.Serializable {}

  /** Both halves on the calling thread: {@link #finish}({@link #infer}(...)). */
  public UpscaleResult upscale(Image input, UpscaleRequest request) throws UpscaleException {
    return finish(infer(input, request));
  }

  /**
   * The model's half of an upscale: every pass over colour (and alpha in {@link AlphaMode#MODEL}),
   * nothing else. The job runs this on the task thread that owns the device, and {@link #finish}
   * elsewhere, so the device never waits on resampling or colour tuning.
   */
  public Inferred infer(Image input, UpscaleRequest request) throws UpscaleException {
    return infer(input, request, plan(input.width(), input.height(), request));
  }

  /**
   * {@link #infer(Image, UpscaleRequest)} with the plan already made for this input's size (a
   * caller that planned from the header carries the plan instead of making it again).
   */
  public Inferred infer(Image input, UpscaleRequest request, Planned planned)
      throws UpscaleException {
    return inferAll(List.of(new Work(input, request, planned))).get(0).get();
  }

  /** One image for {@link #inferAll}: the decoded input, its request and its plan. */
  public record Work(Image input, UpscaleRequest request, Planned planned) {}

  /** What {@link #inferAll} made of one image: its inferred half, or why it failed. */
  public record Outcome(Inferred inferred, UpscaleException failure) {
    /** The inferred half, or the image's failure thrown. */
    public Inferred get() throws UpscaleException {
      if (failure != null) {
        throw failure;
      }
      return inferred;
    }
  }

  /**
   * The model's half of several images at once ({@link #infer} for each, in order): their passes
   * run in rounds with tiles of equal window size batched across images ({@code batch} of each
   * request tiles per call), so consecutive small images fill a GPU's batch. Each image's output is
   * what {@link #infer} alone computes. A failure belongs to its image: a shared model call that
   * fails is retried image by image.
   */
  public List<Outcome> inferAll(List<Work> work) {
    List<PassRunner.Lane[]> lanes = new ArrayList<>(work.size());
    List<PassRunner.Lane> all = new ArrayList<>();
    List<Image> results = new ArrayList<>(work.size());
    for (Work w : work) {
      Image input = w.input();
      ScalePlan plan = w.planned().passes();
      TargetSize.Dimensions out = w.planned().output();
      Image result = Image.allocate(out.width(), out.height(), input.channels(), input.bitDepth());
      PassRunner.Lane colour = new PassRunner.Lane(plan, w.request(), ImageTiles.color(input),
          input.colorChannels(), resamples(input, w.planned()) ? null : result);
      PassRunner.Lane alpha = input.hasAlpha() && !plan.passes().isEmpty()
          && w.request().alphaMode() == AlphaMode.MODEL
          ? new PassRunner.Lane(plan, w.request(), ImageTiles.alpha(input), 1, null) : null;
      lanes.add(new PassRunner.Lane[] {colour, alpha});
      all.add(colour);
      if (alpha != null) {
        all.add(alpha);
      }
      results.add(result);
    }
    new PassRunner(sessions, store, device, maxConcurrentRuns).run(all);
    List<Outcome> outcomes = new ArrayList<>(work.size());
    for (int i = 0; i < work.size(); i++) {
      outcomes.add(outcome(work.get(i), results.get(i), lanes.get(i)[0], lanes.get(i)[1]));
    }
    return outcomes;
  }

  private static Outcome outcome(Work w, Image result, PassRunner.Lane colour,
      PassRunner.Lane alpha) {
    UpscaleException failure = colour.failure != null ? colour.failure
        : alpha == null ? null : alpha.failure;
    if (failure != null) {
      return new Outcome(null, failure);
    }
    return new Outcome(new Inferred(w.input(), w.request(), w.planned().passes(),
        resamples(w.input(), w.planned()), result, colour.done, alpha == null ? null : alpha.done),
        null);
  }

  private static boolean resamples(Image input, Planned planned) {
    int f = planned.passes().nativeFactor();
    return input.width() * f != planned.output().width()
        || input.height() * f != planned.output().height();
  }

  /**
   * What {@link #infer} computed, waiting for {@link #finish}: the input, the output image (already
   * holding the colour when the passes hit the target size) and the native-scale intermediates.
   */
  public static final class Inferred {
    private final Image input;
    private final UpscaleRequest request;
    private final ScalePlan plan;
    private final boolean resample;
    private final Image result;
    private final Passes colour;
    private final Passes alpha;

    private Inferred(Image input, UpscaleRequest request, ScalePlan plan, boolean resample,
        Image result, Passes colour, Passes alpha) {
      this.input = input;
      this.request = request;
      this.plan = plan;
      this.resample = resample;
      this.result = result;
      this.colour = colour;
      this.alpha = alpha;
    }

    /** Tiles and model time of every pass so far. */
    public TileStats tiles() {
      return alpha == null ? colour.stats() : colour.stats().plus(alpha.stats());
    }
  }

  /**
   * The CPU half: resample to the exact target (Lanczos-3) unless the passes hit it, upscale alpha
   * (bicubic, or resample the model's), tune colours. Thread-safe; touches no session.
   */
  public UpscaleResult finish(Inferred inf) {
    Image input = inf.input;
    Image result = inf.result;
    int w = result.width();
    int h = result.height();
    long t0 = System.nanoTime();
    if (inf.plan.passes().isEmpty()) {
      Resampler.resizeInto(input, 0, input.channels(), w, h, Filter.LANCZOS3, result, 0);
    } else {
      if (inf.resample) {
        Resampler.resizeInto(inf.colour.image(), 0, input.colorChannels(), w, h, Filter.LANCZOS3, result, 0);
      }
      if (input.hasAlpha()) {
        int a = input.channels() - 1;
        if (inf.alpha == null) {
          Resampler.resizeInto(input, a, 1, w, h, Filter.CUBIC, result, a);
        } else {
          Resampler.resizeInto(inf.alpha.image(), 0, 1, w, h, Filter.LANCZOS3, result, a);
        }
      }
    }
    long t1 = System.nanoTime();
    if (inf.request.tuneColors()) {
      ColorTuner.tune(input, result);
    }
    long t2 = System.nanoTime();
    int loaded = inf.colour.loaded() + (inf.alpha == null ? 0 : inf.alpha.loaded());
    return new UpscaleResult(result, inf.colour.models(), inf.colour.device(),
        inf.colour.fallbackReason(), inf.tiles(), t1 - t0, t2 - t1, loaded);
  }

  /**
   * Tile context for a model: its receptive-field radius (exact stitching), or, when its card
   * doesn't know it (a user model whose graph could not be analysed), {@value #UNKNOWN_RADIUS_PAD}
   * pixels, which is more than the effective reach of common SR networks but not a guarantee.
   */
  public static int contextFor(ModelCard card) {
    return card.receptiveFieldRadius() >= 0 ? card.receptiveFieldRadius() : UNKNOWN_RADIUS_PAD;
  }

  static final int UNKNOWN_RADIUS_PAD = 64;

}
