package io.upscaler.job.plan;

import io.upscaler.job.exec.TaskEnv;
import io.upscaler.job.stats.StatsColumns;
import io.upscaler.job.stats.StatsRecord;
import java.io.Serializable;

/**
 * One manifest row on its way to an executor.
 *
 * @param id output id
 * @param uri the source URI, or null when the bytes are inline
 * @param content inline image bytes, or null
 * @param overrides the row's own settings
 * @param hint what is known of the input's size before reading it
 * @param passThrough the manifest's other column values, in order
 * @param journalFingerprint settings fingerprint of the latest completed output for this id in
 *     earlier runs, or null
 * @param journalOutput that output's URI, or null
 */
public record WorkItem(
    String id,
    String uri,
    byte[] content,
    RowOverrides overrides,
    SizeHint hint,
    Object[] passThrough,
    String journalFingerprint,
    String journalOutput)
    implements Serializable {

  /** "inline" for content rows, else the URI. */
  public String source() {
    return content != null ? "inline" : uri;
  }

  /** This row's statistics, started now in this task, for run {@code runId}. */
  public StatsRecord startStats(String runId) {
    return new StatsRecord(runId, id, source())
        .set(StatsColumns.EXECUTOR_ID, TaskEnv.executorId())
        .set(StatsColumns.ATTEMPT, TaskEnv.attempt());
  }

  public WorkItem withJournal(String fingerprint, String output) {
    return new WorkItem(id, uri, content, overrides, hint, passThrough, fingerprint, output);
  }
}
