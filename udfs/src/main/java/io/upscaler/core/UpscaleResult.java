package io.upscaler.core;

import io.upscaler.core.image.Image;
import io.upscaler.core.tile.TileStats;

/**
 * An upscaled image and what it took.
 *
 * @param image the output: same channels and bit depth as the input, at the target size
 * @param models the passes that ran, e.g. "esrgan-medium-x4" or "a+a"; "none" if no model ran
 * @param device where the model ran ("cpu", "cuda:0"), or "none"
 * @param fallbackReason why an AUTO request ran on the CPU despite an assigned GPU; else null
 * @param tiles tiling counters and model time
 * @param resampleNanos time in the final resample and alpha upscale
 * @param tuneNanos time in colour tuning
 * @param sessionsLoaded model sessions this call had to build (0 when all were cached)
 */
public record UpscaleResult(
    Image image,
    String models,
    String device,
    String fallbackReason,
    TileStats tiles,
    long resampleNanos,
    long tuneNanos,
    int sessionsLoaded) {}
