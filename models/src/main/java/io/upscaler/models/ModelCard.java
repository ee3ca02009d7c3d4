package io.upscaler.models;

import java.io.Serializable;
import java.util.List;

/** Placeholder of the agreed card shape; replaced by the models branch at merge. */
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
    List<String> aliases)
    implements Serializable {
  public double flopsPerOutputPixel() {
    return flopsPerInputPixel / ((double) nativeScale * nativeScale);
  }
}
