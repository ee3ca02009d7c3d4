package io.upscaler.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.TinyModels;
import java.io.File;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime parses the process command line when its environment starts, recursively; a long
 * argument (a classpath of a few KB on {@code java -cp}) used to overflow the thread stack and
 * kill the JVM with SIGSEGV. This starts a real JVM with such a command line.
 */
class LongCommandLineTest {

  /** Child process entry point: build a session and run it once. */
  public static void main(String[] args) throws Exception {
    TinyModels.Model model = TinyModels.srNet(2, 5, 1.0);
    try (SessionCache cache = new SessionCache(1);
        SessionCache.Lease lease =
            cache.acquire(model.card(), model::bytes, DeviceRequest.cpu(1), 0)) {
      float[] out = lease.session().run(FloatBuffer.wrap(new float[12]), new long[] {1, 3, 2, 2});
      System.out.println("ran " + out.length);
    }
  }

  @Test
  void sessionsStartUnderACommandLineWithAVeryLongArgument() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    StringBuilder padding = new StringBuilder();
    while (padding.length() < 40_000) {
      padding.append(File.pathSeparator).append("/nonexistent/padding/entry/").append(padding.length());
    }
    List<String> command = new ArrayList<>();
    command.add(javaBin);
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(classpath + padding);
    command.add(LongCommandLineTest.class.getName());
    Path log = Files.createTempFile("long-cmdline", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "child JVM output:\n" + output);
    assertTrue(output.contains("ran 48"), output);
  }
}
