package io.upscaler.core;

/**
 * A failure of one image, carrying its {@link ErrorClass}. The message is written for a person
 * reading the statistics table: it says what was wrong with the input or the request.
 */
public class UpscaleException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorClass errorClass;

  public UpscaleException(ErrorClass errorClass, String message) {
    super(message);
    this.errorClass = errorClass;
  }

  public UpscaleException(ErrorClass errorClass, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }
}
