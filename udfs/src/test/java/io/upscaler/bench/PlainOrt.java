package io.upscaler.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The floor the job is compared with ({@code benchmarks/efficiency.sh}): plain ONNX Runtime on
 * the same images and model file, whole images, 2 intra-op threads, nothing else. Images are
 * decoded and converted to tensors before the clock starts; one warm-up call is not counted. Prints
 * {@code plain_output_mp_per_s=<value>}.
 *
 * <p>Usage: {@code PlainOrt MODEL_ID IMAGE_DIR}
 */
public final class PlainOrt {
  private PlainOrt() {}

  public static void main(String[] args) throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    ModelCard card = registry.resolve(args[0]);
    List<float[]> inputs = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args[1])).sorted()) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Image img = new ImageDecoder().decode(Files.readAllBytes(f), DecodeLimits.DEFAULT).image();
        inputs.add(chw(img, (float) card.valueMax()));
        shapes.add(new long[] {1, 3, img.height(), img.width()});
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(2);
      try (OrtSession session = env.createSession(registry.modelBytes(card), options)) {
        run(env, session, card, inputs.get(0), shapes.get(0)); // warm-up
        long start = System.nanoTime();
        double mp = 0;
        for (int i = 0; i < inputs.size(); i++) {
          mp += run(env, session, card, inputs.get(i), shapes.get(i));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "plain ORT: %d images, %.2f output MP in %.1f s%n",
            inputs.size(), mp, seconds);
        System.out.printf(Locale.ROOT, "plain_output_mp_per_s=%.4f%n", mp / seconds);
      }
    }
  }

  /** One call; returns the output megapixels. */
  private static double run(OrtEnvironment env, OrtSession session, ModelCard card, float[] chw,
      long[] shape) throws Exception {
    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), shape);
        OrtSession.Result result = session.run(Map.of(card.inputName(), in))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      return out.remaining() / 3 / 1e6;
    }
  }

  private static float[] chw(Image img, float max) {
    int plane = img.width() * img.height();
    float[] v = new float[3 * plane];
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        int ch = img.isGrey() ? 0 : c;
        v[c * plane + p] = img.raw(p * img.channels() + ch) * max / img.maxValue();
      }
    }
    return v;
  }
}
