package io.upscaler.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.testing.smoke.SmokeApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole chain a user runs: the shaded application jar, spark-submit to a standalone cluster,
 * executors in separate JVMs reading and writing s3a:// on an S3 server.
 */
@ExtendWith(E2eExtension.class)
class PackagedJarSmokeIT {
  private static final int ROWS = 40;

  @Test
  void applicationJarHasLinuxNativesMergedImageIoServicesAndNoClusterLibraries() throws IOException {
    try (ZipFile jar = new ZipFile(E2eFiles.appJar().toFile())) {
      for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so",
          "libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so")) {
        assertNotNull(jar.getEntry("ai/onnxruntime/native/linux-x64/" + lib), lib);
      }
      assertNotNull(jar.getEntry("native/Linux/x86_64/libwebp-imageio.so"), "webp-imageio native");
      assertNotNull(jar.getEntry("io/upscaler/core/Upscaler.class"), "our own classes");
      String readers = text(jar, "META-INF/services/javax.imageio.spi.ImageReaderSpi");
      assertTrue(readers.contains("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi")
          && readers.contains("com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi")
          && readers.contains("com.luciad.imageio.webp.WebPImageReaderSpi"), readers);
      String writers = text(jar, "META-INF/services/javax.imageio.spi.ImageWriterSpi");
      assertTrue(writers.contains("com.luciad.imageio.webp.WebPImageWriterSpi"), writers);
      List<String> unwanted = jar.stream().map(ZipEntry::getName).filter(PackagedJarSmokeIT::unwanted)
          .limit(20).toList();
      assertEquals(List.of(), unwanted, "entries a Linux Spark cluster provides or never needs");
    }
  }

  @Test
  void clusterReadsAndWritesS3aOnTwoExecutorJvms(S3Server s3, StandaloneCluster cluster) {
    s3.createBucket("smoke");
    String csv = "id,word\n" + IntStream.range(0, ROWS).mapToObj(i -> i + ",word" + i)
        .collect(Collectors.joining("\n")) + "\n";
    s3.putString("s3a://smoke/in/words.csv", csv);

    Map<String, String> conf = new HashMap<>(s3.sparkConf());
    // Shuffle output sits on one executor; without this the other could wait out the locality
    // delay while the first takes every task.
    conf.put("spark.locality.wait", "0s");
    SubmitResult result = cluster.submit(SmokeApp.class.getName(), E2eFiles.appJar(),
        List.of(E2eFiles.smokeJar()), conf, Duration.ofMinutes(3),
        List.of("s3a://smoke/in/words.csv", "s3a://smoke/out")).assertSuccess();

    List<String[]> lines = outputLines(s3, "s3a://smoke/out/");
    Set<String> ids = new TreeSet<>();
    Set<String> executorJvms = new TreeSet<>();
    for (String[] f : lines) {
      ids.add(f[0]);
      assertEquals("WORD" + f[0], f[1], String.join(",", f));
      executorJvms.add("executor " + f[2] + " pid " + f[3]);
      assertEquals("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader", f[4]);
      assertEquals("com.luciad.imageio.webp.WebPWriter", f[5]);
      assertTrue(f[6].matches("\\d+\\.\\d+\\.\\d+"), "ORT version " + f[6]);
    }
    assertEquals(ROWS, lines.size(), result.diagnostics());
    assertEquals(ROWS, ids.size(), "every id exactly once: " + ids);
    assertEquals(2, executorJvms.size(), "executor JVMs " + executorJvms + result.diagnostics());
    assertTrue(result.stdout().contains("smoke: wrote " + ROWS + " rows"), result.stdout());
  }

  @Test
  void localSubmitReportsTheDriversFailure() {
    String missing = Path.of("target", "e2e", "no-such-input.csv").toAbsolutePath().toUri().toString();

    SubmitResult result = LocalSubmit.run(SmokeApp.class.getName(), E2eFiles.appJar(),
        List.of(E2eFiles.smokeJar()), Map.of(), Duration.ofMinutes(2),
        List.of(missing, Path.of("target", "e2e", "never-written").toAbsolutePath().toString()));

    assertNotEquals(0, result.exitCode(), result.diagnostics());
    assertTrue(result.stderr().contains("Path does not exist"), result.diagnostics());
  }

  private static List<String[]> outputLines(S3Server s3, String prefix) {
    List<String[]> lines = new ArrayList<>();
    for (String uri : s3.list(prefix)) {
      if (uri.substring(uri.lastIndexOf('/') + 1).startsWith("part-")) {
        s3.getString(uri).lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(l.split(",")));
      }
    }
    return lines;
  }

  private static boolean unwanted(String entry) {
    return entry.startsWith("ai/onnxruntime/native/win-") || entry.startsWith("native/Windows/")
        || entry.startsWith("native/Mac/") || entry.startsWith("org/apache/spark/")
        || entry.startsWith("scala/") || entry.startsWith("org/apache/hadoop/")
        || entry.startsWith("com/amazonaws/") || entry.startsWith("org/slf4j/")
        || entry.startsWith("com/fasterxml/jackson/core/") || entry.startsWith("com/google/protobuf/")
        || entry.endsWith(".SF") || entry.endsWith(".RSA") || entry.endsWith(".DSA");
  }

  private static String text(ZipFile jar, String name) throws IOException {
    ZipEntry entry = jar.getEntry(name);
    assertNotNull(entry, name);
    return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
  }
}
