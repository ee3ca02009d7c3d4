package io.upscaler.core.image;

import java.util.Locale;
import java.util.Optional;

/** Image container formats we can read; {@link #canWrite()} tells which we can also write. */
public enum ImageFormat {
  JPEG("jpeg", "jpg", true),
  PNG("png", "png", true),
  WEBP("webp", "webp", true),
  TIFF("tiff", "tiff", true),
  BMP("bmp", "bmp", false),
  GIF("gif", "gif", false),
  PSD("psd", "psd", false);

  private final String id;
  private final String extension;
  private final boolean writable;

  ImageFormat(String id, String extension, boolean writable) {
    this.id = id;
    this.extension = extension;
    this.writable = writable;
  }

  /** Lower-case name used in settings and the statistics table ("jpeg", "png", ...). */
  public String id() {
    return id;
  }

  /** File extension for outputs, without the dot. */
  public String extension() {
    return extension;
  }

  public boolean canWrite() {
    return writable;
  }

  /** Parses "jpeg", "jpg", "png", "webp", "tiff", "tif", ... ignoring case. */
  public static Optional<ImageFormat> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "jpg":
        return Optional.of(JPEG);
      case "tif":
        return Optional.of(TIFF);
      default:
        for (ImageFormat f : values()) {
          if (f.id.equals(n)) {
            return Optional.of(f);
          }
        }
        return Optional.empty();
    }
  }
}
