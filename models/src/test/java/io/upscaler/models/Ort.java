package io.upscaler.models;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.upscaler.models.onnx.Float16;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Map;

/**
 * Runs ONNX models on the CPU for tests, on the JVM's one shared {@link OrtEnvironment} (never
 * closed: it lives as long as the test JVM).
 */
public final class Ort {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private Ort() {}

  /** A tensor's values and shape. */
  public record Tensor(float[] values, long[] shape) {}

  /** Runs a model with one float input named "input" and returns output "output" as floats. */
  public static Tensor run(byte[] onnx, Tensor input) throws OrtException {
    return run(onnx, input, OrtSession.SessionOptions.OptLevel.ALL_OPT);
  }

  /** {@link #run(byte[], Tensor)} at a graph optimization level. */
  public static Tensor run(byte[] onnx, Tensor input, OrtSession.SessionOptions.OptLevel level)
      throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(2);
      options.setOptimizationLevel(level);
      try (OrtSession session = ENV.createSession(onnx, options);
          OnnxTensor in = tensor(session, input);
          OrtSession.Result result = session.run(Map.of("input", in))) {
        OnnxTensor out = (OnnxTensor) result.get("output").orElseThrow();
        return new Tensor(floats(out), out.getInfo().getShape());
      }
    }
  }

  private static OnnxTensor tensor(OrtSession session, Tensor input) throws OrtException {
    TensorInfo info = (TensorInfo) session.getInputInfo().get("input").getInfo();
    if (info.type == OnnxJavaType.FLOAT16) {
      short[] half = new short[input.values().length];
      for (int i = 0; i < half.length; i++) {
        half[i] = Float16.fromFloat(input.values()[i]);
      }
      return OnnxTensor.createTensor(ENV, ShortBuffer.wrap(half), input.shape(),
          OnnxJavaType.FLOAT16);
    }
    return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input.values()), input.shape());
  }

  private static float[] floats(OnnxTensor out) {
    if (out.getInfo().type == OnnxJavaType.FLOAT16) {
      ShortBuffer half = out.getShortBuffer();
      float[] values = new float[half.remaining()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Float16.toFloat(half.get(i));
      }
      return values;
    }
    FloatBuffer fb = out.getFloatBuffer();
    float[] values = new float[fb.remaining()];
    fb.get(values);
    return values;
  }
}
