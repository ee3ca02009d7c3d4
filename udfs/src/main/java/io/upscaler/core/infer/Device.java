package io.upscaler.core.infer;

import java.io.Serializable;

/**
 * The device a session actually runs on.
 *
 * @param kind CPU or CUDA
 * @param id the CUDA device ordinal; 0 and meaningless for CPU
 */
public record Device(Kind kind, int id) implements Serializable {
  public enum Kind {
    CPU,
    CUDA
  }

  public static Device cpu() {
    return new Device(Kind.CPU, 0);
  }

  public static Device cuda(int id) {
    return new Device(Kind.CUDA, id);
  }

  /** "cpu" or "cuda:N", as written into the statistics table. */
  public String label() {
    return kind == Kind.CPU ? "cpu" : "cuda:" + id;
  }
}
