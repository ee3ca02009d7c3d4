package io.upscaler.models.ncnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.models.Goldens;
import io.upscaler.models.Ort;
import io.upscaler.models.ncnn.NcnnFixture.WeightFormat;
import io.upscaler.models.ncnn.NcnnReference.Blob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ncnn importer computes what ncnn computes: every layer type and option the importer supports,
 * run in ONNX Runtime, against a float64 interpreter written from ncnn's layer definitions.
 */
class NcnnImporterTest {
  private static final double TOLERANCE = 1e-4;

  @TempDir
  Path dir;

  @Test
  void convolutionOptionsAndFusedActivationsMatchNcnn() throws Exception {
    NcnnFixture f = new NcnnFixture(1).input("data")
        .conv("pads", "data", 3, 4, 3, 3, true, WeightFormat.FP16,
            "4=1 15=0 14=2 16=1 9=2 -23310=1,1.000000e-01")
        .conv("strided", "pads", 4, 4, 1, 3, true, WeightFormat.FP16,
            "3=2 13=1 4=-233 15=-233 14=-233 16=-233 9=3 -23310=2,-5.000000e-01,5.000000e-01")
        .conv("dilated", "strided", 4, 6, 3, 3, false, WeightFormat.FP16, "2=2 4=2 9=4")
        .conv("mish", "dilated", 6, 6, 1, 1, true, WeightFormat.FP16, "9=5")
        .conv("swish", "mish", 6, 6, 3, 2, true, WeightFormat.FP16,
            "4=-234 15=-234 14=-234 16=-234 9=6 -23310=2,2.000000e-01,5.000000e-01")
        .conv("relu", "swish", 6, 3, 3, 3, true, WeightFormat.FP16, "4=1 9=1");

    assertMatchesNcnn(f, "relu", 11, 9);
  }

  @Test
  void weightsStoredAsFloat32Float16OrATableAreRead() throws Exception {
    NcnnFixture f = new NcnnFixture(2).input("data")
        .conv("fp32", "data", 3, 5, 3, 3, true, WeightFormat.FP32, "4=1")
        .conv("table", "fp32", 5, 5, 3, 3, false, WeightFormat.TABLE, "4=1")
        .conv("fp16", "table", 5, 3, 1, 1, true, WeightFormat.FP16, "");

    assertMatchesNcnn(f, "fp16", 6, 7);
  }

  @Test
  void pixelShuffleModesPreluSplitAndConcatMatchNcnn() throws Exception {
    NcnnFixture f = new NcnnFixture(3).input("data")
        .conv("c", "data", 3, 12, 3, 3, true, WeightFormat.FP16, "4=1")
        .layer("Split", "split", List.of("c"), List.of("c_0", "c_1"), "")
        .layer("PixelShuffle", "crd", "c_0", "0=2")
        .layer("PixelShuffle", "dcr", "c_1", "0=2 1=1")
        .layer("Concat", "cat", List.of("crd", "dcr"), List.of("cat"), "0=0")
        .prelu("per_channel", "cat", 6)
        .prelu("shared", "per_channel", 1);

    assertMatchesNcnn(f, "shared", 5, 4);
  }

  @ParameterizedTest(name = "{0} {1} with {2} inputs")
  @CsvSource(delimiter = '|', value = {
      "Eltwise|0=0|3", "Eltwise|0=1|2", "Eltwise|0=1 -23301=3,2.000000e-01,1.000000e+00,-2.000000e+00|3",
      "Eltwise|0=2|3", "BinaryOp||2", "BinaryOp|0=1|2", "BinaryOp|0=2|2", "BinaryOp|0=3|2",
      "BinaryOp|0=4|2", "BinaryOp|0=5|2", "BinaryOp|0=7|2", "BinaryOp|0=8|2",
      "BinaryOp|0=0 1=1 2=2.500000e-01|1", "BinaryOp|0=1 1=1 2=2.500000e-01|1",
      "BinaryOp|0=3 1=1 2=4.0|1", "BinaryOp|0=7 1=1 2=2.500000e-01|1", "BinaryOp|0=8 1=1 2=3.0|1"})
  void eltwiseAndBinaryOpsMatchNcnn(String type, String params, int inputs) throws Exception {
    List<String> operands = List.of("a", "b", "c").subList(0, inputs);
    NcnnFixture f = new NcnnFixture(4).input("data").layer("Split", "split", List.of("data"),
        operands.stream().map(o -> "data_" + o).toList(), "");
    for (String o : operands) {
      f.conv(o, "data_" + o, 3, 3, 1, 1, true, WeightFormat.FP16, "");
      // Keeps divisors away from zero, where ncnn and ONNX agree but the values explode.
      f.layer("BinaryOp", o + "_pos", o, "0=0 1=1 2=3.0");
    }
    f.layer(type, "out", operands.stream().map(o -> o + "_pos").toList(), List.of("out"),
        params == null ? "" : params);

    assertMatchesNcnn(f, "out", 5, 6);
  }

  @ParameterizedTest(name = "type {0} x{1} align_corner {2}")
  @CsvSource({"1, 2, 0", "1, 1.5, 0", "1, 2, 1", "2, 2, 0", "2, 0.5, 0", "2, 0.75, 0", "2, 2, 1",
      "3, 2, 0", "3, 0.5, 0", "3, 0.75, 0", "3, 3, 1", "3, 0.5, 1"})
  void interpModesMatchNcnn(int type, float scale, int align) throws Exception {
    NcnnFixture f = new NcnnFixture(5).input("data")
        .layer("Interp", "resize", "data", "0=" + type + " 1=" + scale + "e+00 2=" + scale
            + "e+00 6=" + align);

    assertMatchesNcnn(f, "resize", 8, 12);
  }

  @Test
  void theSameFilesGiveTheSameBytes() throws Exception {
    NcnnFixture f = new NcnnFixture(6).input("data")
        .conv("c", "data", 3, 3, 3, 3, true, WeightFormat.FP16, "4=1");
    Path param = f.write(dir, "m");

    assertArrayEquals(NcnnImporter.importModel(param, "m", "doc", Map.of("k", "v")).toByteArray(),
        NcnnImporter.importModel(param, "m", "doc", Map.of("k", "v")).toByteArray());
  }

  /** Imports the fixture, runs it on a random h x w image and compares with the reference. */
  private void assertMatchesNcnn(NcnnFixture f, String output, int h, int w) throws Exception {
    Path param = f.write(dir, "model");
    byte[] onnx = NcnnImporter.importModel(param, "test", "", Map.of()).toByteArray();
    Random random = new Random(h * 31L + w);
    float[] pixels = new float[3 * h * w];
    double[] values = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
      values[i] = pixels[i];
    }

    Ort.Tensor actual = Ort.run(onnx, new Ort.Tensor(pixels, new long[] {1, 3, h, w}));
    Blob expected = NcnnReference.run(f.layers, new Blob(3, h, w, values), output);

    assertArrayEquals(new long[] {1, expected.c(), expected.h(), expected.w()}, actual.shape());
    float[] reference = new float[expected.v().length];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = (float) expected.v()[i];
    }
    Goldens.Diff diff = Goldens.Diff.of(actual.values(), reference);
    assertTrue(diff.max() <= TOLERANCE, "max |difference| " + diff.max() + " (mean "
        + diff.mean() + ")");
  }
}
