package io.upscaler.udf;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.ModelStore;
import io.upscaler.core.TargetSize;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.UpscaleRequest;
import io.upscaler.core.Upscaler;
import io.upscaler.core.image.AutoFormat;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.DecodedImage;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.MetadataPolicy;
import io.upscaler.core.infer.DevicePolicy;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelNotAvailableException;
import io.upscaler.models.ModelRegistry;
import io.upscaler.models.ModelValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.api.java.UDF3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code upscale_image(content, scale [, model])}: the encoded image upscaled by {@code scale}
 * with the model family of {@code model} (default: the registry's default for the scale), in
 * the input's format where it can be written (see {@link AutoFormat}). NULL for NULL input and for
 * images that can't be upscaled (the reason is logged on the executor); only an unusable GPU under
 * device=gpu fails the query.
 *
 * <p>Serializable with its settings only; sessions come from the executor JVM's shared cache.
 */
final class UpscaleImageFunction implements UDF3<byte[], Double, String, byte[]> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(UpscaleImageFunction.class);
  private static final ImageDecoder DECODER = new ImageDecoder();
  private static final ImageEncoder ENCODER = new ImageEncoder();
  private static final Map<String, ModelRegistry> REGISTRIES = new ConcurrentHashMap<>();

  private final UdfSettings settings;

  UpscaleImageFunction(UdfSettings settings) {
    this.settings = settings;
  }

  @Override
  public byte[] call(byte[] content, Double scale, String model) throws UpscaleException {
    if (content == null || scale == null) {
      return null;
    }
    try {
      return upscale(content, scale, model);
    } catch (UpscaleException e) {
      if (e.errorClass() == ErrorClass.DEVICE_UNAVAILABLE
          && DevicePolicy.parse(settings.device()) == DevicePolicy.GPU) {
        throw e;
      }
      LOG.warn("upscale_image returns NULL: {}: {}", e.errorClass(), e.getMessage());
    } catch (ModelNotAvailableException | ModelValidationException | IllegalArgumentException e) {
      LOG.warn("upscale_image returns NULL: {}", e.getMessage());
    }
    return null;
  }

  private byte[] upscale(byte[] content, double scale, String model) throws UpscaleException {
    DecodedImage decoded =
        DECODER.decode(content, new DecodeLimits(settings.maxInputBytes(), settings.maxInputPixels()));
    ModelRegistry registry = registry();
    List<ModelCard> family = registry.planningFamily(model, scale);
    UpscaleRequest request =
        UpscaleRequest.of(family, new TargetSize.Factor(scale))
            .withTile(settings.tile(), 1, -1)
            .withMaxOutputPixels(settings.maxOutputPixels());
    DeviceRequest device =
        new DeviceRequest(DevicePolicy.parse(settings.device()), SparkTask.assignedGpu(), SparkTask.cpus());
    Upscaler upscaler = new Upscaler(SessionCache.shared(), ModelStore.of(registry), device, 0);
    var result = upscaler.upscale(decoded.image(), request);
    EncodeOptions encode =
        new EncodeOptions(
            AutoFormat.choose(decoded.info().format(), result.image().hasAlpha()),
            settings.quality(), false, MetadataPolicy.KEEP);
    return ENCODER.encode(result.image(), decoded.exif(), encode).bytes();
  }

  private ModelRegistry registry() {
    return REGISTRIES.computeIfAbsent(
        settings.modelsDir(), d -> ModelRegistry.withDirectory(Path.of(d)));
  }
}
