package io.upscaler.job.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upscaler.core.UpscaleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of completed outputs that lets a rerun skip them: JSON lines {@code {id,
 * fingerprint, output_uri, written_at}} in small files under {@code runs/<run_id>/journal/}.
 *
 * <p>A task writes a file every {@code flushEvery} outputs, every {@code flushMillis}, and when it
 * ends, so a run killed midway loses at most that much of its record (those rows are redone, not
 * lost). Files are published atomically and named {@code part-<partition>-t<task>-<n>.jsonl}, where
 * {@code task} is Spark's task attempt id, unique in the application: two attempts of one partition
 * (a retry in a resubmitted stage numbers its attempts from 0 again; a speculative copy) never
 * replace each other's files. One instance per task, shared by its writer threads: every method is
 * synchronized.
 */
public final class Journal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HadoopFiles files;
  private final String dir;
  private final String prefix;
  private final int flushEvery;
  private final long flushMillis;
  private final List<String> pending = new ArrayList<>();
  private long lastFlush = System.currentTimeMillis();
  private int sequence;

  /** {@code taskAttempt}: Spark's task attempt id ({@code TaskContext.taskAttemptId()}). */
  public Journal(HadoopFiles files, String dir, int partition, long taskAttempt, int flushEvery, long flushMillis) {
    this.files = files;
    this.dir = dir;
    this.prefix = String.format("part-%05d-t%d", partition, taskAttempt);
    this.flushEvery = flushEvery;
    this.flushMillis = flushMillis;
  }

  /** Records one output written with the settings {@code fingerprint}. */
  public synchronized void record(String id, String fingerprint, String outputUri)
      throws UpscaleException {
    ObjectNode line = JSON.createObjectNode();
    line.put("id", id);
    line.put("fingerprint", fingerprint);
    line.put("output_uri", outputUri);
    line.put("written_at", System.currentTimeMillis());
    pending.add(line.toString());
    if (pending.size() >= flushEvery || System.currentTimeMillis() - lastFlush >= flushMillis) {
      flush();
    }
  }

  /** Publishes what is pending as one file. */
  public synchronized void flush() throws UpscaleException {
    lastFlush = System.currentTimeMillis();
    if (pending.isEmpty()) {
      return;
    }
    String name = String.format("%s/%s-%05d.jsonl", dir, prefix, sequence++);
    files.write(name, (String.join("\n", pending) + "\n").getBytes(StandardCharsets.UTF_8));
    pending.clear();
  }
}
