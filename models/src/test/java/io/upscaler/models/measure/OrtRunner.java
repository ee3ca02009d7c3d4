package io.upscaler.models.measure;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One CPU session of a float32 model ({@code input} -> {@code output}) with 2 intra-op threads,
 * reused across runs; for the measurement programs. Close it when done.
 */
final class OrtRunner implements AutoCloseable {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  private final OrtSession.SessionOptions options;
  private final OrtSession session;

  OrtRunner(byte[] onnx) throws OrtException {
    options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(2);
    session = ENV.createSession(onnx, options);
  }

  /** Runs on a 1x3xHxW image; returns the output values (1x3x(H*s)x(W*s)). */
  float[] run(float[] chw, int h, int w) throws OrtException {
    try (OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(chw),
            new long[] {1, 3, h, w});
        OrtSession.Result result = session.run(Map.of("input", in))) {
      FloatBuffer out = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
    options.close();
  }
}
