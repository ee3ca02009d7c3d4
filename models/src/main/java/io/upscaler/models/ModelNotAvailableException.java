package io.upscaler.models;

/**
 * A model name that this registry cannot serve: unknown, known but not imported here, or known
 * with no source this project can import. The message says which, and what to do about it.
 */
public class ModelNotAvailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String requested;

  public ModelNotAvailableException(String requested, String message) {
    super(message);
    this.requested = requested;
  }

  /** The name that was asked for. */
  public String requested() {
    return requested;
  }
}
