package io.upscaler.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.S3Server;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes through S3A to the S3 test server on a thread that is interrupted, as the writer threads
 * of a killed task attempt (a speculative copy that lost, an attempt whose stage was cancelled)
 * are: the write never returns as if its object were uploaded, is never retried, and leaves the
 * thread interrupted for the task to see.
 */
@ExtendWith(E2eExtension.class)
class InterruptedWritesOnS3IT {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void anUploadStartedOnAnInterruptedThreadFailsIsNotRetriedAndLeavesNoObject(S3Server s3) throws Exception {
    s3.createBucket("interrupted-before");
    HadoopFiles files = new HadoopFiles(s3.hadoopConf(), 3);
    files.write("s3a://interrupted-before/warm.bin", new byte[] {1}); // S3A loaded, as on a busy executor
    String uri = "s3a://interrupted-before/out.png";

    Thread.currentThread().interrupt();
    UpscaleException e = assertThrows(UpscaleException.class, () -> files.write(uri, new byte[] {1, 2, 3}));

    // No upload starts. Before, S3A's first request was aborted by the AWS SDK, which cleared the
    // interrupt, and the InterruptedIOException was a transient WRITE_FAILED: retried 200 ms later,
    // on a thread no longer interrupted, the retry uploaded the killed attempt's object.
    assertTrue(Thread.interrupted(), "the interrupt is restored");
    assertEquals(ErrorClass.WRITE_FAILED, e.errorClass());
    assertInstanceOf(InterruptedIOException.class, e.getCause(), e::toString);
    assertFalse(s3.exists(uri), "no retry uploaded it");
  }

  @Test
  void anUploadInterruptedWhileS3AsCloseWaitsForItThrowsInsteadOfReturning(S3Server s3) throws Exception {
    s3.createBucket("interrupted-in-close");
    HadoopFiles files = new HadoopFiles(s3.hadoopConf(), 3);
    files.write("s3a://interrupted-in-close/warm.bin", new byte[] {1});
    // 32 MB: one single-part PUT (under fs.s3a.multipart.size), long enough to interrupt mid-way.
    byte[] bytes = new byte[32 << 20];
    new Random(8).nextBytes(bytes);
    AtomicReference<Object> outcome = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try {
        outcome.set(files.write("s3a://interrupted-in-close/big.bin", bytes));
      } catch (UpscaleException e) {
        outcome.set(e);
      }
      interruptedAfter.set(Thread.currentThread().isInterrupted());
    }, "interrupted-writer");

    writer.start();
    awaitFrame(writer, "org.apache.hadoop.fs.s3a.S3ABlockOutputStream", "putObject");
    writer.interrupt();
    writer.join(60_000);

    assertFalse(writer.isAlive(), "the write ended");
    // Before: S3A logged "Interrupted object upload" and close() returned; so did write(), with 0 retries.
    UpscaleException e = assertInstanceOf(UpscaleException.class, outcome.get(), "the write threw");
    assertEquals(ErrorClass.WRITE_FAILED, e.errorClass());
    assertInstanceOf(InterruptedIOException.class, e.getCause(), e::toString);
    assertTrue(interruptedAfter.get(), "the thread is still interrupted");
  }

  /**
   * Waits (at most 60 s, polling its stack) until {@code thread} is inside {@code method} of
   * {@code type}; fails if the thread ends first.
   */
  private static void awaitFrame(Thread thread, String type, String method) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Arrays.stream(thread.getStackTrace())
          .anyMatch(f -> f.getClassName().equals(type) && f.getMethodName().equals(method))) {
        return;
      }
      if (!thread.isAlive()) {
        throw new AssertionError(thread.getName() + " ended before it was seen in " + type + "." + method);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(thread.getName() + " not seen in " + type + "." + method + " within 60 s");
  }
}
