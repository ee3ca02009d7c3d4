package io.upscaler.job.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What benchmarks/flow.sh and startup.sh report about one run, from Spark's event log only (so it
 * reads runs of any version of the job alike): Spark jobs launched (by the call site of their last
 * stage), the time from the application's start to the
 * first task of the stage that ran the model (the heaviest stage), and that stage's heaviest task
 * against its mean task. Usage: {@code FlowReport <event-log-file>}.
 */
public final class FlowReport {
  private FlowReport() {}

  private static final class Stage {
    String name;
    long firstLaunch = Long.MAX_VALUE;
    final List<Long> runMs = new ArrayList<>();

    long total() {
      return runMs.stream().mapToLong(Long::longValue).sum();
    }
  }

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<Integer, Stage> stages = new TreeMap<>();
    long appStart = 0;
    long appEnd = 0;
    List<String> jobs = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(eventLog(Path.of(args[0])))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode e = json.readTree(line);
        switch (e.path("Event").asText()) {
          case "SparkListenerApplicationStart" -> appStart = e.path("Timestamp").asLong();
          case "SparkListenerApplicationEnd" -> appEnd = e.path("Timestamp").asLong();
          case "SparkListenerJobStart" -> {
            JsonNode stagesOfJob = e.path("Stage Infos");
            jobs.add(stagesOfJob.get(stagesOfJob.size() - 1).path("Stage Name").asText());
          }
          case "SparkListenerStageSubmitted" -> stage(stages, e).name =
              e.path("Stage Info").path("Stage Name").asText();
          case "SparkListenerTaskEnd" -> {
            Stage s = stage(stages, e);
            JsonNode info = e.path("Task Info");
            s.firstLaunch = Math.min(s.firstLaunch, info.path("Launch Time").asLong());
            s.runMs.add(info.path("Finish Time").asLong() - info.path("Launch Time").asLong());
          }
          default -> { }
        }
      }
    }
    Stage work = stages.values().stream().max((a, b) -> Long.compare(a.total(), b.total())).orElseThrow();
    double mean = work.runMs.stream().mapToLong(Long::longValue).average().orElse(0);
    long max = work.runMs.stream().mapToLong(Long::longValue).max().orElse(0);
    System.out.printf("spark jobs: %d, stages: %d, application %.1f s%n", jobs.size(), stages.size(),
        (appEnd - appStart) / 1e3);
    for (int i = 0; i < jobs.size(); i++) {
      System.out.printf("  job %d: %s%n", i, jobs.get(i));
    }
    System.out.printf("model stage '%s': first task %.1f s after the application started%n",
        work.name, (work.firstLaunch - appStart) / 1e3);
    System.out.printf("model stage tasks: %d, mean %.1f s, heaviest %.1f s, heaviest/mean %.2f%n",
        work.runMs.size(), mean / 1e3, max / 1e3, mean == 0 ? 0 : max / mean);
  }

  private static Stage stage(Map<Integer, Stage> stages, JsonNode e) {
    JsonNode id = e.has("Stage Info") ? e.path("Stage Info").path("Stage ID") : e.path("Stage ID");
    return stages.computeIfAbsent(id.asInt(), k -> new Stage());
  }

  /** The one event log file in a folder, or the file itself. */
  private static Path eventLog(Path p) throws Exception {
    if (!Files.isDirectory(p)) {
      return p;
    }
    try (Stream<Path> files = Files.list(p)) {
      return files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
  }
}
