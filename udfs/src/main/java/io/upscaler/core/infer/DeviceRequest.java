package io.upscaler.core.infer;

import java.io.Serializable;
import java.util.OptionalInt;

/**
 * What a task asks of the session cache: a policy, the GPU its scheduler assigned (if any), and
 * the ORT threading for a CPU session. Equal requests share one session.
 *
 * @param policy device policy
 * @param assignedGpu the CUDA device ordinal Spark assigned to the task, or empty
 * @param intraOpThreads ORT intra-op threads for CPU sessions; at least 1
 */
public record DeviceRequest(DevicePolicy policy, OptionalInt assignedGpu, int intraOpThreads)
    implements Serializable {

  public DeviceRequest {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
    }
  }

  public static DeviceRequest cpu(int intraOpThreads) {
    return new DeviceRequest(DevicePolicy.CPU, OptionalInt.empty(), intraOpThreads);
  }
}
