package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.UpscaleException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deliberate reader/writer choices, and that one decoder/encoder serves many threads. */
class PluginChoiceTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "JPEG, com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi",
    "PNG, com.sun.imageio.plugins.png.PNGImageReaderSpi",
    "GIF, com.sun.imageio.plugins.gif.GIFImageReaderSpi",
    "WEBP, com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi",
    "TIFF, com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi",
    "BMP, com.twelvemonkeys.imageio.plugins.bmp.BMPImageReaderSpi",
    "PSD, com.twelvemonkeys.imageio.plugins.psd.PSDImageReaderSpi"
  })
  void eachFormatIsReadByTheChosenPluginWhateverTheRegistryOrder(ImageFormat format,
      String spi) {
    assertEquals(spi, ReaderTable.provider(format).getClass().getName());
  }

  @Test
  void writersAreTheChosenOnes() {
    assertEquals("com.sun.imageio.plugins.jpeg.JPEGImageWriterSpi",
        WriterTable.JPEG.getClass().getName());
    assertEquals("com.luciad.imageio.webp.WebPImageWriterSpi",
        WriterTable.WEBP.getClass().getName());
    assertEquals("com.sun.imageio.plugins.tiff.TIFFImageWriterSpi",
        WriterTable.TIFF.getClass().getName());
  }

  @Test
  void oneDecoderAndEncoderServeConcurrentThreads() throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    ImageEncoder encoder = new ImageEncoder();
    List<String> files = Corpus.all();
    List<Image> expected = new ArrayList<>();
    for (String f : files) {
      expected.add(decoder.decode(TestImages.corpus(f), DecodeLimits.DEFAULT).image());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          int checked = 0;
          for (int i = 0; i < files.size(); i++) {
            int k = (i + offset * 7) % files.size();
            Image img = decoder.decode(TestImages.corpus(files.get(k)), DecodeLimits.DEFAULT)
                .image();
            assertTrue(TestImages.identical(expected.get(k), img), files.get(k));
            encoder.encode(img, EncodeOptions.of(ImageFormat.values()[k % 4]));
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> r : results) {
        assertEquals(files.size(), r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tinyImagesSurviveEveryStep() throws UpscaleException {
    ImageDecoder decoder = new ImageDecoder();
    ImageEncoder encoder = new ImageEncoder();
    for (int[] size : new int[][] {{1, 1}, {1, 7}, {7, 1}}) {
      for (ImageFormat f : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG,
          ImageFormat.WEBP, ImageFormat.TIFF}) {
        Image img = TestImages.gradient(Math.max(2, size[0]), Math.max(2, size[1]), 3, 8);
        Image tiny = Image.allocate(size[0], size[1], 3, 8);
        for (int i = 0; i < size[0] * size[1] * 3; i++) {
          tiny.setRaw(i, img.raw(i));
        }
        byte[] bytes = encoder.encode(tiny, EncodeOptions.of(f)).bytes();
        Image back = decoder.decode(bytes, DecodeLimits.DEFAULT).image();
        assertEquals(size[0], back.width(), f + " " + size[0] + "x" + size[1]);
        assertEquals(size[1], back.height());
        assertEquals(Orientation.apply(back, 6).width(), size[1]);
      }
    }
  }
}
