package io.upscaler.job.plan;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.TargetSize;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.UpscaleRequest;
import io.upscaler.core.Upscaler;
import io.upscaler.core.image.AutoFormat;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.image.ImageInfo;
import io.upscaler.core.image.MetadataPolicy;
import io.upscaler.core.infer.Precision;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.config.ModelType;
import io.upscaler.models.Hashes;
import io.upscaler.models.ModelCard;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A row's effective settings: the run's settings with the row's overrides applied. A row that
 * gives any of scale, width or height replaces the run's size entirely. Invalid override values
 * fail the row (INVALID_REQUEST) with a message naming the column and value.
 *
 * <p>Serializable, immutable; used on executors.
 */
public final class RequestPlanner implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Bump when a change makes outputs of the same settings differ, so reruns redo them. */
  private static final String OUTPUT_VERSION = "1";

  private final JobConfig config;
  private final ModelResolver models;
  /** Model identity by requested name: a digest over the registry, made once per JVM and name. */
  private transient Map<String, String> identities;

  public RequestPlanner(JobConfig config, ModelResolver models) {
    this.config = config;
    this.models = models;
  }

  public JobConfig config() {
    return config;
  }

  public ModelResolver models() {
    return models;
  }

  /**
   * What a row asks for, fully resolved against an input's header: made once per row and carried
   * to the work.
   */
  public record RowPlan(
      UpscaleRequest request, Upscaler.Planned planned, EncodeOptions encode, String model)
      implements Serializable {
    /** Planned output pixels. */
    public long outputPixels() {
      return (long) planned.output().width() * planned.output().height();
    }
  }

  public RowPlan plan(RowOverrides o, ImageInfo info) throws UpscaleException {
    TargetSize target = target(o);
    TargetSize.Dimensions out = target.resolve(info.width(), info.height());
    double factor = out.factorOver(info.width(), info.height());
    List<ModelCard> family = models.family(model(o), factor);
    UpscaleRequest request =
        new UpscaleRequest(
            family, target, config.tile(), config.batch(), config.pad(), tuneColors(o),
            config.alpha(), config.maxOutputPixels());
    Upscaler.Planned planned = Upscaler.plan(info.width(), info.height(), request);
    return new RowPlan(request, planned, encodeOptions(o, info), model(o));
  }

  /**
   * The row's target size: the row's scale/width/height if it gives any, else the run's if it
   * gives any, else the native scale of the named model (the row's, else the run's) when the name
   * fixes one (see {@link ModelResolver#nativeScale}), else the default scale 4.
   */
  public TargetSize target(RowOverrides o) throws UpscaleException {
    try {
      if (!o.hasSize()) {
        return runTarget(config, models, model(o));
      }
      if (o.scale() != null && (o.width() != null || o.height() != null)) {
        throw new IllegalArgumentException("the row gives scale and width/height: give one");
      }
      return TargetSize.of(o.scale(), o.width(), o.height(), config.fit());
    } catch (IllegalArgumentException e) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "row settings: " + e.getMessage());
    }
  }

  /**
   * The run's own target for rows without a size: --scale/--width/--height, else the named
   * model's native scale, else the default.
   */
  public static TargetSize runTarget(JobConfig config, ModelResolver models, String model) {
    if (config.scale() == null && config.width() == null && config.height() == null) {
      OptionalInt fixed = models.nativeScale(model);
      if (fixed.isPresent()) {
        return new TargetSize.Factor(fixed.getAsInt());
      }
    }
    return config.target();
  }

  /**
   * The model a row asks for: its model, else its model_type's, else the run's.
   *
   * @throws UpscaleException INVALID_REQUEST when the row gives both, or an unknown model_type
   */
  public String model(RowOverrides o) throws UpscaleException {
    if (o.modelType() == null) {
      return o.model() != null ? o.model() : config.model();
    }
    if (o.model() != null) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST,
          "row settings: give model or model_type, not both (model '" + o.model() + "', model_type '"
              + o.modelType() + "')");
    }
    try {
      return ModelType.parse(o.modelType()).model();
    } catch (IllegalArgumentException e) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "row settings: " + e.getMessage());
    }
  }

  boolean tuneColors(RowOverrides o) {
    return o.tuneColors() != null ? o.tuneColors() : config.tuneColors();
  }

  String format(RowOverrides o) {
    return o.format() != null ? o.format() : config.format();
  }

  int quality(RowOverrides o) throws UpscaleException {
    int q = o.quality() != null ? o.quality() : config.quality();
    if (q < 1 || q > 100) {
      throw new UpscaleException(
          ErrorClass.INVALID_REQUEST, "row settings: quality must be 1..100, not " + q);
    }
    return q;
  }

  EncodeOptions encodeOptions(RowOverrides o, ImageInfo info) throws UpscaleException {
    String requested = format(o);
    ImageFormat format;
    if (requested.equalsIgnoreCase("auto")) {
      format = AutoFormat.choose(info.format(), info.hasAlpha());
    } else {
      format =
          ImageFormat.parse(requested)
              .filter(ImageFormat::canWrite)
              .orElseThrow(() -> new UpscaleException(ErrorClass.INVALID_REQUEST,
                  "row settings: format must be auto, png, jpeg, webp or tiff, not '" + requested + "'"));
    }
    return new EncodeOptions(
        format, quality(o), config.lossless(),
        config.stripMetadata() ? MetadataPolicy.STRIP : MetadataPolicy.KEEP,
        config.pngCompression(), config.webpMethod());
  }

  /**
   * A digest of everything that decides a row's output bytes: model checksums, the precision the
   * model runs at, size, format, quality, PNG compression, WebP method, tuning, alpha, metadata and
   * padding. Equal fingerprints mean an existing output can be kept.
   */
  public String fingerprint(RowOverrides o) throws UpscaleException {
    String text =
        String.join(
            "|",
            "v" + OUTPUT_VERSION,
            identity(model(o)),
            precisionRun(),
            String.valueOf(target(o)),
            format(o).toLowerCase(java.util.Locale.ROOT),
            String.valueOf(quality(o)),
            String.valueOf(config.lossless()),
            "png" + config.pngCompression(),
            "webp-m" + config.webpMethod(),
            String.valueOf(tuneColors(o)),
            config.alpha().name(),
            String.valueOf(config.stripMetadata()),
            String.valueOf(config.pad()));
    return Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  /**
   * Which weights run, as far as the settings decide it: an fp16 twin's output differs from its
   * fp32 model's, so outputs made on a GPU with precision=auto (fp16) are not kept by a run that
   * asks for fp32, and the other way round. With device=auto the device is only known on the
   * executor, so that run is its own kind ("auto").
   */
  private String precisionRun() {
    Precision p = config.precision();
    if (p == Precision.AUTO) {
      return switch (config.device()) {
        case CPU -> "fp32";
        case GPU -> "fp16@" + config.gpu().provider();
        case AUTO -> "auto@" + config.gpu().provider();
      };
    }
    return p == Precision.FP16 ? "fp16@" + config.gpu().provider() : "fp32";
  }

  private synchronized String identity(String model) throws UpscaleException {
    if (identities == null) {
      identities = new HashMap<>();
    }
    String key = model == null ? "" : model;
    String known = identities.get(key);
    if (known == null) {
      known = models.identity(model);
      identities.put(key, known);
    }
    return known;
  }
}
