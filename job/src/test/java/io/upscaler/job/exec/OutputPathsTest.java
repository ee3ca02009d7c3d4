package io.upscaler.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputPathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "shoes/sku-1", "deep/er/x y", "é/ünï", "a:b", "q?x#y%20", "..a", "a.."})
  void ordinaryIdsKeepTheirFolders(String id) throws Exception {
    assertEquals("s3a://b/out/images/" + id + ".png", OutputPaths.image("s3a://b/out", id, "png"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", "tab\there",
      "back\\slash", "nul\u0000"})
  void idsThatCouldEscapeOrBreakTheFolderAreInvalid(String id) {
    UpscaleException e =
        assertThrows(UpscaleException.class, () -> OutputPaths.image("/out", id, "png"));
    assertEquals(ErrorClass.INVALID_ID, e.errorClass());
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 400})
  void overlongSegmentsAreInvalid(int length) {
    assertThrows(UpscaleException.class, () -> OutputPaths.image("/out", "x".repeat(length), "png"));
  }
}
