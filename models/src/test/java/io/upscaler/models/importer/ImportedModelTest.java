package io.upscaler.models.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.models.CatalogEntry;
import io.upscaler.models.Hashes;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelCards;
import io.upscaler.models.ModelImportException;
import io.upscaler.models.OnnxSignatures;
import io.upscaler.models.SourcePackage;
import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.ncnn.NcnnFixture;
import io.upscaler.models.ncnn.NcnnFixture.WeightFormat;
import io.upscaler.models.tfjs.TfjsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import pipeline: package folder -> ONNX bytes + card, fp32 or fp16, checked and pinned. */
class ImportedModelTest {
  private static final SourcePackage PKG = new SourcePackage("@test/sr", "1.0.0", "npm",
      "sha512-none", "MIT", "Test Author");

  @TempDir
  Path dir;

  @Test
  void importsAPackageIntoACardAndBytes() throws Exception {
    CatalogEntry entry = entry(2);
    writeX2Model();

    ImportedModel m = ImportedModel.of(entry, PKG, dir, false);

    ModelCard card = m.card();
    assertEquals("test-x2", card.id());
    assertEquals(Hashes.sha256(m.onnx()), card.sha256());
    assertEquals("fp32", card.precision());
    assertEquals("@test/sr", card.sourcePackage());
    assertEquals("package/models/x2/model.json", card.sourcePath());
    assertEquals(2, card.nativeScale());
    assertEquals(1, card.receptiveFieldRadius()); // 3x3 conv at x1, 1x1 after the shuffle
    // conv 3x3 3->12 + bias + relu at x1, then conv 1x1 3->3 + bias on 4 output pixels
    assertEquals(2 * 9 * 3 * 12 + 12 + 12 + 4 * (2 * 3 * 3 + 3), card.flopsPerInputPixel(), 1e-9);
    assertEquals(card, ModelCards.verify(card, m.onnx()));
    assertEquals(card, ModelCards.parse(m.cardJson()));
  }

  @Test
  void fp16OptionWritesAHalfPrecisionModelUnderItsOwnId() throws Exception {
    writeX2Model();

    ImportedModel m = ImportedModel.of(entry(2), PKG, dir, true);

    assertEquals("test-x2-fp16", m.card().id());
    assertEquals("test-x2-fp16.onnx", m.card().file());
    assertEquals("test-fp16", m.card().family());
    assertEquals("fp16", m.card().precision());
    assertEquals("float16", OnnxSignatures.read(m.onnx()).inputs().get(0).elementType());
    ModelCards.verify(m.card(), m.onnx());
  }

  @Test
  void aCatalogScaleThatTheGraphDoesNotHaveIsRefused() throws Exception {
    writeX2Model();

    ModelImportException e = assertThrows(ModelImportException.class,
        () -> ImportedModel.of(entry(4), PKG, dir, false));

    assertTrue(e.getMessage().contains("the catalog says x4 but the imported graph upscales by 2"),
        e.getMessage());
  }

  @Test
  void aTarballThatDoesNotMatchTheCatalogIsRefused() throws Exception {
    Files.write(dir.resolve("test-sr-1.0.0.tgz"), new byte[] {1, 2, 3});
    Files.createDirectories(dir.resolve("test-sr-1.0.0"));

    ModelImportException e = assertThrows(ModelImportException.class,
        () -> new NpmPackages(dir).unpacked(PKG));

    assertTrue(e.getMessage().contains("but the catalog pins @test/sr@1.0.0 to sha512-none"),
        e.getMessage());
  }

  @Test
  void namesSelectCatalogEntries() {
    assertEquals(12, ImportMain.select(List.of("bundled")).size());
    assertEquals(List.of("esrgan-thick-x2", "esrgan-thick-x3", "esrgan-thick-x4",
        "esrgan-thick-x8"), ImportMain.select(List.of("esrgan-thick")).stream()
        .map(CatalogEntry::id).toList());
    assertEquals(18, ImportMain.select(List.of("all", "esrgan-slim-x2")).size());
    assertEquals(List.of("realesr-animevideov3-x2", "realesr-animevideov3-x3",
        "realesr-animevideov3-x4"), ImportMain.select(List.of("realesr-animevideov3")).stream()
        .map(CatalogEntry::id).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImportMain.select(List.of("esrgan-huge-x2")));
    assertTrue(e.getMessage().startsWith("unknown model 'esrgan-huge-x2'; importable: ["),
        e.getMessage());
  }

  @Test
  void importsAnNcnnModelWithItsCounts() throws Exception {
    new NcnnFixture(3).input("data")
        .conv("body", "data", 3, 12, 3, 3, true, WeightFormat.FP16, "4=1 9=2 -23310=1,2.000000e-01")
        .layer("PixelShuffle", "shuffle", "body", "0=2")
        .layer("Interp", "down", "shuffle", "0=3 1=5.000000e-01 2=5.000000e-01")
        .write(dir.resolve("package/models"), "m");
    CatalogEntry entry = new CatalogEntry("test-x1", "test", "toy", 1, "ncnn", PKG.spec(),
        "package/models/m.param", 0, 1, false);

    ModelCard card = ImportedModel.of(entry, PKG, dir, false).card();

    assertEquals(9 * 3 * 12 + 12, card.parameters());
    // conv + bias + leaky ReLU on 12 channels at x1, then a bicubic resize (16 taps) of 3 channels
    // back to x1: 3 output elements per input pixel.
    assertEquals(2 * 9 * 3 * 12 + 12 + 12 + 3 * 32, card.flopsPerInputPixel(), 1e-9);
    // Output y reads x2 samples 2y - 1 .. 2y + 2, i.e. x1 pixels y - 1 .. y + 1, then the conv.
    assertEquals(2, card.receptiveFieldRadius());
  }

  @Test
  void anUnknownNcnnLayerFailsTheImportWithItsName() throws Exception {
    new NcnnFixture(3).input("data").layer("Deconvolution", "up", "data", "0=3")
        .write(dir.resolve("package/models"), "m");
    CatalogEntry entry = new CatalogEntry("test-x2", "test", "toy", 2, "ncnn", PKG.spec(),
        "package/models/m.param", 0, 1, false);

    UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
        () -> ImportedModel.of(entry, PKG, dir, false));

    assertTrue(e.getMessage().startsWith("layer 'up' of class 'Deconvolution' is not supported by"
        + " the ncnn importer"), e.getMessage());
  }

  private static CatalogEntry entry(int scale) {
    return new CatalogEntry("test-x" + scale, "test", "toy", scale, "tfjs-layers", PKG.spec(),
        "package/models/x2/model.json", 0, 255, false);
  }

  private void writeX2Model() throws Exception {
    new TfjsFixture(1).input("LR", 3)
        .conv("c", "LR", 3, 12, new int[] {3, 3}, 1, 1, "same", 1, true, "relu")
        .layer("PixelShuffle2x", "shuffle", TfjsFixture.config("shuffle").put("scale", 2), "c")
        .conv("SR", "shuffle", 3, 3, new int[] {1, 1}, 1, 1, "same", 1, true, "linear")
        .write(dir.resolve("package/models/x2"));
  }
}
