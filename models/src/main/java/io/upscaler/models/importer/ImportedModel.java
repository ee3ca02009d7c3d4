package io.upscaler.models.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.upscaler.models.CatalogEntry;
import io.upscaler.models.Hashes;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelCards;
import io.upscaler.models.ModelImportException;
import io.upscaler.models.RegistryTables;
import io.upscaler.models.SourcePackage;
import io.upscaler.models.onnx.Fp16Converter;
import io.upscaler.models.onnx.GraphStats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One catalog model converted to ONNX, with its card. Deterministic: the same package gives the
 * same bytes.
 *
 * @param card the model card
 * @param onnx the ONNX file's bytes
 */
public record ImportedModel(ModelCard card, byte[] onnx) {

  /** The card file's bytes. */
  public byte[] cardJson() {
    return ModelCards.toJson(card);
  }

  /**
   * Imports {@code entry} from its unpacked package folder.
   *
   * @param fp16 write a full fp16 graph (id, family and file get a "-fp16" suffix)
   */
  public static ImportedModel of(CatalogEntry entry, SourcePackage pkg, Path packageDir,
      boolean fp16) {
    SourceImporter importer = SourceImporter.BY_FORMAT.get(entry.format());
    if (importer == null) {
      throw new ModelImportException("model " + entry.id() + " has source format '"
          + entry.format() + "', for which there is no importer");
    }
    Path modelPath = packageDir.resolve(entry.path()).normalize();
    if (!modelPath.startsWith(packageDir.normalize())) {
      throw new ModelImportException("catalog path " + entry.path() + " leaves the package");
    }
    String precision = fp16 ? ModelCard.FP16 : ModelCard.FP32;
    ModelProto model = importer.importModel(modelPath, entry.id(), docString(entry, pkg, fp16),
        metadata(entry, pkg, precision));
    if (fp16) {
      model = Fp16Converter.convert(model);
    }
    GraphStats stats = GraphStats.of(model);
    if (stats.scale() != entry.nativeScale()) {
      throw new ModelImportException("model " + entry.id() + ": the catalog says x"
          + entry.nativeScale() + " but the imported graph upscales by " + stats.scale());
    }
    byte[] bytes = model.toByteArray();
    return new ImportedModel(card(entry, pkg, precision, stats, Hashes.sha256(bytes)), bytes);
  }

  private static ModelCard card(CatalogEntry e, SourcePackage pkg, String precision,
      GraphStats stats, String sha256) {
    boolean fp16 = precision.equals(ModelCard.FP16);
    String id = fp16 ? ModelCard.fp16TwinId(e.id()) : e.id();
    List<String> aliases = fp16 ? List.of() : RegistryTables.standard().aliasesOf(e.id());
    // The fp16 variant is a family of its own so that family() lists one model per scale.
    String family = fp16 ? e.family() + ModelCard.FP16_SUFFIX : e.family();
    return new ModelCard(id, family, e.architecture(), e.nativeScale(), "input", "output",
        ModelCard.NCHW, "RGB", e.valueMin(), e.valueMax(), precision, stats.parameters(),
        stats.flopsPerInputPixel(), stats.receptiveFieldRadius(), sha256, id + ".onnx",
        pkg.name(), pkg.version(), e.path(), pkg.license(), pkg.attribution(), aliases);
  }

  private static String docString(CatalogEntry e, SourcePackage pkg, boolean fp16) {
    return e.id() + ": " + e.architecture() + " x" + e.nativeScale() + " super-resolution, "
        + "imported from " + pkg.registry() + " " + pkg.spec() + " (" + e.path() + "). "
        + "Input 'input' and output 'output': NCHW, RGB, " + (fp16 ? "float16" : "float32")
        + ", values " + range(e) + " (output not clamped). " + pkg.license() + " licence: "
        + pkg.attribution() + ".";
  }

  private static Map<String, String> metadata(CatalogEntry e, SourcePackage pkg,
      String precision) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model_id", e.id());
    m.put("source", pkg.registry() + ":" + pkg.spec() + "/" + e.path());
    m.put("license", pkg.license());
    m.put("layout", "NCHW");
    m.put("channel_order", "RGB");
    m.put("value_range", range(e));
    m.put("precision", precision);
    return m;
  }

  private static String range(CatalogEntry e) {
    return trim(e.valueMin()) + ".." + trim(e.valueMax());
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
