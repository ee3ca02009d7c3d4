package io.upscaler.core;

/**
 * Why one image failed. Written into the statistics table as text, so names are a stable public
 * contract: add new ones, never rename.
 *
 * <p>{@link #isTransient()} tells the retry policy whether trying again can help (a timeout or
 * throttling may; a corrupt file or a missing object never will).
 */
public enum ErrorClass {
  /** The source object or file does not exist. */
  NOT_FOUND(false),
  /** Reading the source failed (I/O error, timeout, throttling). */
  READ_FAILED(true),
  /** The credentials in use may not read the source or write the output. */
  ACCESS_DENIED(false),
  /** Zero bytes. */
  EMPTY_IMAGE(false),
  /** The bytes are not an image format we can read (text, unknown magic, animation-only, ...). */
  UNSUPPORTED_FORMAT(false),
  /** The bytes claim a supported format but can't be decoded. */
  CORRUPT_IMAGE(false),
  /** The data ends before the image does. */
  TRUNCATED_IMAGE(false),
  /** The header declares more pixels than the configured input limit. */
  TOO_MANY_PIXELS(false),
  /** The encoded input is larger than the configured byte limit. */
  TOO_MANY_BYTES(false),
  /** The requested output would exceed the configured output pixel limit. */
  OUTPUT_TOO_LARGE(false),
  /** The row's own settings are invalid (scale, width, format, model, ...). */
  INVALID_REQUEST(false),
  /** The row's id is empty, absolute or escapes the output folder. */
  INVALID_ID(false),
  /** The model could not be found, loaded or validated. */
  MODEL_ERROR(false),
  /** The requested device (GPU) could not be used. */
  DEVICE_UNAVAILABLE(false),
  /** The inference runtime failed on this image. */
  INFERENCE_FAILED(false),
  /** The image could not be encoded in the requested format. */
  ENCODE_FAILED(false),
  /** Writing the output failed. */
  WRITE_FAILED(true),
  /** The JVM ran out of memory on this image. */
  OUT_OF_MEMORY(false),
  /** A bug: anything not classified above. */
  INTERNAL(false);

  private final boolean transientFailure;

  ErrorClass(boolean transientFailure) {
    this.transientFailure = transientFailure;
  }

  /** Whether a bounded retry may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
