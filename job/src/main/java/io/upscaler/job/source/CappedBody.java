package io.upscaler.job.source;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a streamed body into memory, stopping as soon as it is known to exceed a byte limit: the
 * byte limit of every image read (HTTP bodies and Hadoop streams alike).
 */
public final class CappedBody {
  private static final int FIRST_BUFFER = 64 * 1024;

  private CappedBody() {}

  /**
   * @param declared the declared length, or -1; a declared length over the limit is refused
   *     without reading, and an undeclared body after {@code maxBytes + 1} bytes
   * @throws UpscaleException TOO_MANY_BYTES naming the setting
   */
  public static byte[] read(String url, InputStream body, long declared, long maxBytes)
      throws IOException, UpscaleException {
    if (declared > maxBytes) {
      throw tooLarge(url, declared + " bytes (Content-Length)", maxBytes);
    }
    byte[] buf = new byte[(int) (declared >= 0 ? declared : Math.min(FIRST_BUFFER, maxBytes + 1))];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > maxBytes) {
          throw tooLarge(url, "more than " + maxBytes + " bytes", maxBytes);
        }
        buf = Arrays.copyOf(buf, (int) Math.min(Math.max(1, (long) n * 2), maxBytes + 1));
      }
      int r = body.read(buf, n, buf.length - n);
      if (r < 0) {
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
      }
      n += r;
    }
  }

  private static UpscaleException tooLarge(String url, String size, long maxBytes) {
    return new UpscaleException(ErrorClass.TOO_MANY_BYTES, url + " is " + size
        + ", over the input byte limit of " + maxBytes + " (max-input-bytes)");
  }
}
