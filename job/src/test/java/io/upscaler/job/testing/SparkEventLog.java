package io.upscaler.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What Spark itself recorded about one application: its event log ({@code spark.eventLog.enabled},
 * one JSON object a line, written by the driver), read after the application ended. The scheduler's
 * own account of every task attempt — where it ran, whether it was a speculative copy, how it ended
 * and what it wrote — so tests can prove a fault really happened instead of assuming it did.
 *
 * <p>Immutable once read.
 */
public final class SparkEventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One task attempt that ended.
   *
   * @param stageId the stage
   * @param stageAttempt the stage's attempt (above 0 after a stage was resubmitted)
   * @param stageName Spark's name for the stage, e.g. {@code parquet at UpscaleJob.java:97}
   * @param taskId Spark's id of the attempt, unique in the application ({@code TaskContext.taskAttemptId()})
   * @param partition the partition it computes (a resubmitted stage numbers its tasks afresh, so
   *     this, not the task's index, says which partition)
   * @param attempt the attempt within the stage attempt (a retry or a speculative copy: above 0)
   * @param executorId where it ran
   * @param speculative whether it was a speculative copy
   * @param reason how it ended: {@code Success}, {@code ExecutorLostFailure}, {@code TaskKilled},
   *     {@code TaskCommitDenied}, {@code FetchFailed}, {@code ExceptionFailure} ...
   * @param recordsWritten records it wrote, to output files or to shuffle files for a later stage
   *     (0 unless it succeeded)
   * @param durationMillis from its launch to its end, by the driver's clock
   */
  public record TaskEnd(int stageId, int stageAttempt, String stageName, long taskId, int partition, int attempt,
      String executorId, boolean speculative, String reason, long recordsWritten, long durationMillis) {
    public boolean succeeded() {
      return reason.equals("Success");
    }
  }

  /**
   * One task attempt that was launched (whether or not it ended before the application did: a
   * speculative copy killed at the end of a run may never report its end).
   *
   * @param stageId the stage
   * @param stageAttempt the stage's attempt
   * @param stageName Spark's name for the stage
   * @param taskId Spark's id of the attempt
   * @param partition the partition it computes
   * @param executorId where it ran
   * @param host the host of that executor
   * @param speculative whether it was a speculative copy
   */
  public record TaskStart(int stageId, int stageAttempt, String stageName, long taskId, int partition, String executorId,
      String host, boolean speculative) {}

  private final List<TaskStart> taskStarts;
  private final List<TaskEnd> taskEnds;
  private final List<String> removedExecutors;
  private final List<String> addedExecutors;

  private SparkEventLog(List<TaskStart> taskStarts, List<TaskEnd> taskEnds, List<String> addedExecutors,
      List<String> removedExecutors) {
    this.taskStarts = List.copyOf(taskStarts);
    this.taskEnds = List.copyOf(taskEnds);
    this.addedExecutors = List.copyOf(addedExecutors);
    this.removedExecutors = List.copyOf(removedExecutors);
  }

  /** The log of application {@code appId} in {@code dir} (the finished file, else the in-progress one). */
  public static SparkEventLog read(Path dir, String appId) {
    Path file = dir.resolve(appId);
    if (!Files.exists(file)) {
      file = dir.resolve(appId + ".inprogress");
    }
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event log of " + appId + " in " + dir, e);
    }
  }

  private static SparkEventLog parse(List<String> lines) throws IOException {
    Map<Integer, String> stageNames = new HashMap<>();
    List<JsonNode> starts = new ArrayList<>();
    List<JsonNode> ends = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String line : lines) {
      JsonNode event = JSON.readTree(line);
      switch (event.path("Event").asText()) {
        case "SparkListenerStageSubmitted" -> stageNames.put(
            event.path("Stage Info").path("Stage ID").asInt(),
            event.path("Stage Info").path("Stage Name").asText());
        case "SparkListenerTaskStart" -> starts.add(event);
        case "SparkListenerTaskEnd" -> ends.add(event);
        case "SparkListenerExecutorAdded" -> added.add(event.path("Executor ID").asText());
        case "SparkListenerExecutorRemoved" -> removed.add(event.path("Executor ID").asText());
        default -> { }
      }
    }
    List<TaskEnd> tasks = new ArrayList<>();
    for (JsonNode e : ends) {
      JsonNode info = e.path("Task Info");
      int stage = e.path("Stage ID").asInt();
      tasks.add(new TaskEnd(stage, e.path("Stage Attempt ID").asInt(), stageNames.getOrDefault(stage, ""),
          info.path("Task ID").asLong(), info.path("Partition ID").asInt(), info.path("Attempt").asInt(),
          info.path("Executor ID").asText(), info.path("Speculative").asBoolean(),
          e.path("Task End Reason").path("Reason").asText(),
          recordsWritten(e.path("Task Metrics")),
          info.path("Finish Time").asLong() - info.path("Launch Time").asLong()));
    }
    List<TaskStart> started = new ArrayList<>();
    for (JsonNode e : starts) {
      JsonNode info = e.path("Task Info");
      int stage = e.path("Stage ID").asInt();
      started.add(new TaskStart(stage, e.path("Stage Attempt ID").asInt(), stageNames.getOrDefault(stage, ""), info.path("Task ID").asLong(),
          info.path("Partition ID").asInt(), info.path("Executor ID").asText(), info.path("Host").asText(),
          info.path("Speculative").asBoolean()));
    }
    return new SparkEventLog(started, tasks, added, removed);
  }

  private static long recordsWritten(JsonNode metrics) {
    return metrics.path("Output Metrics").path("Records Written").asLong()
        + metrics.path("Shuffle Write Metrics").path("Shuffle Records Written").asLong();
  }

  /** The task attempts launched that match {@code filter}, in the order they were launched. */
  public List<TaskStart> taskStarts(Predicate<TaskStart> filter) {
    return taskStarts.stream().filter(filter).toList();
  }

  /** Every task attempt that ended, in the order the driver saw them end. */
  public List<TaskEnd> taskEnds() {
    return taskEnds;
  }

  /** The task attempts that match {@code filter}. */
  public List<TaskEnd> taskEnds(Predicate<TaskEnd> filter) {
    return taskEnds.stream().filter(filter).toList();
  }

  /** Executors that registered with the driver, in order. */
  public List<String> addedExecutors() {
    return addedExecutors;
  }

  /** Executors the driver lost or removed while the application ran, in order. */
  public List<String> removedExecutors() {
    return removedExecutors;
  }
}
