package io.upscaler.job.plan;

import java.io.Serializable;

/**
 * What is known of an input's size before it is read: from the manifest's hint columns, a folder
 * listing, or inline content's length. Used only to balance work; the image is always measured.
 *
 * @param bytes encoded size in bytes; -1 when unknown
 * @param width width in pixels; 0 when unknown
 * @param height height in pixels; 0 when unknown
 */
public record SizeHint(long bytes, int width, int height) implements Serializable {
  public static final SizeHint UNKNOWN = new SizeHint(-1, 0, 0);

  /** Builds a hint from nullable column values; non-positive values count as unknown. */
  public static SizeHint of(Long bytes, Integer width, Integer height) {
    return new SizeHint(
        bytes == null || bytes <= 0 ? -1 : bytes,
        width == null || width <= 0 || height == null || height <= 0 ? 0 : width,
        width == null || width <= 0 || height == null || height <= 0 ? 0 : height);
  }

  public boolean hasPixels() {
    return width > 0 && height > 0;
  }

  public boolean hasBytes() {
    return bytes > 0;
  }
}
