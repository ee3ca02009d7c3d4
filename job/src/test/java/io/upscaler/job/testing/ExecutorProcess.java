package io.upscaler.job.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An executor JVM of a {@link StandaloneCluster}: a child process of a worker running Spark's
 * {@code CoarseGrainedExecutorBackend}, identified from its command line, with its log file. Tests
 * use it to kill an executor at a moment its log proves, then read what it logged.
 *
 * @param appId the application it serves ({@code app-...})
 * @param executorId Spark's executor id ("0", "1", ...), as in the statistics' {@code executor_id}
 * @param host the host it registered with (its worker's address)
 * @param process the JVM
 * @param stderr its log file ({@code work/worker-N/<appId>/<executorId>/stderr})
 */
public record ExecutorProcess(String appId, String executorId, String host, ProcessHandle process,
    Path stderr) {
  private static final String BACKEND = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
  private static final Pattern TASK_STARTED = Pattern.compile("Running task \\S+ in stage \\S+ \\(TID (\\d+)\\)");

  /** The executor that {@code process} runs, if it is one; its log is under {@code workerDir}. */
  static Optional<ExecutorProcess> of(ProcessHandle process, Path workerDir) {
    List<String> args = process.info().arguments().map(List::of).orElse(List.of());
    if (!args.contains(BACKEND)) {
      return Optional.empty();
    }
    String app = argument(args, "--app-id");
    String id = argument(args, "--executor-id");
    return Optional.of(new ExecutorProcess(app, id, argument(args, "--hostname"), process,
        workerDir.resolve(app).resolve(id).resolve("stderr")));
  }

  public long pid() {
    return process.pid();
  }

  /** Its log so far. */
  public String log() {
    return Logs.read(stderr);
  }

  /**
   * Spark's id of the task attempt it started last (TID), from its log; needs
   * {@link StandaloneCluster#taskLogging()}. Empty before its first task.
   */
  public OptionalLong runningTask() {
    Matcher m = TASK_STARTED.matcher(log());
    OptionalLong last = OptionalLong.empty();
    while (m.find()) {
      last = OptionalLong.of(Long.parseLong(m.group(1)));
    }
    return last;
  }

  /**
   * SIGKILL, as the kernel's OOM killer or a lost machine would end it: no shutdown hooks, no
   * goodbye to the driver. Returns once the process is gone (at most 10 s).
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("executor " + executorId + " (pid " + pid() + ") survived SIGKILL", e);
    }
  }

  private static String argument(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size()) {
      throw new IllegalStateException("no " + name + " in executor command line " + args);
    }
    return args.get(i + 1);
  }
}
