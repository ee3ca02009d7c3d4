package io.upscaler.job.stats;

import static io.upscaler.job.stats.StatsColumns.*;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.ImageInfo;
import java.io.Serializable;
import java.sql.Timestamp;

/**
 * The statistics of one manifest row: one value per {@link StatsColumns} column, filled in as the
 * row moves through planning, reading, inference and writing, and turned into its table row once
 * by {@link StatsSchema#row}. A row ends exactly once: {@link #ok}, {@link #fail} or {@link
 * #skip}.
 *
 * <p>Mutable, but owned by one thread at a time (handed between threads through futures, which
 * publish it safely). Serializable, so a row settled during planning travels to the write.
 */
public final class StatsRecord implements Serializable {
  private static final long serialVersionUID = 2L;

  private final Object[] values = new Object[ALL.size()];
  /** System.nanoTime() at creation: total_ms runs from here (same JVM only). */
  private final long startedNanos;

  /** A new row of run {@code runId}, started now. */
  public StatsRecord(String runId, String id, String source) {
    for (StatsColumn<?> c : ALL) {
      values[c.index()] = c.initial();
    }
    set(RUN_ID, runId);
    set(ID, id);
    set(SOURCE, source);
    set(STARTED_AT, new Timestamp(System.currentTimeMillis()));
    this.startedNanos = System.nanoTime();
  }

  public <T> StatsRecord set(StatsColumn<T> column, T value) {
    values[column.index()] = value;
    return this;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(StatsColumn<T> column) {
    return (T) values[column.index()];
  }

  /** Adds to a duration (nanoseconds) or other long column. */
  public StatsRecord add(StatsColumn<Long> column, long amount) {
    Long v = get(column);
    return set(column, (v == null ? 0 : v) + amount);
  }

  /** Adds to a count. */
  public StatsRecord count(StatsColumn<Integer> column, int amount) {
    Integer v = get(column);
    return set(column, (v == null ? 0 : v) + amount);
  }

  /** Writes the table's values, in column order, to the start of {@code out}. */
  void sqlValues(Object[] out) {
    for (StatsColumn<?> c : ALL) {
      out[c.index()] = c.sql(values[c.index()]);
    }
  }

  /** Fills in the input's header facts. */
  public StatsRecord describe(ImageInfo info) {
    set(INPUT_FORMAT, info.format().id());
    set(INPUT_WIDTH, info.width());
    set(INPUT_HEIGHT, info.height());
    set(HAS_ALPHA, info.hasAlpha());
    return set(BIT_DEPTH, info.bitDepth());
  }

  /** Whether the row has ended (OK, FAILED or SKIPPED). */
  public boolean ended() {
    return get(STATUS) != null;
  }

  /** Ends the row FAILED with the exception's class and message, counting its retries. */
  public StatsRecord fail(UpscaleException e) {
    count(RETRIES, e.retries());
    return fail(e.errorClass(), e.getMessage());
  }

  public StatsRecord fail(ErrorClass kind, String message) {
    set(ERROR_CLASS, kind);
    set(ERROR_MESSAGE, message);
    set(OUTPUT_URI, null);
    return end(Status.FAILED);
  }

  /** Ends the row SKIPPED: {@code existingOutput} already holds its output. */
  public StatsRecord skip(String existingOutput) {
    set(OUTPUT_URI, existingOutput);
    return end(Status.SKIPPED);
  }

  /** Ends the row OK. */
  public StatsRecord ok() {
    return end(Status.OK);
  }

  private StatsRecord end(Status status) {
    set(STATUS, status);
    return set(TOTAL_MS, System.nanoTime() - startedNanos);
  }
}
