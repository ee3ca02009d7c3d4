package io.upscaler.job.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing an existing output file is one rename over it: a reader polling the file while it is
 * rewritten again and again always finds it, always complete (the old or the new bytes), and the
 * file system is never asked to delete it.
 */
class AtomicReplaceTest {
  private static final int REWRITES = 300;
  @TempDir Path dir;

  @Test
  void anExistingOutputIsNeverAbsentWhileItIsReplaced() throws Exception {
    Path target = dir.resolve("image.png");
    byte[] a = bytes(40_000, 1);
    byte[] b = bytes(90_000, 2);
    Configuration conf = new Configuration();
    conf.set("fs." + Watched.SCHEME + ".impl", Watched.class.getName());
    conf.setBoolean("fs." + Watched.SCHEME + ".impl.disable.cache", true);
    HadoopFiles files = new HadoopFiles(conf, 0);
    String uri = Watched.SCHEME + "://" + target;
    files.write(uri, a);
    Watched.TARGET_DELETES.set(0);

    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger absent = new AtomicInteger();
    AtomicInteger torn = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          byte[] seen = Files.readAllBytes(target);
          if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
            torn.incrementAndGet();
          }
        } catch (NoSuchFileException e) {
          absent.incrementAndGet();
        } catch (IOException e) {
          torn.incrementAndGet();
        }
        reads.incrementAndGet();
      }
    }, "reader");
    reader.start();
    try {
      for (int i = 0; i < REWRITES; i++) {
        assertEquals(0, files.write(uri, i % 2 == 0 ? b : a), "no retries");
      }
    } finally {
      done.set(true);
      reader.join();
    }

    assertEquals(0, absent.get(), "reads that found no file, of " + reads.get());
    assertEquals(0, torn.get(), "reads that found neither the old nor the new bytes, of " + reads.get());
    assertTrue(reads.get() > 0, "the reader read while the file was rewritten");
    assertEquals(0, Watched.TARGET_DELETES.get(), "deletes of the output itself");
    assertArrayEquals(a, Files.readAllBytes(target), "the last write wins");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary files left beside it");
    }
  }

  private static byte[] bytes(int n, int seed) {
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = (byte) (i * 31 + seed);
    }
    return v;
  }

  /** The local file system under {@code watched:///}, counting deletes of files named image.png. */
  public static final class Watched extends RawLocalFileSystem {
    static final String SCHEME = "watched";
    static final AtomicInteger TARGET_DELETES = new AtomicInteger();

    @Override
    public URI getUri() {
      return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public boolean delete(org.apache.hadoop.fs.Path p, boolean recursive) throws IOException {
      if (p.getName().equals("image.png")) {
        TARGET_DELETES.incrementAndGet();
      }
      return super.delete(p, recursive);
    }
  }
}
