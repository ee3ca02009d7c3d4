package io.upscaler.models;

/**
 * A model file or card that cannot be used as it is: its bytes do not match the card's checksum,
 * its inputs or outputs do not match the card, or the card itself is malformed. The message says
 * exactly what differs. Permanent: retrying does not help.
 */
public class ModelValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelValidationException(String message) {
    super(message);
  }

  public ModelValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
