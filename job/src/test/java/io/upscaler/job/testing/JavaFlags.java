package io.upscaler.job.testing;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/** JVM options for the child JVMs the tests start. */
final class JavaFlags {
  private JavaFlags() {}

  /**
   * The options Spark needs on Java 17 ({@code spark.java17.opens} in the parent pom, passed by
   * failsafe as {@code upscaler.e2e.javaOpens}). Without the property — a test started from an IDE —
   * the same options are taken from this JVM's own command line.
   */
  static List<String> sparkOpens() {
    String fromBuild = System.getProperty("upscaler.e2e.javaOpens");
    if (fromBuild != null && !fromBuild.isBlank()) {
      return Arrays.asList(fromBuild.trim().split("\\s+"));
    }
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-opens") || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")
            || arg.startsWith("-Djdk.reflect.useDirectMethodHandle"))
        .toList();
  }

  /**
   * For servers that only wait on sockets (s3proxy, Spark master and workers): C1 only and the
   * serial collector start faster and leave the two cores to the driver and executors.
   */
  static List<String> lightServer(String maxHeap) {
    return List.of("-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  }
}
