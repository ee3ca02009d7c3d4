package io.upscaler.models;

/**
 * One row of the default-model table: requested scales up to {@code upToScale} (null = any) use
 * {@code model} when it is available.
 *
 * @param upToScale largest requested scale this row covers, or null for no limit
 * @param model model id
 */
public record DefaultModel(Double upToScale, String model) {}
