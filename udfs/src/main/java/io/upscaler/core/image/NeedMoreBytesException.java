package io.upscaler.core.image;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;

/**
 * The header of an image continues past the end of the bytes given. Its error class is {@link
 * ErrorClass#TRUNCATED_IMAGE}: for a whole file that is the right verdict. A caller that passed
 * only a prefix of the file (to plan without reading everything) should instead read more — at
 * least {@link #bytesNeeded()} bytes from the start — and probe again.
 */
public final class NeedMoreBytesException extends UpscaleException {
  private static final long serialVersionUID = 1L;
  private final ImageFormat format;
  private final long bytesNeeded;
  private final long bytesAvailable;
  private final long declaredWidth;
  private final long declaredHeight;

  NeedMoreBytesException(
      ImageFormat format, long bytesNeeded, long bytesAvailable, long declaredWidth,
      long declaredHeight) {
    super(
        ErrorClass.TRUNCATED_IMAGE,
        String.format(
            "%s data ends after %,d bytes but its header needs at least %,d bytes: the file is"
                + " truncated (or the prefix read to probe it was too short)",
            format.name(), bytesAvailable, bytesNeeded));
    this.format = format;
    this.bytesNeeded = bytesNeeded;
    this.bytesAvailable = bytesAvailable;
    this.declaredWidth = declaredWidth;
    this.declaredHeight = declaredHeight;
  }

  /** The width the header declared before the data ran out, or -1 if it got no further. */
  public long declaredWidth() {
    return declaredWidth;
  }

  /** The height the header declared before the data ran out, or -1 if it got no further. */
  public long declaredHeight() {
    return declaredHeight;
  }

  /** The format recognised from the magic bytes. */
  public ImageFormat format() {
    return format;
  }

  /**
   * A lower bound on the prefix length (from the start of the file) that the header needs. Reading
   * this many bytes may reveal that still more are needed (chained headers: one more JPEG
   * segment, PNG chunk or TIFF value), so loop, reading at least {@code max(bytesNeeded(), 2 ×
   * current prefix)}, or read the whole object.
   */
  public long bytesNeeded() {
    return bytesNeeded;
  }

  /** How many bytes were given. */
  public long bytesAvailable() {
    return bytesAvailable;
  }
}
