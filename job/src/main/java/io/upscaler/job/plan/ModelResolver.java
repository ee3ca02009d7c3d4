package io.upscaler.job.plan;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.ModelStore;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.models.Hashes;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelCards;
import io.upscaler.models.ModelNotAvailableException;
import io.upscaler.models.ModelRegistry;
import io.upscaler.models.ModelValidationException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a requested model (a registry id or alias, a family name, a model file URI, or nothing
 * for the registry default) into the family of models the core plans passes with.
 *
 * <p>Serializable: the driver builds it, loading and validating user model files (their cards
 * travel with it, their bytes are read again through Hadoop where a session is built). On
 * executors the registry is built once per JVM and folder.
 */
public final class ModelResolver implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, ModelRegistry> REGISTRIES = new ConcurrentHashMap<>();
  /** A scale token in a model name: "x4" or "4x", not part of a longer number. */
  private static final Pattern SCALE_IN_NAME =
      Pattern.compile("(?i)(?<![0-9a-z])x[0-9]+(?![0-9])|(?<![0-9])[0-9]+x(?![a-z0-9])");

  private final String modelsDir;
  private final Map<String, ModelCard> external;

  private ModelResolver(String modelsDir, Map<String, ModelCard> external) {
    this.modelsDir = modelsDir;
    this.external = Map.copyOf(external);
  }

  /**
   * Builds the resolver on the driver; every URI among {@code requested} is loaded and checked
   * against its card now, so a broken model file stops the run before any image is read.
   *
   * @throws IllegalArgumentException naming the model and what is wrong
   */
  public static ModelResolver create(String modelsDir, Collection<String> requested, HadoopFiles files) {
    Map<String, ModelCard> external = new HashMap<>();
    for (String name : requested) {
      if (name != null && isUri(name) && !external.containsKey(name)) {
        external.put(name, loadExternal(name, files));
      }
    }
    return new ModelResolver(modelsDir, external);
  }

  /** A model file rather than a registry name. */
  public static boolean isUri(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".onnx") || lower.contains("://") || name.startsWith("/");
  }

  private static ModelCard loadExternal(String uri, HadoopFiles files) {
    String cardUri = uri.toLowerCase(Locale.ROOT).endsWith(".onnx")
        ? uri.substring(0, uri.length() - 5) + ".json" : uri + ".json";
    try {
      ModelCard card = ModelCards.parse(files.readAll(cardUri, 1 << 20).bytes());
      byte[] onnx = files.readAll(uri, Integer.MAX_VALUE - 64).bytes();
      return ModelCards.verify(card, onnx);
    } catch (UpscaleException e) {
      throw new IllegalArgumentException(
          "model " + uri + " needs its card at " + cardUri + ": " + e.getMessage(), e);
    } catch (ModelValidationException e) {
      throw new IllegalArgumentException("model " + uri + " does not match its card " + cardUri
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The family to plan an upscale by {@code factor} with.
   *
   * @throws UpscaleException INVALID_REQUEST naming the model when it is not available here
   */
  public List<ModelCard> family(String requested, double factor) throws UpscaleException {
    try {
      if (requested != null && isUri(requested)) {
        ModelCard card = external.get(requested);
        if (card == null) {
          throw new UpscaleException(ErrorClass.INVALID_REQUEST, "model " + requested + " was not loaded");
        }
        return List.of(card);
      }
      return registry().planningFamily(requested, factor);
    } catch (ModelNotAvailableException e) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, e.getMessage(), e);
    }
  }

  /**
   * The scale a named model fixes, used when neither the run nor the row gives a size: the native
   * scale of a model named by its id, of a model file, or of an alias that names a scale ("x4",
   * "4x"). A family name, an alias without a scale, no model, or a name that is not available
   * here fixes none (the caller keeps its default; an unknown name fails elsewhere, naming it).
   */
  public OptionalInt nativeScale(String requested) {
    if (requested == null || requested.isBlank()) {
      return OptionalInt.empty();
    }
    String name = requested.trim();
    if (isUri(name)) {
      ModelCard card = external.get(name);
      return card == null ? OptionalInt.empty() : OptionalInt.of(card.nativeScale());
    }
    try {
      if (!registry().family(name).isEmpty()) {
        return OptionalInt.empty();
      }
      ModelCard card = registry().resolve(name);
      boolean byId = card.id().equalsIgnoreCase(name);
      return byId || SCALE_IN_NAME.matcher(name).find()
          ? OptionalInt.of(card.nativeScale()) : OptionalInt.empty();
    } catch (ModelNotAvailableException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * What identifies the model choice in a settings fingerprint: the checksums of the models it can
   * run (for the default: of every model the registry offers, since the default depends on scale).
   */
  public String identity(String requested) throws UpscaleException {
    StringBuilder b = new StringBuilder(requested == null ? "default" : requested);
    Collection<ModelCard> cards = requested == null ? registry().all() : family(requested, 1.0);
    for (ModelCard c : cards) {
      b.append('|').append(c.id()).append('=').append(c.sha256());
    }
    return Hashes.sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The ONNX bytes of a card this resolver returned, checked against the card. */
  public byte[] bytes(ModelCard card, HadoopFiles files) throws UpscaleException {
    for (Map.Entry<String, ModelCard> e : external.entrySet()) {
      if (e.getValue().id().equals(card.id()) && e.getValue().sha256().equals(card.sha256())) {
        byte[] onnx = files.readAll(e.getKey(), Integer.MAX_VALUE - 64).bytes();
        try {
          ModelCards.verify(card, onnx);
        } catch (ModelValidationException ex) {
          throw new UpscaleException(ErrorClass.MODEL_ERROR, ex.getMessage(), ex);
        }
        return onnx;
      }
    }
    try {
      return registry().modelBytes(card);
    } catch (ModelNotAvailableException | ModelValidationException e) {
      throw new UpscaleException(ErrorClass.MODEL_ERROR, e.getMessage(), e);
    }
  }

  /**
   * The models this resolver serves, as the core reads them: bytes through {@code files}, and the
   * registry's fp16 twins (a model file given by URI has none).
   */
  public ModelStore store(HadoopFiles files) {
    return new ModelStore() {
      @Override
      public byte[] bytes(ModelCard card) throws UpscaleException {
        return ModelResolver.this.bytes(card, files);
      }

      @Override
      public Optional<ModelCard> fp16Twin(ModelCard card) {
        boolean fromFile = external.values().stream().anyMatch(c -> c.id().equals(card.id()));
        return fromFile ? Optional.empty() : registry().fp16Twin(card);
      }
    };
  }

  private ModelRegistry registry() {
    return REGISTRIES.computeIfAbsent(modelsDir, d -> ModelRegistry.withDirectory(Path.of(d)));
  }
}
