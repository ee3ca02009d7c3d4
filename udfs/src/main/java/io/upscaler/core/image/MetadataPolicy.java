package io.upscaler.core.image;

/** What the encoder carries over from the input. */
public enum MetadataPolicy {
  /**
   * Carry the input's EXIF block (orientation reset to 1, since pixels are already upright; EXIF
   * pixel dimensions updated) where the output format can hold it — JPEG (APP1), PNG (eXIf),
   * WebP (EXIF chunk); not TIFF — and mark the output as sRGB (PNG sRGB chunk; JPEG, WebP and
   * TIFF without an ICC profile are sRGB by convention).
   */
  KEEP,
  /** Write pixels only: no EXIF, no colour chunks. */
  STRIP
}
