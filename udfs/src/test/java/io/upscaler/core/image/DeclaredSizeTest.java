package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A header that declares a huge size and then ends: the size, not the truncation, is reported. */
class DeclaredSizeTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void aBareHugePngHeaderIsTooManyPixelsNotTruncated() {
    byte[] bomb = pngHeaderOnly(100_000, 100_000);
    UpscaleException e =
        assertThrows(UpscaleException.class, () -> decoder.decode(bomb, DecodeLimits.DEFAULT));
    assertEquals(ErrorClass.TOO_MANY_PIXELS, e.errorClass(), e.getMessage());
  }

  @Test
  void aProbeThatRunsOutOfBytesSaysWhatTheHeaderDeclared() {
    NeedMoreBytesException e =
        assertThrows(NeedMoreBytesException.class, () -> decoder.probe(pngHeaderOnly(70_000, 3)));
    assertEquals(70_000, e.declaredWidth());
    assertEquals(3, e.declaredHeight());
  }

  @Test
  void aSmallTruncatedHeaderIsStillTruncated() {
    UpscaleException e =
        assertThrows(UpscaleException.class, () -> decoder.decode(pngHeaderOnly(10, 10), DecodeLimits.DEFAULT));
    assertEquals(ErrorClass.TRUNCATED_IMAGE, e.errorClass());
  }

  static byte[] pngHeaderOnly(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(33);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13);
    b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h);
    b.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 12, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
