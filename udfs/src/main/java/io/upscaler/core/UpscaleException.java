package io.upscaler.core;

/**
 * A failure of one image, carrying its {@link ErrorClass}. The message is written for a person
 * reading the statistics table: it says what was wrong with the input or the request.
 */
public class UpscaleException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorClass errorClass;
  private final int retries;

  public UpscaleException(ErrorClass errorClass, String message) {
    this(errorClass, message, null, 0);
  }

  public UpscaleException(ErrorClass errorClass, String message, Throwable cause) {
    this(errorClass, message, cause, 0);
  }

  /**
   * A failure that came after {@code retries} retries of a transient one (a read that kept timing
   * out), so that the statistics row counts the retries its failure cost.
   */
  public UpscaleException(ErrorClass errorClass, String message, Throwable cause, int retries) {
    super(message, cause);
    this.errorClass = errorClass;
    this.retries = retries;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  /** Retries spent before this failure; 0 when it came at the first attempt. */
  public int retries() {
    return retries;
  }
}
