package io.upscaler.job.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reading the ends of log files for assertion messages. */
final class Logs {
  /** Never read more than this from the end of a file: a tail is for people, not for parsing. */
  private static final int MAX_TAIL_BYTES = 256 * 1024;

  private Logs() {}

  /** The last {@code lines} lines of {@code file}, or a note saying why there are none. */
  static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no file " + file + ")";
    }
    try {
      List<String> all = Arrays.asList(readEnd(file).split("\r?\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** A titled tail, ready to append to a failure message. */
  static String section(String title, Path file, int lines) {
    return "\n----- " + title + " (" + file + ", last " + lines + " lines) -----\n"
        + tail(file, lines) + "\n";
  }

  /** The whole file as text (for captured program output). */
  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static String readEnd(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, raf.length() - MAX_TAIL_BYTES);
      byte[] bytes = new byte[(int) (raf.length() - start)];
      raf.seek(start);
      raf.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
