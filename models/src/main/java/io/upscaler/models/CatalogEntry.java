package io.upscaler.models;

/**
 * A model this project knows how to import.
 *
 * @param id model id
 * @param family model family
 * @param architecture network architecture
 * @param nativeScale upscaling factor
 * @param format source format the importer reads, e.g. "tfjs-layers"
 * @param source package id in the catalog's package table, e.g. "@upscalerjs/esrgan-slim@1.0.0"
 * @param path path of the model inside the unpacked package
 * @param valueMin input/output range start
 * @param valueMax input/output range end
 * @param bundled whether the imported model ships inside this jar
 */
public record CatalogEntry(String id, String family, String architecture, int nativeScale,
    String format, String source, String path, double valueMin, double valueMax,
    boolean bundled) {}
