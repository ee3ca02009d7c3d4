package io.upscaler.job.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code spark-submit --master local[2]} of the packaged jar as a child JVM, from the same
 * SPARK_HOME as {@link StandaloneCluster} but without any daemons: what {@code run-local.sh} does,
 * and the way to test exit codes (the job calls {@code System.exit}, which a test JVM must not).
 * Same defaults as a cluster submission (loopback, no UI, C1-only JIT, java.io.tmpdir under
 * {@code target/e2e/local-*}, emptied after each run); same {@link SubmitResult}.
 *
 * <pre>{@code
 * SubmitResult r = LocalSubmit.run("io.upscaler.job.Main", E2eFiles.appJar(), Map.of(),
 *     "--input", manifest.toString(), "--output", out.toString(), "--scale", "7");
 * r.assertExitCode(2);
 * }</pre>
 *
 * <p>Thread-safe: each run has its own folder.
 */
public final class LocalSubmit {
  /** {@code local[2]}: both cores of the build machine, as two task slots. */
  public static final String MASTER = "local[2]";

  private LocalSubmit() {}

  /** Runs {@code mainClass} from {@code appJar}, at most {@link StandaloneCluster#DEFAULT_SUBMIT_TIMEOUT}. */
  public static SubmitResult run(String mainClass, Path appJar, Map<String, String> conf, String... args) {
    return run(mainClass, appJar, List.of(), conf, StandaloneCluster.DEFAULT_SUBMIT_TIMEOUT, List.of(args));
  }

  /** As above, with {@code extraJars} ({@code --jars}) and a timeout of your choice. */
  public static SubmitResult run(String mainClass, Path appJar, List<Path> extraJars,
      Map<String, String> conf, Duration timeout, List<String> args) {
    return run(mainClass, appJar, extraJars, Map.of(), conf, timeout, args);
  }

  /**
   * As {@link #run(String, Path, Map, String...)}, with {@code env} added to the driver JVM's
   * environment (local mode: the executors' too), e.g. {@code AWS_ACCESS_KEY_ID}.
   */
  public static SubmitResult run(String mainClass, Path appJar, Map<String, String> env,
      Map<String, String> conf, List<String> args) {
    return run(mainClass, appJar, List.of(), env, conf, StandaloneCluster.DEFAULT_SUBMIT_TIMEOUT, args);
  }

  private static SubmitResult run(String mainClass, Path appJar, List<Path> extraJars, Map<String, String> env,
      Map<String, String> conf, Duration timeout, List<String> args) {
    ClusterDirs dirs = ClusterDirs.create(E2eFiles.sparkHome(), "local-");
    return new SparkSubmitCommand(dirs, MASTER, 2, env).run("driver", mainClass, appJar, extraJars, conf,
        timeout, args, driver -> driver.tail(80), () -> {
          dirs.deleteApplicationFiles();
          return "";
        });
  }
}
