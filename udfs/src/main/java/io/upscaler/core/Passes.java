package io.upscaler.core;

import io.upscaler.core.image.Image;
import io.upscaler.core.tile.TileStats;

/**
 * The image a chain of model passes produced so far, where it ran, and the models that ran
 * ("+"-joined ids: an fp16 twin's id where the session ran the twin).
 *
 * @param image the last pass's output; null before the first pass
 * @param device label of the device of the last pass ("none" before the first)
 * @param fallbackReason why the last pass ran on the CPU although a GPU was assigned; or null
 * @param stats tiles and times of every pass so far
 * @param loaded sessions these passes built
 * @param models the models that ran, or the plan's label before the first pass
 */
record Passes(Image image, String device, String fallbackReason, TileStats stats, int loaded,
    String models) {}
