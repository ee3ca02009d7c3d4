package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/** The decoder's take-over path gives exactly what the general conversion gives. */
class InterleavedRasterTest {
  @Test
  void everyCorpusImageTakenOverEqualsTheGeneralConversion() throws Exception {
    int taken = 0;
    for (String path : Corpus.all()) {
      byte[] bytes = TestImages.corpus(path);
      Header h;
      try {
        h = headerOf(bytes);
      } catch (Exception e) {
        continue; // not decodable: the hostile-input tests cover it
      }
      Supplier<BufferedImage> read = () -> read(bytes, h.format());
      Image fast = InterleavedRaster.take(read.get(), h.channels(), h.bitDepth(), h.colorKey());
      if (fast == null) {
        continue;
      }
      taken++;
      Image general = RasterConverter.convert(read.get(), h.channels(), h.bitDepth(), h.colorKey());
      assertTrue(TestImages.identical(general, fast), path);
    }
    // RGB/RGBA/grey PNGs at 8 and 16 bits, JPEGs and TIFFs of the corpus take the fast path.
    assertTrue(taken >= 20, "images taken over: " + taken);
  }

  @Test
  void reversedByteOrderIsReordered() {
    BufferedImage bgr = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
    bgr.setRGB(1, 1, 0x112233);
    Image img = InterleavedRaster.take(bgr, 3, 8, null);
    assertEquals(0x11, img.raw(img.index(1, 1)));
    assertEquals(0x22, img.raw(img.index(1, 1) + 1));
    assertEquals(0x33, img.raw(img.index(1, 1) + 2));
  }

  private static Header headerOf(byte[] bytes) throws Exception {
    return ImageDecoder.parse(new ByteView(bytes, FormatSniffer.detect(bytes)), true);
  }

  private static BufferedImage read(byte[] bytes, ImageFormat format) {
    try {
      ImageReader reader = ReaderTable.provider(format).createReaderInstance();
      try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(bytes)) {
        reader.setInput(in, false, true);
        return reader.read(0, reader.getDefaultReadParam());
      } finally {
        reader.dispose();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
