package io.upscaler.core.infer;

import java.io.Serializable;
import java.util.OptionalInt;

/**
 * What a task asks of the session cache: a policy, the GPU its scheduler assigned (if any), the
 * ORT threading for a CPU session, the model precision and how to use a GPU. Equal requests share
 * one session.
 *
 * @param policy device policy
 * @param assignedGpu the CUDA device ordinal Spark assigned to the task, or empty
 * @param intraOpThreads ORT intra-op threads for CPU sessions; at least 1
 * @param precision fp32 model or fp16 twin ({@link Precision#choose})
 * @param gpu provider (CUDA or TensorRT) and its options, used when a GPU is tried
 */
public record DeviceRequest(DevicePolicy policy, OptionalInt assignedGpu, int intraOpThreads,
    Precision precision, GpuOptions gpu) implements Serializable {

  public DeviceRequest {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
    }
    if (precision == null || gpu == null) {
      throw new IllegalArgumentException("precision and GPU options are required");
    }
  }

  /** A request with automatic precision and the default CUDA options. */
  public DeviceRequest(DevicePolicy policy, OptionalInt assignedGpu, int intraOpThreads) {
    this(policy, assignedGpu, intraOpThreads, Precision.AUTO, GpuOptions.defaults());
  }

  public static DeviceRequest cpu(int intraOpThreads) {
    return new DeviceRequest(DevicePolicy.CPU, OptionalInt.empty(), intraOpThreads);
  }
}
