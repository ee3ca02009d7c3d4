package io.upscaler.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Where the build put what the end-to-end tests need. Failsafe passes each location as a system
 * property (see job/pom.xml); the defaults are the same paths relative to the job module, so a test
 * started from an IDE in the module folder finds them after {@code mvn -pl job -am package}.
 */
public final class E2eFiles {
  private E2eFiles() {}

  /** The shaded application jar for spark-submit ({@code upscaler-job-<version>-all.jar}). */
  public static Path appJar() {
    return existing("upscaler.e2e.appJar", inTarget("upscaler-job-*-all.jar"),
        "the shaded application jar");
  }

  /** The smoke test's tiny Spark application ({@code upscaler-job-<version>-smoke.jar}). */
  public static Path smokeJar() {
    return existing("upscaler.e2e.smokeJar", inTarget("upscaler-job-*-smoke.jar"),
        "the smoke application jar");
  }

  /** SPARK_HOME with jars/ (Spark, Scala, Hadoop, hadoop-aws, AWS SDK) and conf/log4j2.properties. */
  public static Path sparkHome() {
    return existing("upscaler.e2e.sparkHome", "../spark-dist/target/spark-home", "SPARK_HOME");
  }

  /** The s3proxy jar-with-dependencies. */
  public static Path s3proxyJar() {
    return existing("upscaler.e2e.s3proxyJar", "target/e2e/s3proxy.jar", "the s3proxy jar");
  }

  /** Scratch space for servers and clusters (created on demand); everything stays under target/. */
  public static Path workDir() {
    Path dir = Path.of(System.getProperty("upscaler.e2e.dir", "target/e2e")).toAbsolutePath();
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** The one file in target/ matching {@code glob}, or null. */
  private static String inTarget(String glob) {
    Path target = Path.of("target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (DirectoryStream<Path> matches = Files.newDirectoryStream(target, glob)) {
      Iterator<Path> it = matches.iterator();
      return it.hasNext() ? it.next().toString() : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target.toAbsolutePath(), e);
    }
  }

  private static Path existing(String property, String fallback, String what) {
    String value = System.getProperty(property, fallback);
    if (value == null) {
      throw new IllegalStateException(what + " is unknown: system property " + property
          + " is not set (run the test through `mvn -pl job -am verify`)");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(what + " not found at " + path + " (system property "
          + property + "); build it first with `mvn -pl job -am package`");
    }
    return path;
  }
}
