package io.upscaler.job.manifest;

/** The manifest can't be used: the run stops on the driver (exit code 2) before any image is read. */
public class ManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }
}
