package io.upscaler.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the models module's own classpath resources. */
final class Resources {
  static final String ROOT = "/io/upscaler/models/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Resources() {}

  /** The bytes of resource {@code ROOT + name}; IllegalStateException when the jar lacks it. */
  static byte[] bytes(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + ROOT + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + ROOT + name, e);
    }
  }

  /** Resource {@code ROOT + name} bound to {@code type}; unknown JSON fields are an error. */
  static <T> T json(String name, Class<T> type) {
    try {
      return JSON.readValue(bytes(name), type);
    } catch (IOException e) {
      throw new IllegalStateException("resource " + ROOT + name + " is malformed: " + e.getMessage(),
          e);
    }
  }
}
