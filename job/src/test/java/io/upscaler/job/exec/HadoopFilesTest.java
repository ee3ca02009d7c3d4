package io.upscaler.job.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;
import org.apache.hadoop.net.ConnectTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HadoopFiles when the calling thread is interrupted, as a killed task attempt's writer threads
 * are: the write fails instead of returning, the old file stays, nothing is retried, and the
 * thread stays interrupted. (S3A's own interrupted uploads: {@code
 * InterruptedWritesOnS3IT}.)
 */
class HadoopFilesTest {
  @TempDir Path dir;

  /**
   * Loads Hadoop's local file system before any thread is interrupted: class and cache set-up
   * consume an interrupt in ways an executor, long warmed up when a task is killed, never sees.
   */
  @BeforeAll
  static void warmUp(@TempDir Path scratch) throws Exception {
    new HadoopFiles(new Configuration(), 0).write(scratch.resolve("warm").toUri().toString(), new byte[] {1});
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted(); // never leak an interrupt into the next test on this thread
  }

  @Test
  void aWriteInterruptedBeforeItsCloseReturnedFailsAndLeavesTheOldFileInPlace() throws Exception {
    Path target = dir.resolve("out.png");
    Files.write(target, new byte[] {1, 2, 3});
    Configuration conf = new Configuration();
    conf.set("fs.interrupting.impl", InterruptedOnClose.class.getName());
    conf.setBoolean("fs.interrupting.impl.disable.cache", true);
    HadoopFiles files = new HadoopFiles(conf, 3);

    UpscaleException e = assertThrows(UpscaleException.class,
        () -> files.write("interrupting://" + target.toUri().getPath(), new byte[] {9, 9}));

    assertTrue(Thread.interrupted(), "the thread is still interrupted");
    assertEquals(ErrorClass.WRITE_FAILED, e.errorClass());
    assertInstanceOf(InterruptedIOException.class, e.getCause(), e::toString);
    assertEquals(1, InterruptedOnClose.closes.get(), "written once, not retried");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target), "the old file was not replaced");
    assertEquals(List.of(target), list(dir), "no temporary file left behind");
  }

  @Test
  void aFailingWriteOnAnInterruptedThreadIsNotRetriedAndKeepsItsOwnErrorClass() throws Exception {
    Path notAFolder = dir.resolve("file");
    Files.write(notAFolder, new byte[] {1});
    HadoopFiles files = new HadoopFiles(new Configuration(), 3);

    Thread.currentThread().interrupt();
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> files.write(notAFolder.toUri() + "/out.png", new byte[] {9}));

    assertTrue(Thread.interrupted(), "the thread is still interrupted");
    // Before: a retry's backoff sleep woke at once and the row became INTERNAL ("a bug").
    assertEquals(ErrorClass.WRITE_FAILED, e.errorClass(), e::toString);
    assertFalse(e.getCause() instanceof InterruptedIOException, "the file system's own failure: " + e);
  }

  @Test
  void interruptsThatLibrariesTurnedIntoExceptionsAreRecognisedButTimeoutsAreNot() {
    assertTrue(HadoopFiles.interrupted(new InterruptedIOException("aborted")));
    assertTrue(HadoopFiles.interrupted(new ClosedByInterruptException()));
    assertFalse(HadoopFiles.interrupted(new SocketTimeoutException("read timed out")));
    assertFalse(HadoopFiles.interrupted(new ConnectTimeoutException("connect timed out")));
    assertFalse(HadoopFiles.interrupted(new IOException("connection reset")));
    Thread.currentThread().interrupt();
    assertTrue(HadoopFiles.interrupted(new IOException("connection reset")), "any failure on an interrupted thread");
  }

  /**
   * The local file system under the scheme {@code interrupting}: closing a file it created
   * interrupts the closing thread once the bytes are on disk, as a task kill that lands while
   * S3A's {@code close()} waits for its upload does (S3A then returns normally). The local file
   * system itself can't show this: its {@code create} clears a pending interrupt.
   */
  public static final class InterruptedOnClose extends RawLocalFileSystem {
    static final AtomicInteger closes = new AtomicInteger();

    @Override
    public URI getUri() {
      return URI.create("interrupting:///");
    }

    @Override
    public FSDataOutputStream create(org.apache.hadoop.fs.Path f, boolean overwrite, int bufferSize, short replication,
        long blockSize, Progressable progress) throws IOException {
      FSDataOutputStream out = super.create(f, overwrite, bufferSize, replication, blockSize, progress);
      return new FSDataOutputStream(new FilterOutputStream(out) {
        @Override
        public void close() throws IOException {
          super.close();
          closes.incrementAndGet();
          Thread.currentThread().interrupt();
        }
      }, null);
    }
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }
}
