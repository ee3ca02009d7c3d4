package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.upscaler.core.UpscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample images of the README's first command decode as examples/README.md describes. */
class ExamplesTest {
  private static final Path EXAMPLES = Paths.get("..", "examples");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "astronaut.jpg, JPEG, 192, 192, 3",
    "coffee-rotated.jpg, JPEG, 240, 160, 3",
    "chelsea.webp, WEBP, 240, 160, 3",
    "camera.png, PNG, 192, 192, 1",
    "rocket-cutout.png, PNG, 240, 160, 4"
  })
  void sampleImagesDecodeUprightWithTheirLayout(String file, ImageFormat format, int width,
      int height, int channels) throws IOException, UpscaleException {
    byte[] bytes = Files.readAllBytes(EXAMPLES.resolve(file));
    DecodedImage d = new ImageDecoder().decode(bytes, DecodeLimits.DEFAULT);
    assertEquals(new ImageInfo(format, width, height, channels, 8, channels % 2 == 0), d.info());
    assertEquals(format, AutoFormat.choose(format, d.info().hasAlpha()));
  }
}
