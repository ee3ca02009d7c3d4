package io.upscaler.models;

/** A model in a foreign format that cannot be imported; the message says what and where. */
public class ModelImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelImportException(String message) {
    super(message);
  }

  public ModelImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
