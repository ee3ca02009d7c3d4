package io.upscaler.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lists the checked-in test images (paths relative to /images). */
final class Corpus {
  private Corpus() {}

  static List<String> all() {
    try {
      Path root = Paths.get(Corpus.class.getResource("/images").toURI());
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(Files::isRegularFile)
            .map(p -> root.relativize(p).toString().replace('\\', '/'))
            .sorted()
            .collect(Collectors.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
