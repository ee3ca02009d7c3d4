package io.upscaler.job.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 messages as bytes on a socket, for {@link S3Traffic}: a head is read and forwarded
 * byte for byte (so request signatures, which cover the Host header and the exact query, stay
 * valid) and a body is framed by Content-Length or chunked encoding. Not a general HTTP library:
 * no header folding, no pipelining beyond one exchange at a time per connection.
 */
final class HttpWire {
  private static final int MAX_HEAD = 64 * 1024;

  private HttpWire() {}

  /** A message head: its raw bytes (start line, headers, blank line) and the parsed start line. */
  record Head(byte[] raw, String startLine, String headers) {
    /** The value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      return null;
    }

    boolean chunked() {
      String te = header("Transfer-Encoding");
      return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** Content-Length, or -1 when absent. */
    long contentLength() {
      String cl = header("Content-Length");
      return cl == null ? -1 : Long.parseLong(cl);
    }

    /** The status code of a response head. */
    int status() {
      return Integer.parseInt(startLine.split(" ", 3)[1]);
    }
  }

  /** Reads a head, or returns null when the stream ends before its first byte. */
  static Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (raw.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside a message head");
      }
      raw.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (raw.size() > MAX_HEAD) {
        throw new IOException("message head over " + MAX_HEAD + " bytes");
      }
    }
    String text = raw.toString(StandardCharsets.ISO_8859_1);
    int eol = text.indexOf("\r\n");
    return new Head(raw.toByteArray(), text.substring(0, eol), text.substring(eol + 2));
  }

  /** Reads a whole body framed by {@code head} (none when it declares neither framing). */
  static byte[] readBody(Head head, InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (head.chunked()) {
      copyChunked(in, body);
    } else if (head.contentLength() > 0) {
      copyExactly(in, body, head.contentLength());
    }
    return body.toByteArray();
  }

  /** Copies a body framed by {@code head}; without framing, everything up to end of stream. */
  static void copyBody(Head head, InputStream in, OutputStream out) throws IOException {
    if (head.chunked()) {
      copyChunked(in, out);
    } else if (head.contentLength() >= 0) {
      copyExactly(in, out, head.contentLength());
    } else {
      in.transferTo(out);
    }
    out.flush();
  }

  /** Copies chunk-size lines, chunks and trailers as they are (chunk framing is kept). */
  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = copyLine(in, out);
      int semicolon = sizeLine.indexOf(';');
      long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!copyLine(in, out).isEmpty()) {
          // trailer fields, up to the blank line
        }
        return;
      }
      copyExactly(in, out, size);
      copyLine(in, out); // the CRLF after the chunk
    }
  }

  /** Copies one CRLF-terminated line and returns it without the CRLF. */
  private static String copyLine(InputStream in, OutputStream out) throws IOException {
    StringBuilder line = new StringBuilder();
    int prev = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside chunk framing");
      }
      out.write(b);
      if (prev == '\r' && b == '\n') {
        return line.substring(0, line.length() - 1);
      }
      line.append((char) b);
      prev = b;
    }
  }

  private static void copyExactly(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buffer = new byte[8192];
    long left = n;
    while (left > 0) {
      int got = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (got < 0) {
        throw new EOFException("connection closed with " + left + " of " + n + " body bytes unread");
      }
      out.write(buffer, 0, got);
      left -= got;
    }
  }
}
