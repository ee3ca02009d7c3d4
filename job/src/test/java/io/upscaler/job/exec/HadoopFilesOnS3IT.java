package io.upscaler.job.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.S3Requests;
import io.upscaler.job.testing.S3Requests.Kind;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.S3Traffic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A read is one GET and a write one PUT on S3, whatever the outcome, counted by a real proxy in
 * front of the S3 server: no HEAD or LIST before a read (a 404 is NOT_FOUND, a 403
 * ACCESS_DENIED, the byte limit judged on the bytes read), no existence checks or marker deletes
 * around a write, and no retried GETs for an empty object.
 */
@ExtendWith(E2eExtension.class)
class HadoopFilesOnS3IT {
  private static final String BUCKET = "hadoop-files";
  private static S3Traffic traffic;
  private static HadoopFiles files;

  @BeforeAll
  static void start(S3Server s3) {
    s3.createBucket(BUCKET);
    traffic = S3Traffic.start(s3);
    files = new HadoopFiles(traffic.hadoopConf(), 2);
  }

  @AfterAll
  static void stop() {
    traffic.close();
  }

  @Test
  void aReadIsOneGet(S3Server s3) throws Exception {
    s3.putString(uri("read/a.txt"), "twelve bytes");
    traffic.reset();
    assertArrayEquals("twelve bytes".getBytes(StandardCharsets.UTF_8), files.readAll(uri("read/a.txt"), 1000).bytes());
    assertOnly(Kind.GET, 206);
  }

  @Test
  void anEmptyObjectIsOneGet(S3Server s3) throws Exception {
    s3.put(uri("read/empty.bin"), new byte[0]);
    traffic.reset();
    assertEquals(0, files.readAll(uri("read/empty.bin"), 1000).bytes().length);
    assertOnly(Kind.GET, 416);
  }

  @Test
  void aMissingObjectIsNotFoundAfterOneGet() {
    traffic.reset();
    assertFails(ErrorClass.NOT_FOUND, uri("read/missing.png"), 1000);
    assertOnly(Kind.GET, 404);
  }

  @Test
  void aDeniedObjectIsAccessDeniedAfterOneGet(S3Server s3) {
    s3.putString(uri("denied/x.png"), "not for you");
    traffic.deny(uri("denied/"));
    traffic.reset();
    try {
      assertFails(ErrorClass.ACCESS_DENIED, uri("denied/x.png"), 1000);
      assertOnly(Kind.GET, 403);
    } finally {
      traffic.clearFaults();
    }
  }

  @Test
  void anOversizedObjectIsRefusedAfterOneBoundedGet(S3Server s3) {
    s3.put(uri("read/big.bin"), new byte[4096]);
    traffic.reset();
    assertFails(ErrorClass.TOO_MANY_BYTES, uri("read/big.bin"), 100);
    assertOnly(Kind.GET, 206);
  }

  @Test
  void aWriteIsOnePutAlsoOverAnExistingObject(S3Server s3) throws Exception {
    traffic.reset();
    assertEquals(0, files.write(uri("write/deep/folder/out.png"), "first".getBytes(StandardCharsets.UTF_8)));
    assertOnly(Kind.PUT, 200);
    assertEquals(0, files.write(uri("write/deep/folder/out.png"), "second".getBytes(StandardCharsets.UTF_8)));
    assertOnly(Kind.PUT, 200);
    assertEquals("second", s3.getString(uri("write/deep/folder/out.png")));
  }

  private static void assertFails(ErrorClass expected, String uri, long maxBytes) {
    UpscaleException e = assertThrows(UpscaleException.class, () -> files.readAll(uri, maxBytes));
    assertEquals(expected, e.errorClass(), e::getMessage);
  }

  /** Exactly one request since the last check, of {@code kind}, answered {@code status}. */
  private static void assertOnly(Kind kind, int status) {
    S3Requests seen = traffic.reset();
    assertEquals(List.of(kind + " " + status), seen.requests().stream().map(r -> r.kind() + " " + r.status()).toList(),
        seen::lines);
  }

  private static String uri(String key) {
    return "s3a://" + BUCKET + "/" + key;
  }
}
