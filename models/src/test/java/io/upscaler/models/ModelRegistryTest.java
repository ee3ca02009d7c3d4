package io.upscaler.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry resolves ids and aliases, names defaults, and serves verified bytes. */
class ModelRegistryTest {
  private static final ModelRegistry BUNDLED = ModelRegistry.bundled();

  @TempDir
  Path dir;

  @Test
  void bundlesSlimAndMediumAtEveryScaleAndTheCompactRealEsrganModels() {
    assertEquals(List.of("esrgan-medium-x2", "esrgan-medium-x3", "esrgan-medium-x4",
        "esrgan-medium-x8", "esrgan-slim-x2", "esrgan-slim-x3", "esrgan-slim-x4",
        "esrgan-slim-x8", "realesr-animevideov3-x2", "realesr-animevideov3-x3",
        "realesr-animevideov3-x4", "realesr-general-x4v3"),
        BUNDLED.all().stream().map(ModelCard::id).toList());
    assertEquals(List.of(2, 3, 4, 8), BUNDLED.family("esrgan-slim").stream()
        .map(ModelCard::nativeScale).toList());
    assertEquals(List.of(2, 3, 4), BUNDLED.family("realesr-animevideov3").stream()
        .map(ModelCard::nativeScale).toList());
    assertEquals(List.of("realesr-general-x4v3"), BUNDLED.family("realesr-general-v3").stream()
        .map(ModelCard::id).toList());
    for (ModelCard card : BUNDLED.all()) {
      boolean realEsrgan = card.id().startsWith("realesr");
      assertEquals(realEsrgan ? 1.0 : 255.0, card.valueMax(), card.id());
      assertEquals(realEsrgan ? "BSD-3-Clause" : "MIT", card.license(), card.id());
      assertEquals(card.sha256(), Hashes.sha256(BUNDLED.modelBytes(card)), card.id());
    }
  }

  @Test
  void resolvesIdsCaseInsensitively() {
    assertEquals("esrgan-medium-x4", BUNDLED.resolve(" ESRGAN-Medium-X4 ").id());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "RealESRNet_x4plus|no npm package ships its weights",
      "RealESRGAN_x2plus|no npm package ships its weights"})
  void hostedApiNamesWithoutWeightsSayWhyTheyAreNotAvailable(String alias, String why) {
    ModelNotAvailableException e = assertThrows(ModelNotAvailableException.class,
        () -> BUNDLED.resolve(alias));

    assertTrue(e.getMessage().startsWith("model '" + alias + "' is not available here: "),
        e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertEquals(alias, e.requested());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"RealESRGAN_x4plus, realesrgan-x4plus",
      "RealESRGAN_x4plus_anime_6B, realesrgan-x4plus-anime"})
  void hostedApiNamesOfLargeRealEsrganModelsSayHowToImportThem(String alias, String id) {
    ModelNotAvailableException e = assertThrows(ModelNotAvailableException.class,
        () -> BUNDLED.resolve(alias));

    assertTrue(e.getMessage().startsWith("model '" + alias + "' is not available here: import it"
        + " with models/import.sh " + id + " "), e.getMessage());
  }

  @Test
  void realEsrganApiNamesResolve() throws Exception {
    ModelCard x4plus = importFake("realesrgan-x4plus", "realesr-general-x4v3");
    ModelRegistry registry = ModelRegistry.withDirectory(dir);

    assertEquals("realesr-general-x4v3", BUNDLED.resolve("realesr-general-x4v3").id());
    assertEquals("realesr-general-x4v3", BUNDLED.resolve("REALESR-GENERAL-X4V3").id());
    assertEquals(x4plus, registry.resolve("RealESRGAN_x4plus"));
  }

  @Test
  void thickModelsAreImportableOnDemand() {
    ModelNotAvailableException e = assertThrows(ModelNotAvailableException.class,
        () -> BUNDLED.resolve("esrgan-thick-x4"));

    assertTrue(e.getMessage().startsWith("model 'esrgan-thick-x4' is not available here: import "
        + "it with models/import.sh esrgan-thick-x4"), e.getMessage());
  }

  @Test
  void unknownNamesListWhatIsKnown() {
    ModelNotAvailableException e = assertThrows(ModelNotAvailableException.class,
        () -> BUNDLED.resolve("waifu3x"));

    assertTrue(e.getMessage().startsWith("unknown model 'waifu3x'; available: [esrgan-medium-x2"),
        e.getMessage());
    assertTrue(e.getMessage().contains("importable with models/import.sh: [esrgan-thick-x2"),
        e.getMessage());
    assertTrue(e.getMessage().contains("RealESRGAN_x4plus"), e.getMessage());
    assertTrue(assertThrows(ModelNotAvailableException.class, () -> BUNDLED.resolve("esrgan-slim"))
        .getMessage().startsWith("'esrgan-slim' is a model family; name one of its models"));
  }

  @ParameterizedTest(name = "x{0} -> {1}")
  @CsvSource({"1, realesr-general-x4v3", "2, realesr-general-x4v3", "2.5, realesr-general-x4v3",
      "3, realesr-general-x4v3", "4, realesr-general-x4v3", "4.01, esrgan-medium-x8",
      "8, esrgan-medium-x8", "16, esrgan-medium-x8"})
  void defaultModelPerRequestedScale(double scale, String id) {
    assertEquals(id, BUNDLED.defaultFor(scale).id());
  }

  @Test
  void everyBundledModelHasAnFp16TwinThatIsNotListedButResolves() {
    for (ModelCard card : BUNDLED.all()) {
      ModelCard twin = BUNDLED.fp16Twin(card).orElseThrow();
      assertEquals(card.id() + "-fp16", twin.id());
      assertEquals(ModelCard.FP16, twin.precision());
      assertEquals(card.family() + "-fp16", twin.family());
      assertEquals(card.flopsPerInputPixel(), twin.flopsPerInputPixel());
      assertEquals(card.receptiveFieldRadius(), twin.receptiveFieldRadius());
      assertEquals(twin, BUNDLED.resolve(twin.id()));
      assertEquals(twin.sha256(), Hashes.sha256(BUNDLED.modelBytes(twin)));
      assertTrue(BUNDLED.fp16Twin(twin).isEmpty(), "a twin has no twin");
    }
    assertEquals(12, BUNDLED.all().size());
  }

  @Test
  void anImportedModelWithoutATwinIsListedAndHasNone() throws Exception {
    ModelCard thick = importFake("esrgan-thick-x4", "esrgan-slim-x4");

    ModelRegistry registry = ModelRegistry.withDirectory(dir);

    assertTrue(registry.fp16Twin(thick).isEmpty());
    assertTrue(registry.all().contains(thick));
  }

  @Test
  void defaultRefusesScalesBelowOne() {
    for (double bad : new double[] {0.5, 0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> BUNDLED.defaultFor(bad), "" + bad);
    }
  }

  @Test
  void importedModelsInAFolderJoinTheBundledOnes() throws Exception {
    ModelCard card = importFake("esrgan-thick-x4", "esrgan-slim-x4");

    ModelRegistry registry = ModelRegistry.withDirectory(dir);

    assertEquals(card, registry.resolve("esrgan-thick-x4"));
    assertArrayEquals(BUNDLED.modelBytes(BUNDLED.resolve("esrgan-slim-x4")),
        registry.modelBytes(card));
    assertEquals(13, registry.all().size());
    assertEquals(12, ModelRegistry.withDirectory(dir.resolve("missing")).all().size());
  }

  @Test
  void aTamperedImportedFileIsRefusedOnLoad() throws Exception {
    ModelCard card = importFake("esrgan-thick-x4", "esrgan-slim-x4");
    byte[] onnx = Files.readAllBytes(dir.resolve(card.file()));
    onnx[onnx.length - 1] ^= 1;
    Files.write(dir.resolve(card.file()), onnx);
    ModelRegistry registry = ModelRegistry.withDirectory(dir);

    ModelValidationException e = assertThrows(ModelValidationException.class,
        () -> registry.modelBytes(card));

    assertTrue(e.getMessage().contains("but the card says " + card.sha256()), e.getMessage());
  }

  @Test
  void anImportedModelMayNotShadowADifferentBundledOne() throws Exception {
    importFake("esrgan-slim-x2", "esrgan-slim-x4");

    ModelValidationException e = assertThrows(ModelValidationException.class,
        () -> ModelRegistry.withDirectory(dir));

    assertTrue(e.getMessage().contains("imported model 'esrgan-slim-x2'"), e.getMessage());
  }

  @Test
  void aMalformedCardInTheFolderIsNamed() throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"id\": \"x\"}");

    ModelValidationException e = assertThrows(ModelValidationException.class,
        () -> ModelRegistry.withDirectory(dir));

    assertTrue(e.getMessage().contains("broken.json: card field"), e.getMessage());
  }

  /** Writes bundled model {@code source}'s bytes into the folder under a card with id {@code id}. */
  private ModelCard importFake(String id, String source) throws Exception {
    ModelCard s = BUNDLED.resolve(source);
    ModelCard card = new ModelCard(id, "test", s.architecture(), s.nativeScale(), "input",
        "output", "NCHW", "RGB", 0, 1, "fp32", s.parameters(), s.flopsPerInputPixel(),
        s.receptiveFieldRadius(), s.sha256(), id + ".onnx", null, null, null, null, null,
        List.of());
    Files.write(dir.resolve(card.file()), BUNDLED.modelBytes(s));
    Files.write(dir.resolve(id + ".json"), ModelCards.toJson(card));
    return card;
  }
}
