package io.upscaler.core.infer;

import java.io.Serializable;

/**
 * The device a session actually runs on.
 *
 * @param kind CPU, CUDA, or TensorRT (on a CUDA device)
 * @param id the CUDA device ordinal; 0 and meaningless for CPU
 */
public record Device(Kind kind, int id) implements Serializable {
  public enum Kind {
    CPU,
    CUDA,
    TENSORRT
  }

  public static Device cpu() {
    return new Device(Kind.CPU, 0);
  }

  public static Device cuda(int id) {
    return new Device(Kind.CUDA, id);
  }

  public static Device tensorrt(int id) {
    return new Device(Kind.TENSORRT, id);
  }

  /** Whether this is a GPU (CUDA or TensorRT). */
  public boolean isGpu() {
    return kind != Kind.CPU;
  }

  /** "cpu", "cuda:N" or "tensorrt:N", as written into the statistics table. */
  public String label() {
    return switch (kind) {
      case CPU -> "cpu";
      case CUDA -> "cuda:" + id;
      case TENSORRT -> "tensorrt:" + id;
    };
  }
}
