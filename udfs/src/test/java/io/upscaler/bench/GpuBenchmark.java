package io.upscaler.bench;

import io.upscaler.core.ModelStore;
import io.upscaler.core.TargetSize;
import io.upscaler.core.UpscaleRequest;
import io.upscaler.core.UpscaleResult;
import io.upscaler.core.Upscaler;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.infer.DevicePolicy;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.GpuOptions;
import io.upscaler.core.infer.Precision;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The GPU benchmark behind {@code benchmarks/gpu.sh}: output MP/s per bundled model, in fp32 and
 * fp16 and at several batch sizes, through the job's own pipeline shape: reader threads decode
 * JPEG photos, the device thread runs {@link Upscaler#inferAll} on {@code batch} images at a
 * time, writer threads finish and encode. It prints the CPU cost of each stage per output MP
 * (thread CPU time) and the share of the wall time the device was not inside a model call.
 *
 * <p>Not a test. {@code --dry-run} runs a tiny version on the CPU anywhere (one small model, four
 * small images) so the harness itself is checked; see {@link Options} for the rest.
 */
public final class GpuBenchmark {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private GpuBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    System.out.println(o.describe());
    List<byte[]> inputs = Inputs.photos(o.images(), o.width(), o.height());
    ModelRegistry registry = ModelRegistry.withDirectory(Path.of("models/imported"));
    System.out.println("| model (ran) | device | batch | images | out MP | wall s | out MP/s"
        + " | model ms/MP | fill+stitch ms/MP | decode CPU ms/MP | finish CPU ms/MP"
        + " | encode CPU ms/MP | device idle | waited on decode | waited on writers |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    try (SessionCache cache = new SessionCache(2)) {
      for (String id : o.models(registry)) {
        for (Precision p : o.precisions()) {
          for (int batch : o.batches()) {
            Run run = new Run(cache, registry, registry.resolve(id), o, p, batch);
            System.out.println(run.measure(inputs));
          }
        }
      }
    }
  }

  /** One configuration: a model, a precision and a batch size, over every input. */
  private static final class Run {
    private final Upscaler upscaler;
    private final UpscaleRequest request;
    private final Options o;
    private final int batch;
    private final ImageDecoder decoder = new ImageDecoder();
    private final ImageEncoder encoder = new ImageEncoder();
    private final AtomicLong decodeCpu = new AtomicLong();
    private final AtomicLong finishCpu = new AtomicLong();
    private final AtomicLong encodeCpu = new AtomicLong();
    private long model;
    private long fillStitch;
    private long waitedDecode;
    private long waitedWriters;
    private double outPixels;
    private String ran;
    private String device;

    Run(SessionCache cache, ModelRegistry registry, ModelCard card, Options o, Precision p,
        int batch) {
      this.o = o;
      this.batch = batch;
      this.upscaler = new Upscaler(cache, ModelStore.of(registry), o.device(p, batch), 0);
      this.request = UpscaleRequest.of(List.of(card), new TargetSize.Factor(card.nativeScale()))
          .withTile(o.tile(), batch, -1);
    }

    String measure(List<byte[]> inputs) throws Exception {
      upscaler.upscale(decoder.decode(inputs.get(0), DecodeLimits.DEFAULT).image(), request);
      ExecutorService readers = Executors.newFixedThreadPool(2);
      ExecutorService writers = Executors.newFixedThreadPool(o.writers());
      long start = System.nanoTime();
      try {
        pipeline(inputs, readers, writers);
      } finally {
        readers.shutdownNow();
        writers.shutdownNow();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      double mp = outPixels / 1e6;
      return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.3f | %.1f | %.1f"
          + " | %.1f | %.1f | %.1f | %.0f %% | %.0f %% | %.0f %% |", ran, device, batch,
          inputs.size(), mp, wall, mp / wall, ms(model) / mp, ms(fillStitch) / mp,
          ms(decodeCpu.get()) / mp, ms(finishCpu.get()) / mp, ms(encodeCpu.get()) / mp,
          100 * (1 - model / 1e9 / wall), 100 * waitedDecode / 1e9 / wall,
          100 * waitedWriters / 1e9 / wall);
    }

    private void pipeline(List<byte[]> inputs, ExecutorService readers, ExecutorService writers)
        throws Exception {
      Deque<Future<Image>> reading = new ArrayDeque<>();
      Deque<Future<?>> writing = new ArrayDeque<>();
      int next = 0;
      while (next < inputs.size() || !reading.isEmpty()) {
        while (reading.size() < 2 * batch && next < inputs.size()) {
          byte[] bytes = inputs.get(next++);
          reading.add(readers.submit(() -> timed(decodeCpu,
              () -> decoder.decode(bytes, DecodeLimits.DEFAULT).image())));
        }
        long t0 = System.nanoTime();
        List<Upscaler.Work> group = new ArrayList<>(batch);
        while (group.size() < batch && !reading.isEmpty()) {
          Image image = reading.poll().get();
          group.add(new Upscaler.Work(image, request,
              Upscaler.plan(image.width(), image.height(), request)));
        }
        waitedDecode += System.nanoTime() - t0;
        for (Upscaler.Outcome outcome : upscaler.inferAll(group)) {
          Upscaler.Inferred inferred = outcome.get();
          model += inferred.tiles().inferNanos();
          fillStitch += inferred.tiles().fillNanos() + inferred.tiles().stitchNanos();
          long t1 = System.nanoTime();
          while (writing.size() >= o.writers()) {
            writing.poll().get();
          }
          waitedWriters += System.nanoTime() - t1;
          writing.add(writers.submit(() -> write(inferred)));
        }
      }
      for (Future<?> f : writing) {
        f.get();
      }
    }

    private Object write(Upscaler.Inferred inferred) throws Exception {
      UpscaleResult r = timed(finishCpu, () -> upscaler.finish(inferred));
      timed(encodeCpu, () -> encoder.encode(r.image(), o.format()));
      synchronized (this) {
        outPixels += (double) r.image().width() * r.image().height();
        ran = r.models();
        device = r.device();
      }
      return null;
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs {@code step}, adding the CPU time of this thread it took to {@code total}. */
  private static <T> T timed(AtomicLong total, Step<T> step) throws Exception {
    long t0 = CPU.getCurrentThreadCpuTime();
    try {
      return step.run();
    } finally {
      total.addAndGet(CPU.getCurrentThreadCpuTime() - t0);
    }
  }

  private static double ms(double nanos) {
    return nanos / 1e6;
  }

  /** Inputs: crops of a real photo (examples/astronaut.jpg) at the benchmark size, as JPEG. */
  private static final class Inputs {
    static List<byte[]> photos(int n, int w, int h) throws Exception {
      Image photo = new ImageDecoder().decode(Files.readAllBytes(Path.of("examples/astronaut.jpg")),
          DecodeLimits.DEFAULT).image();
      Image big = Resampler.resize(photo, Math.max(w, h) * 2, Math.max(w, h) * 2, Filter.LANCZOS3, 8);
      List<byte[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int x = (i * 37) % (big.width() - w + 1);
        int y = (i * 53) % (big.height() - h + 1);
        out.add(new ImageEncoder().encode(crop(big, x, y, w, h),
            EncodeOptions.of(ImageFormat.JPEG).withQuality(90)).bytes());
      }
      return out;
    }

    private static Image crop(Image src, int x0, int y0, int w, int h) {
      Image out = Image.allocate(w, h, src.channels(), src.bitDepth());
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < src.channels(); c++) {
            out.setRaw(out.index(x, y) + c, src.raw(src.index(x0 + x, y0 + y) + c));
          }
        }
      }
      return out;
    }
  }

  /**
   * Command line: {@code --device cuda|tensorrt|cpu} (default cuda), {@code --gpu N} (0),
   * {@code --models all|id,id} (all bundled), {@code --precisions fp32,fp16}, {@code --batches
   * 1,4}, {@code --images N} (32), {@code --size WxH} (960x540, the cost reference's input),
   * {@code --tile N} (512), {@code --writers N} (CPU count), {@code --format jpeg|png} (jpeg),
   * {@code --dry-run} (CPU, esrgan-slim-x2, 4 images of 48x32, tile 512).
   */
  record Options(String deviceName, int gpu, List<String> modelIds, List<Precision> precisions,
      List<Integer> batches, int images, int width, int height, int tile, int writers,
      EncodeOptions format, boolean dryRun) {

    static Options parse(String[] args) {
      java.util.Map<String, String> a = new java.util.HashMap<>();
      boolean dry = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--dry-run")) {
          dry = true;
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          a.put(args[i].substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      String[] size = a.getOrDefault("size", dry ? "48x32" : "960x540").split("x");
      return new Options(dry ? "cpu" : a.getOrDefault("device", "cuda"),
          Integer.parseInt(a.getOrDefault("gpu", "0")),
          List.of(a.getOrDefault("models", dry ? "esrgan-slim-x2" : "all").split(",")),
          java.util.Arrays.stream(a.getOrDefault("precisions", "fp32,fp16").split(","))
              .map(t -> Precision.valueOf(t.toUpperCase(Locale.ROOT))).toList(),
          java.util.Arrays.stream(a.getOrDefault("batches", "1,4").split(","))
              .map(Integer::valueOf).toList(),
          Integer.parseInt(a.getOrDefault("images", dry ? "4" : "32")),
          Integer.parseInt(size[0]), Integer.parseInt(size[1]),
          Integer.parseInt(a.getOrDefault("tile", "512")),
          Integer.parseInt(a.getOrDefault("writers",
              String.valueOf(Runtime.getRuntime().availableProcessors()))),
          EncodeOptions.of(ImageFormat.valueOf(a.getOrDefault("format", "jpeg")
              .toUpperCase(Locale.ROOT))), dry);
    }

    List<String> models(ModelRegistry registry) {
      return modelIds.equals(List.of("all"))
          ? registry.all().stream().map(ModelCard::id).toList() : modelIds;
    }

    /** The session request: the GPU (CUDA or TensorRT, failing if unusable) or the CPU. */
    DeviceRequest device(Precision p, int batch) {
      GpuOptions gpuOptions = new GpuOptions(
          deviceName.equals("tensorrt") ? GpuOptions.Provider.TENSORRT : GpuOptions.Provider.CUDA,
          "HEURISTIC", 0, "kSameAsRequested", true, true, true, false,
          GpuOptions.defaults().tensorrtCacheDir(), 1L << 30, tile, -1, batch);
      if (deviceName.equals("cpu")) {
        return new DeviceRequest(DevicePolicy.CPU, OptionalInt.empty(),
            Runtime.getRuntime().availableProcessors(), p, gpuOptions);
      }
      return new DeviceRequest(DevicePolicy.GPU, OptionalInt.of(gpu), 1, p, gpuOptions);
    }

    String describe() {
      return String.format(Locale.ROOT, "%s%s: %s, precisions %s, batches %s, %d JPEG inputs of"
          + " %dx%d, tile %d, %d writer threads, output %s", dryRun ? "DRY RUN (tiny, on the CPU;"
          + " the real run: benchmarks/gpu.sh on a GPU instance) " : "", deviceName, modelIds,
          precisions, batches, images, width, height, tile, writers, format.format());
    }
  }
}
