package io.upscaler.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The models this process can run: the ones bundled in this jar plus, optionally, those imported
 * into a folder by {@code models/import.sh}. Resolves ids and aliases (case-insensitively), names
 * the default model for a requested scale, and hands out model bytes checked against their cards.
 *
 * <p>Immutable and thread-safe. Cards are read when the registry is made; model bytes on each
 * {@link #modelBytes(ModelCard)} call (callers cache sessions, not bytes).
 */
public final class ModelRegistry {
  private static final String BUNDLED = "bundled/";
  private final Map<String, Source> models;
  private final ModelCatalog catalog = ModelCatalog.standard();
  private final RegistryTables tables = RegistryTables.standard();

  /** Where a model's bytes live: a classpath resource or a file. */
  private record Source(ModelCard card, String resource, Path file) {
    byte[] read() {
      if (resource != null) {
        return Resources.bytes(resource);
      }
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read model file " + file, e);
      }
    }
  }

  private static final class BundledHolder {
    static final ModelRegistry INSTANCE = new ModelRegistry(bundledSources());
  }

  private ModelRegistry(Map<String, Source> models) {
    List<Source> sorted = new ArrayList<>(models.values());
    sorted.sort(Comparator.comparing((Source s) -> s.card().family())
        .thenComparingInt(s -> s.card().nativeScale()).thenComparing(s -> s.card().id()));
    this.models = new LinkedHashMap<>();
    sorted.forEach(s -> this.models.put(s.card().id(), s));
  }

  /** The models bundled in this jar. */
  public static ModelRegistry bundled() {
    return BundledHolder.INSTANCE;
  }

  /**
   * The bundled models plus every model imported into {@code importedDir} (a card
   * {@code <id>.json} beside its ONNX file). A folder that does not exist adds nothing.
   *
   * @throws ModelValidationException for a malformed card, a missing ONNX file, or an imported
   *     model whose id clashes with a different bundled one
   */
  public static ModelRegistry withDirectory(Path importedDir) {
    Map<String, Source> sources = new TreeMap<>(bundledSources());
    for (Source imported : importedSources(importedDir)) {
      Source bundled = sources.get(imported.card().id());
      if (bundled != null && !bundled.card().sha256().equals(imported.card().sha256())) {
        throw new ModelValidationException("imported model '" + imported.card().id() + "' in "
            + importedDir + " has sha256 " + imported.card().sha256()
            + " but the bundled model with that id has " + bundled.card().sha256()
            + "; give the imported one another id");
      }
      sources.putIfAbsent(imported.card().id(), imported);
    }
    return new ModelRegistry(sources);
  }

  /**
   * The card for a model id or alias (case-insensitive).
   *
   * @throws ModelNotAvailableException when the name is unknown, names a model that is not
   *     imported here, or names a model with no importable source; the message says which
   */
  public ModelCard resolve(String idOrAlias) {
    if (idOrAlias == null || idOrAlias.isBlank()) {
      throw new ModelNotAvailableException(String.valueOf(idOrAlias),
          "no model named: give a model id or alias; " + knownNames());
    }
    String name = idOrAlias.trim();
    Optional<ModelCard> card = findCard(name);
    if (card.isPresent()) {
      return card.get();
    }
    Optional<ModelAlias> alias = tables.aliases().stream()
        .filter(a -> a.alias().equalsIgnoreCase(name)).findFirst();
    if (alias.isPresent()) {
      return resolveAlias(name, alias.get());
    }
    Optional<CatalogEntry> importable = catalogEntry(name);
    if (importable.isPresent()) {
      throw notImported(name, importable.get().id());
    }
    throw unknown(name);
  }

  /**
   * The default model for a requested scale: the first row of the default table that covers
   * {@code scale} and whose model is available. The model's native scale may differ from the
   * requested one; the caller resamples the result.
   *
   * @param scale requested output size / input size, at least 1
   */
  public ModelCard defaultFor(double scale) {
    if (!(scale >= 1) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("the requested scale must be a finite number >= 1, it is "
          + scale);
    }
    for (DefaultModel row : tables.defaults()) {
      if ((row.upToScale() == null || scale <= row.upToScale()) && models.containsKey(row.model())) {
        return models.get(row.model()).card();
      }
    }
    throw new ModelNotAvailableException("default for x" + scale, "no default model for scale "
        + scale + " is available here; " + knownNames());
  }

  /** Cards of a family, by native scale ascending (empty if none is available). */
  public List<ModelCard> family(String family) {
    return all().stream().filter(c -> c.family().equalsIgnoreCase(family)).toList();
  }

  /**
   * The models to plan an upscale with: the family of a requested model (an id, alias or family
   * name), or for {@code null} the family of the default model for {@code scale}. The caller picks
   * native scales from the family, so naming any member of a family lets it use all of them.
   *
   * @throws ModelNotAvailableException when the name is unknown or not available here
   */
  public List<ModelCard> planningFamily(String requested, double scale) {
    if (requested == null) {
      return family(defaultFor(Math.max(1.0, scale)).family());
    }
    List<ModelCard> named = family(requested.trim());
    return named.isEmpty() ? family(resolve(requested).family()) : named;
  }

  /**
   * The fp16 twin of an fp32 model, if this registry has it: the model {@link
   * ModelCard#fp16TwinId} names, in fp16, at the same native scale and value range. GPUs run it at
   * about twice the fp32 rate; the core picks it automatically on CUDA and TensorRT. Empty for an
   * fp16 card (it is its own half) and for models without a twin (user models, on-demand imports
   * made without {@code --fp16}).
   */
  public Optional<ModelCard> fp16Twin(ModelCard card) {
    if (!card.precision().equals(ModelCard.FP32)) {
      return Optional.empty();
    }
    Source twin = models.get(ModelCard.fp16TwinId(card.id()));
    if (twin == null) {
      return Optional.empty();
    }
    ModelCard t = twin.card();
    boolean matches = t.precision().equals(ModelCard.FP16) && t.nativeScale() == card.nativeScale()
        && t.valueMin() == card.valueMin() && t.valueMax() == card.valueMax();
    return matches ? Optional.of(t) : Optional.empty();
  }

  /**
   * Every available card, by family then native scale, without fp16 twins (they stand in for their
   * fp32 model on GPUs, see {@link #fp16Twin}; {@link #resolve} still finds them by id).
   */
  public List<ModelCard> all() {
    return models.values().stream().map(Source::card).filter(c -> !isTwin(c)).toList();
  }

  private boolean isTwin(ModelCard card) {
    String id = card.id();
    if (!card.precision().equals(ModelCard.FP16) || !id.endsWith(ModelCard.FP16_SUFFIX)) {
      return false;
    }
    Source fp32 = models.get(id.substring(0, id.length() - ModelCard.FP16_SUFFIX.length()));
    return fp32 != null && fp16Twin(fp32.card()).isPresent();
  }

  /**
   * The ONNX bytes of a model of this registry, checked against {@code card}: sha256 and declared
   * inputs/outputs.
   *
   * @throws ModelNotAvailableException when this registry has no model with the card's id
   * @throws ModelValidationException when the bytes do not match the card
   */
  public byte[] modelBytes(ModelCard card) {
    Source source = models.get(card.id());
    if (source == null) {
      throw new ModelNotAvailableException(card.id(), "model '" + card.id()
          + "' is not in this registry; " + knownNames());
    }
    byte[] bytes = source.read();
    ModelCards.verify(card, bytes);
    return bytes;
  }

  private Optional<ModelCard> findCard(String name) {
    for (Source s : models.values()) {
      ModelCard c = s.card();
      if (c.id().equalsIgnoreCase(name)
          || c.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private Optional<CatalogEntry> catalogEntry(String id) {
    return catalog.models().stream().filter(e -> e.id().equalsIgnoreCase(id)).findFirst();
  }

  private ModelCard resolveAlias(String name, ModelAlias alias) {
    if (alias.model() != null) {
      Source target = models.get(alias.model());
      if (target != null) {
        return target.card();
      }
      if (catalogEntry(alias.model()).isPresent()) {
        throw notImported(name, alias.model());
      }
    }
    throw new ModelNotAvailableException(name, "model '" + name + "' is not available here: "
        + alias.unavailable());
  }

  private static ModelNotAvailableException notImported(String name, String id) {
    return new ModelNotAvailableException(name, "model '" + name + "' is not available here: "
        + "import it with models/import.sh " + id + " (it writes to models/imported/ unless given "
        + "--out) and load the registry with that folder");
  }

  private ModelNotAvailableException unknown(String name) {
    List<String> families = models.values().stream().map(s -> s.card().family()).distinct()
        .filter(f -> f.equalsIgnoreCase(name)).toList();
    String hint = families.isEmpty() ? "unknown model '" + name + "'"
        : "'" + name + "' is a model family; name one of its models";
    return new ModelNotAvailableException(name, hint + "; " + knownNames());
  }

  private String knownNames() {
    List<String> importable = catalog.models().stream().map(CatalogEntry::id)
        .filter(id -> !models.containsKey(id)).toList();
    return "available: " + all().stream().map(ModelCard::id).toList() + "; importable with models/import.sh: " + importable
        + "; aliases: " + tables.aliases().stream().map(ModelAlias::alias).toList();
  }

  private static Map<String, Source> bundledSources() {
    Map<String, Source> sources = new TreeMap<>();
    for (String id : Resources.json(BUNDLED + "index.json", String[].class)) {
      ModelCard card = ModelCards.parse(Resources.bytes(BUNDLED + id + ".json"));
      if (!card.id().equals(id) || card.sha256() == null) {
        throw new IllegalStateException("bundled card " + id + ".json is inconsistent: id "
            + card.id() + ", sha256 " + card.sha256());
      }
      sources.put(id, new Source(card, BUNDLED + card.file(), null));
    }
    return sources;
  }

  private static List<Source> importedSources(Path dir) {
    List<Source> sources = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return sources;
    }
    try (DirectoryStream<Path> cards = Files.newDirectoryStream(dir, "*.json")) {
      for (Path cardFile : cards) {
        sources.add(importedSource(cardFile));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list imported models in " + dir, e);
    }
    return sources;
  }

  private static Source importedSource(Path cardFile) throws IOException {
    ModelCard card;
    try {
      card = ModelCards.parse(Files.readAllBytes(cardFile));
    } catch (ModelValidationException e) {
      throw new ModelValidationException("imported model card " + cardFile + ": " + e.getMessage(),
          e);
    }
    Path onnx = cardFile.resolveSibling(card.file());
    if (card.sha256() == null || !Files.isRegularFile(onnx)) {
      throw new ModelValidationException("imported model card " + cardFile
          + " needs a sha256 and its ONNX file " + onnx.getFileName() + " beside it");
    }
    return new Source(card, null, onnx);
  }

  @Override
  public String toString() {
    return "ModelRegistry" + models.keySet().toString().toLowerCase(Locale.ROOT);
  }
}
