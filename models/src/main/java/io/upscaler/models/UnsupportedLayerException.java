package io.upscaler.models;

/** A layer (or a layer option) that an importer does not support. Names the layer and its class. */
public class UnsupportedLayerException extends ModelImportException {
  private static final long serialVersionUID = 1L;
  private final String layerName;
  private final String layerClass;

  public UnsupportedLayerException(String layerName, String layerClass, String detail) {
    super("layer '" + layerName + "' of class '" + layerClass + "' " + detail);
    this.layerName = layerName;
    this.layerClass = layerClass;
  }

  public String layerName() {
    return layerName;
  }

  public String layerClass() {
    return layerClass;
  }
}
