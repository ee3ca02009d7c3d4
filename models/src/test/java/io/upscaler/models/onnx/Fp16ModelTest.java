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

/** The fp16 option gives a full half-precision graph that ONNX Runtime loads and runs close to fp32. */
class Fp16ModelTest {
  @Test
  void fp16GraphRunsInOnnxRuntimeCloseToFp32() throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    ModelCard card = registry.resolve("esrgan-slim-x2");
    byte[] fp32 = registry.modelBytes(card);
    byte[] fp16 = Fp16Converter.convert(OnnxSignatures.parse(fp32)).toByteArray();
    Goldens goldens = Goldens.fromClasspath();
    Goldens.Case photo = goldens.cases().stream()
        .filter(c -> c.model().equals(card.id()) && c.input().startsWith("photo")).findFirst()
        .orElseThrow();

    Ort.Tensor full = Ort.run(fp32, goldens.input(photo));
    Ort.Tensor half = Ort.run(fp16, goldens.input(photo));

    assertArrayEquals(full.shape(), half.shape());
    Goldens.Diff diff = Goldens.Diff.of(half.values(), full.values());
    System.out.printf(Locale.ROOT, "fp16 vs fp32 %s: max %.3f mean %.4f (0..255)%n", card.id(),
        diff.max(), diff.mean());
    // fp16 keeps ~3 significant digits (one step is 0.125 near 255): well under one 8-bit level.
    assertTrue(diff.mean() < 0.1, "mean difference " + diff.mean());
    assertTrue(diff.max() < 1.0, "max difference " + diff.max());
  }

  @Test
  void fp16RealEsrganGraphWithPreluAndBicubicResizeRunsCloseToExact() throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    byte[] fp32 = registry.modelBytes(registry.resolve("realesr-animevideov3-x2"));
    byte[] fp16 = Fp16Converter.convert(OnnxSignatures.parse(fp32)).toByteArray();
    NcnnGoldens.Case golden = NcnnGoldens.caseOf("realesr-animevideov3-x2").orElseThrow();

    Ort.Tensor half = Ort.run(fp16, NcnnGoldens.input());

    Goldens.Diff diff = Goldens.Diff.of(half.values(), NcnnGoldens.exact(golden));
    System.out.printf(Locale.ROOT, "fp16 vs exact realesr-animevideov3-x2: max %.2e mean %.2e"
        + " (0..1)%n", diff.max(), diff.mean());
    // Activations in fp16 carry ~3 significant digits: within one 8-bit level (3.9e-3).
    assertTrue(diff.max() < 3.9e-3, "max difference " + diff.max());
    assertTrue(diff.mean() < 3e-4, "mean difference " + diff.mean());
  }

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
