package io.upscaler.models.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upscaler.models.ModelImportException;
import io.upscaler.models.Ort;
import io.upscaler.models.UnsupportedLayerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer turns every supported Keras layer into ONNX that computes what Keras computes,
 * checked through ONNX Runtime against {@link KerasReference} on odd, non-square inputs.
 */
class TfjsImporterTest {
  @TempDir
  Path dir;

  @Test
  void everySupportedLayerClassComputesWhatKerasComputes() throws Exception {
    TfjsFixture m = new TfjsFixture(1).input("LR", 3)
        .conv("c1", "LR", 3, 8, new int[] {3, 3}, 1, 1, "same", 1, true, "relu")
        .conv("c2", "c1", 8, 8, new int[] {2, 2}, 1, 2, "same", 1, true, "linear")
        .layer("Activation", "act", activation("act", "tanh"), "c2")
        .layer("Concatenate", "cat", axis("cat", -1), "c1", "act")
        .conv("c3", "cat", 16, 8, new int[] {1, 1}, 1, 1, "valid", 1, false, "linear")
        .layer("Add", "sum", TfjsFixture.config("sum"), "c1", "c3", "c2")
        .layer("MultiplyBeta", "beta", beta("beta", 0.2), "sum")
        .layer("UpSampling2D", "up", upsampling("up", 2, "nearest"), "beta")
        .conv("c4", "up", 8, 12, new int[] {3, 3}, 1, 1, "same", 1, true, "swish")
        .layer("PixelShuffle2x", "shuffle", shuffle("shuffle", 2), "c4");

    assertMatchesKeras(m, 7, 9, 4);
  }

  @Test
  void stridedDilatedGroupedEvenAndValidConvolutionsComputeWhatKerasComputes() throws Exception {
    TfjsFixture m = new TfjsFixture(2).input("in", 3)
        .conv("s2", "in", 3, 4, new int[] {3, 3}, 2, 1, "same", 1, true, "linear")
        .conv("even", "s2", 4, 6, new int[] {4, 2}, 1, 1, "same", 1, true, "relu")
        .conv("grouped", "even", 6, 6, new int[] {3, 3}, 1, 1, "valid", 3, true, "linear")
        .conv("dilated", "grouped", 6, 4, new int[] {5, 3}, 1, 2, "same", 1, true, "elu")
        .conv("s2valid", "dilated", 4, 27, new int[] {2, 2}, 2, 1, "valid", 1, true, "linear")
        .layer("PixelShuffle3x", "shuffle", shuffle("shuffle", 3), "s2valid");

    assertMatchesKeras(m, 21, 26, 0);
  }

  @Test
  void everySupportedActivationComputesWhatKerasComputes() throws Exception {
    TfjsFixture m = new TfjsFixture(3).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "same", 1, true, "linear");
    String[] inputs = new String[KerasActivations.SUPPORTED.size()];
    for (int i = 0; i < inputs.length; i++) {
      String name = "a_" + KerasActivations.SUPPORTED.get(i);
      m.layer("Activation", name, activation(name, KerasActivations.SUPPORTED.get(i)), "c");
      inputs[i] = name;
    }
    m.layer("Concatenate", "all", axis("all", 3), inputs);

    assertMatchesKeras(m, 5, 6, 0);
  }

  @Test
  void unknownLayerClassFailsNamingTheLayerAndItsClass() throws Exception {
    TfjsFixture m = new TfjsFixture(4).input("in", 3)
        .layer("Lambda", "my_lambda", TfjsFixture.config("my_lambda"), "in");

    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> importIt(m));

    assertEquals("my_lambda", e.layerName());
    assertEquals("Lambda", e.layerClass());
    assertTrue(e.getMessage().startsWith("layer 'my_lambda' of class 'Lambda' is not supported"),
        e.getMessage());
  }

  @Test
  void unsupportedOptionsFailNamingTheLayerClassAndOption() throws Exception {
    assertRefused(new TfjsFixture(5).input("in", 3)
        .layer("UpSampling2D", "up", upsampling("up", 2, "bilinear"), "in"),
        "layer 'up' of class 'UpSampling2D' uses interpolation 'bilinear'");
    assertRefused(new TfjsFixture(5).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "same", 1, true, "gelu"),
        "layer 'c' of class 'Conv2D' uses activation 'gelu'");
    assertRefused(new TfjsFixture(5).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "causal", 1, true, "linear"),
        "layer 'c' of class 'Conv2D' uses padding 'causal'");
    TfjsFixture nchw = new TfjsFixture(5).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "same", 1, true, "linear");
    nchw.layers.get(1).config().put("data_format", "channels_first");
    assertRefused(nchw, "layer 'c' of class 'Conv2D' uses data_format 'channels_first'");
    assertRefused(new TfjsFixture(5).input("in", 3)
        .layer("Concatenate", "cat", axis("cat", 1), "in", "in"),
        "layer 'cat' of class 'Concatenate' concatenates along axis 1");
  }

  @Test
  void weightsThatDoNotFitTheLayersAreRefused() throws Exception {
    TfjsFixture wrongShape = new TfjsFixture(6).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "same", 1, true, "linear");
    wrongShape.shapes.put("c/kernel", new int[] {3, 3, 4, 3});
    assertImportFails(wrongShape, "weight 'c/kernel' has shape [3, 3, 4, 3] but layer 'c' needs "
        + "[3, 3, 3, 4]");

    TfjsFixture unused = new TfjsFixture(6).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "same", 1, true, "linear");
    unused.weight("ghost/kernel", 2);
    assertImportFails(unused, "weights not used by any layer: [ghost/kernel]");
  }

  @Test
  void truncatedOrEscapingShardsAreRefused() throws Exception {
    TfjsFixture m = new TfjsFixture(7).input("in", 3)
        .conv("c", "in", 3, 4, new int[] {3, 3}, 1, 1, "same", 1, true, "linear");
    Path modelJson = m.write(dir);
    Path shard = dir.resolve("group1-shard2of2.bin");
    Files.write(shard, java.util.Arrays.copyOf(Files.readAllBytes(shard), 10));
    ModelImportException truncated = assertThrows(ModelImportException.class,
        () -> TfjsImporter.importModel(modelJson, "t", "", Map.of()));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

    Files.writeString(modelJson, Files.readString(modelJson)
        .replace("group1-shard1of2.bin", "../../etc/passwd"));
    ModelImportException escaping = assertThrows(ModelImportException.class,
        () -> TfjsImporter.importModel(modelJson, "t", "", Map.of()));
    assertTrue(escaping.getMessage().contains("is not a file inside"), escaping.getMessage());
  }

  @Test
  void importIsDeterministic() throws Exception {
    TfjsFixture m = new TfjsFixture(8).input("in", 3)
        .conv("c", "in", 3, 12, new int[] {3, 3}, 1, 1, "same", 1, true, "relu")
        .layer("PixelShuffle2x", "shuffle", shuffle("shuffle", 2), "c");
    Path modelJson = m.write(dir);

    byte[] first = TfjsImporter.importModel(modelJson, "g", "doc", Map.of("k", "v")).toByteArray();
    byte[] second = TfjsImporter.importModel(modelJson, "g", "doc", Map.of("k", "v")).toByteArray();

    assertArrayEquals(first, second);
  }

  private void assertMatchesKeras(TfjsFixture m, int h, int w, int seed) throws Exception {
    ModelProto onnx = importIt(m);
    Random random = new Random(seed);
    double[] nhwc = new double[h * w * 3];
    float[] nchw = new float[nhwc.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          float v = random.nextFloat() * 2 - 1;
          nhwc[(y * w + x) * 3 + c] = v;
          nchw[(c * h + y) * w + x] = v;
        }
      }
    }
    KerasReference.Image expected = KerasReference.run(m,
        new KerasReference.Image(h, w, 3, nhwc));

    Ort.Tensor actual = Ort.run(onnx.toByteArray(), new Ort.Tensor(nchw, new long[] {1, 3, h, w}));

    assertArrayEquals(new long[] {1, expected.c(), expected.h(), expected.w()}, actual.shape());
    for (int y = 0; y < expected.h(); y++) {
      for (int x = 0; x < expected.w(); x++) {
        for (int c = 0; c < expected.c(); c++) {
          double e = expected.at(y, x, c);
          double a = actual.values()[(c * expected.h() + y) * expected.w() + x];
          assertEquals(e, a, 1e-4 * (1 + Math.abs(e)), "at y=" + y + " x=" + x + " c=" + c);
        }
      }
    }
  }

  private ModelProto importIt(TfjsFixture m) throws Exception {
    return TfjsImporter.importModel(m.write(dir), "test", "a test model", Map.of());
  }

  private void assertRefused(TfjsFixture m, String messageStart) {
    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> importIt(m));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  private void assertImportFails(TfjsFixture m, String message) {
    ModelImportException e = assertThrows(ModelImportException.class, () -> importIt(m));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static ObjectNode activation(String name, String activation) {
    return TfjsFixture.config(name).put("activation", activation);
  }

  private static ObjectNode axis(String name, int axis) {
    return TfjsFixture.config(name).put("axis", axis);
  }

  private static ObjectNode beta(String name, double beta) {
    return TfjsFixture.config(name).put("beta", beta);
  }

  private static ObjectNode shuffle(String name, int scale) {
    return TfjsFixture.config(name).put("scale", scale);
  }

  private static ObjectNode upsampling(String name, int size, String interpolation) {
    ObjectNode c = TfjsFixture.config(name);
    c.putArray("size").add(size).add(size);
    c.put("data_format", "channels_last");
    c.put("interpolation", interpolation);
    return c;
  }
}
