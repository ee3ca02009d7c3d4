package io.upscaler.job.exec;

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
import io.upscaler.job.stats.StatsRecord;
import io.upscaler.models.Hashes;

/**
 * The three steps of one row, each safe to run on its own thread: read and decode; the model
 * passes (on the task thread that owns the device); finishing (resample, alpha, colour tuning),
 * encoding and writing. Every per-image failure becomes a FAILED {@link StatsRecord}; only a GPU that
 * was required (device=gpu) and is unusable escapes, as {@link FatalDeviceException}, to fail the
 * task.
 */
final class RowWork {
  private static final ImageDecoder DECODER = new ImageDecoder();
  private static final ImageEncoder ENCODER = new ImageEncoder();

  private final RequestPlanner planner;
  private final HadoopFiles files;
  private final Upscaler upscaler;

  RowWork(RequestPlanner planner, HadoopFiles files, Upscaler upscaler) {
    this.planner = planner;
    this.files = files;
    this.upscaler = upscaler;
  }

  /** A row between steps: its statistics, and the image and plan when it is still alive. */
  static final class State {
    final PlannedItem item;
    final StatsRecord stats;
    DecodedImage decoded;
    RequestPlanner.RowPlan plan;
    Upscaler.Inferred inferred;

    State(PlannedItem item, StatsRecord stats) {
      this.item = item;
      this.stats = stats;
    }

    boolean failed() {
      return stats.status != null;
    }
  }

  /** Thrown when device=gpu and the GPU can't be used: every row would fail, so the task does. */
  static final class FatalDeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FatalDeviceException(UpscaleException cause) {
      super(cause.getMessage(), cause);
    }
  }

  State readAndDecode(PlannedItem item) {
    StatsRecord s = new StatsRecord(item.item().id(), item.item().source());
    s.executorId = TaskEnv.executorId();
    s.attempt = TaskEnv.attempt();
    s.fingerprint = item.fingerprint();
    s.inputBytes = item.inputBytes();
    State state = new State(item, s);
    JobConfig config = planner.config();
    return guarded(state, () -> {
      long t0 = System.nanoTime();
      byte[] bytes = item.item().content();
      if (bytes == null) {
        HadoopFiles.Read read = files.readAll(item.item().uri(), config.maxInputBytes());
        bytes = read.bytes();
        s.retries += read.retries();
      }
      s.inputBytes = (long) bytes.length;
      long t1 = System.nanoTime();
      s.readNanos = t1 - t0;
      state.decoded = DECODER.decode(bytes, new DecodeLimits(config.maxInputBytes(), config.maxInputPixels()));
      s.decodeNanos = System.nanoTime() - t1;
      s.describe(state.decoded.info());
      state.plan = planner.plan(item.item().overrides(), state.decoded.info());
    });
  }

  State upscale(State state) {
    if (state.failed()) {
      return state;
    }
    StatsRecord s = state.stats;
    return guarded(state, () -> {
      long t0 = System.nanoTime();
      try {
        state.inferred = upscaler.infer(state.decoded.image(), state.plan.request());
      } catch (UpscaleException e) {
        if (e.errorClass() == ErrorClass.DEVICE_UNAVAILABLE && planner.config().device() == DevicePolicy.GPU) {
          throw new FatalDeviceException(e);
        }
        throw e;
      }
      // Tile copies and stitching count as resizing work; the model's own time is infer_ms.
      s.inferNanos = state.inferred.tiles().inferNanos();
      s.resizeNanos = System.nanoTime() - t0 - s.inferNanos;
    });
  }

  State encodeAndWrite(State state) {
    if (state.failed()) {
      return state;
    }
    StatsRecord s = state.stats;
    return guarded(state, () -> {
      long tf = System.nanoTime();
      UpscaleResult r = upscaler.finish(state.inferred);
      state.inferred = null;
      s.model = r.models();
      s.device = r.device();
      s.fallbackReason = r.fallbackReason();
      s.tiles = r.tiles().tiles();
      s.sessionLoaded = r.sessionsLoaded() > 0;
      s.scale = (double) r.image().width() / state.decoded.image().width();
      long t0 = System.nanoTime();
      s.resizeNanos += t0 - tf;
      EncodedImage encoded = ENCODER.encode(r.image(), state.decoded.exif(), state.plan.encode());
      state.decoded = null;
      s.outputWidth = r.image().width();
      s.outputHeight = r.image().height();
      long t1 = System.nanoTime();
      s.encodeNanos = t1 - t0;
      s.outputFormat = encoded.format().id();
      s.outputBytes = (long) encoded.bytes().length;
      s.outputSha256 = Hashes.sha256(encoded.bytes());
      String uri = OutputPaths.image(planner.config().output(), s.id, encoded.format().extension());
      s.retries += files.write(uri, encoded.bytes());
      s.writeNanos = System.nanoTime() - t1;
      s.outputUri = uri;
      s.ok();
    });
  }

  @FunctionalInterface
  private interface Step {
    void run() throws UpscaleException;
  }

  /** Runs a step, turning any per-image failure into FAILED statistics and dropping the pixels. */
  private static State guarded(State state, Step step) {
    try {
      step.run();
    } catch (UpscaleException e) {
      fail(state, e.errorClass(), e.getMessage());
    } catch (OutOfMemoryError e) {
      fail(state, ErrorClass.OUT_OF_MEMORY, "out of memory on this image: give executors more"
          + " memory, or lower max-input-pixels / max-output-pixels / tile / batch (" + e.getMessage() + ")");
    } catch (FatalDeviceException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(state, ErrorClass.INTERNAL, e.toString());
    }
    return state;
  }

  private static void fail(State state, ErrorClass kind, String message) {
    state.decoded = null;
    state.inferred = null;
    state.stats.fail(kind, message);
  }
}
