package io.upscaler.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.upscaler.models.Goldens;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import io.upscaler.models.NcnnGoldens;
import io.upscaler.models.OnnxSignatures;
import io.upscaler.models.Ort;
import io.upscaler.models.TensorSignature;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The fp16 option gives a full half-precision graph (fidelity: {@link Fp16TwinFidelityTest}). */
class Fp16ModelTest {
  @Test
  void fp16GraphIsHalfPrecisionEndToEnd() {
    byte[] fp32 = ModelRegistry.bundled().modelBytes(ModelRegistry.bundled().resolve("esrgan-slim-x4"));
    ModelProto half = Fp16Converter.convert(OnnxSignatures.parse(fp32));

    for (TensorSignature t : OnnxSignatures.of(half).inputs()) {
      assertEquals("float16", t.elementType(), t.toString());
    }
    for (TensorSignature t : OnnxSignatures.of(half).outputs()) {
      assertEquals("float16", t.elementType(), t.toString());
    }
    for (TensorProto t : half.getGraph().getInitializerList()) {
      // Resize scales are float32 by the ONNX spec; every weight is float16.
      int expected = t.getName().endsWith("/scales") ? TensorProto.DataType.FLOAT_VALUE
          : TensorProto.DataType.FLOAT16_VALUE;
      assertEquals(expected, t.getDataType(), t.getName());
    }
    assertTrue(half.getSerializedSize() < fp32.length * 0.55, "weights take half the bytes");
  }
}
