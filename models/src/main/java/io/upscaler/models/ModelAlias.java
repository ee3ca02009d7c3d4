package io.upscaler.models;

/**
 * Another name for a model, e.g. the names hosted upscaling APIs use.
 *
 * @param alias the other name
 * @param model the model id it stands for, or null when there is no such model here
 * @param unavailable why it cannot be served when {@code model} is neither available nor
 *     importable; shown to the user
 */
public record ModelAlias(String alias, String model, String unavailable) {}
