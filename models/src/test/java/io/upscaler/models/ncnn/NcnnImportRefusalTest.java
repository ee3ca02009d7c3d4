package io.upscaler.models.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.models.ModelImportException;
import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.ncnn.NcnnFixture.WeightFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the ncnn importer cannot import fails with a message naming the layer, type and parameter. */
class NcnnImportRefusalTest {
  @TempDir
  Path dir;

  @Test
  void anUnknownLayerTypeIsNamed() throws Exception {
    NcnnFixture f = conv().layer("Deconvolution", "up", "c", "0=3 1=4 3=2");

    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> load(f));

    assertEquals("up", e.layerName());
    assertEquals("Deconvolution", e.layerClass());
    assertTrue(e.getMessage().startsWith("layer 'up' of class 'Deconvolution' is not supported by"
        + " the ncnn importer (supported types: [BinaryOp, Concat, Convolution, Eltwise, Input,"
        + " Interp, PReLU, PixelShuffle, Split])"), e.getMessage());
  }

  @Test
  void anUnknownParameterIsNamed() throws Exception {
    NcnnFixture f = new NcnnFixture(1).input("data")
        .conv("c", "data", 3, 3, 3, 3, true, WeightFormat.FP16, "4=1 7=3 -23320=2,1,2");

    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> load(f));

    assertTrue(e.getMessage().startsWith("layer 'c' of class 'Convolution' has parameter(s) 7=3,"
        + " 20=2,1,2, which the ncnn importer does not know for this layer type (known: [0, 1, 2,"),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "Interp|0=2 3=64 4=64|resizes to a fixed or dynamic output size",
      "Interp|0=0 1=2.0 2=2.0|has 0=0 (resize type: 1 nearest, 2 bilinear, 3 bicubic); supported: [1, 2, 3]",
      "Interp|0=1 1=-2.0 2=2.0|has scales -2.0 x 2.0",
      "Interp|0=1 1=2|has 1=2; expected one number written as a float",
      "Eltwise|0=1 -23301=2,1,1|has 1=2,1,1; expected an array of floats",
      "PixelShuffle|0=2 1=2|has 1=2 (mode); supported: [0, 1]",
      "PixelShuffle|0=2|cannot be converted: up: cannot make CRD blocks of 2x2 from 3 channels",
      "Eltwise|0=3|has 0=3 (operation: 0 product, 1 sum, 2 max)",
      "BinaryOp|0=6 1=1 2=2.0|has 0=6 (operation); supported: [0, 1, 2, 3, 4, 5, 7, 8]",
      "BinaryOp|0=0|has 1 inputs; with_scalar=0 takes 2",
      "Concat|0=1|has 0=1 (axis (0 or -3 is the channel axis)); supported: [-3, 0]",
      "Split|0=1|has parameter(s) 0=1"})
  void unsupportedParameterValuesAreNamed(String type, String params, String message)
      throws Exception {
    NcnnFixture f = conv().layer(type, "up", "c", params);

    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> load(f));

    assertTrue(e.getMessage().startsWith("layer 'up' of class '" + type + "' "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "9=7|has 9=7 (activation type); supported: [0, 1, 2, 3, 4, 5, 6]",
      "9=2|has activation type 2 with 0 parameter(s) in 10=; it needs 1",
      "18=1.0|uses a nonzero pad value (18=)",
      "4=-233 15=1|has padding left -233, right 1, top -233, bottom -233",
      "19=1|or dynamic weights (19=)"})
  void unsupportedConvolutionSettingsAreNamed(String extra, String message) throws Exception {
    NcnnFixture f = new NcnnFixture(1).input("data")
        .conv("c", "data", 3, 3, 3, 3, false, WeightFormat.FP16, extra);

    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> load(f));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void int8WeightsAreRefused() throws Exception {
    NcnnFixture f = new NcnnFixture(1).input("data")
        .conv("c", "data", 3, 3, 3, 3, false, WeightFormat.INT8, "");

    ModelImportException e = assertThrows(ModelImportException.class, () -> load(f));

    assertTrue(e.getMessage().contains("model.bin: weights of layer 'c' are stored as int8 (tag"
        + " 0x000D4B38), which the importer does not support"), e.getMessage());
  }

  @Test
  void weightsThatDoNotFitTheGraphAreRefused() throws Exception {
    ModelImportException extra = assertThrows(ModelImportException.class,
        () -> load(conv().bytes(new byte[8])));
    NcnnFixture f = conv();
    Path param = f.write(dir, "model");
    byte[] bin = Files.readAllBytes(dir.resolve("model.bin"));
    Files.write(dir.resolve("model.bin"), java.util.Arrays.copyOf(bin, bin.length - 6));
    ModelImportException truncated = assertThrows(ModelImportException.class,
        () -> NcnnImporter.importModel(param, "m", "", Map.of()));

    assertTrue(extra.getMessage().contains("model.bin has 8 bytes left after the last layer's"
        + " weights"), extra.getMessage());
    assertTrue(truncated.getMessage().contains("more bytes of bias of layer 'c' (float32) are"
        + " needed: the file is truncated"), truncated.getMessage());
  }

  @Test
  void malformedGraphsAreRefused() throws Exception {
    assertRefused(List.of("7767518", "1 1", "Input in 0 1 data"), "is not an ncnn text graph");
    assertRefused(List.of("7767517", "2 1", "Input in 0 1 data"), "declares 2 layers and 1 blobs"
        + " but has 1 layers and 1 blobs");
    assertRefused(List.of("7767517", "1 1", "Input in 0 1 data 0=x"), "line 3: For input string");
    assertRefused(List.of("7767517", "1 1", "Input in 0 1 data -23300=2,1"),
        "line 3: array 2,1 does not hold 2 values");
    assertRefused(List.of("7767517", "2 3", "Input in 0 1 data", "Split s 1 2 data a b"),
        "the graph must have one output blob (written but never read), it has [a, b]");
    assertRefused(List.of("7767517", "2 3", "Input in 0 1 data", "Split s 1 1 other a"),
        "layer 's' of class 'Split' reads blob 'other', which no earlier layer writes");
  }

  private void assertRefused(List<String> lines, String message) throws Exception {
    Files.write(dir.resolve("g.param"), lines);
    Files.write(dir.resolve("g.bin"), new byte[0]);

    ModelImportException e = assertThrows(ModelImportException.class,
        () -> NcnnImporter.importModel(dir.resolve("g.param"), "g", "", Map.of()));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static NcnnFixture conv() {
    return new NcnnFixture(1).input("data")
        .conv("c", "data", 3, 3, 3, 3, true, WeightFormat.FP16, "4=1");
  }

  private void load(NcnnFixture f) throws Exception {
    NcnnImporter.importModel(f.write(dir, "model"), "m", "", Map.of());
  }
}
