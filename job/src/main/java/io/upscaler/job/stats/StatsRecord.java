package io.upscaler.job.stats;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.Serializable;
import java.sql.Timestamp;

/**
 * The statistics of one manifest row, filled in as the row moves through planning, reading,
 * inference and writing. Mutable, but owned by one thread at a time (handed between threads
 * through futures, which publish it safely). Null fields are written as SQL nulls.
 */
public final class StatsRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  public String id;
  public String source;
  public String outputUri;
  public Status status;
  public String errorClass;
  public String errorMessage;
  public String model;
  public String device;
  public String executorId;
  public Double scale;
  public String inputFormat;
  public Integer inputWidth;
  public Integer inputHeight;
  public Long inputBytes;
  public Boolean hasAlpha;
  public Integer bitDepth;
  public String outputFormat;
  public Integer outputWidth;
  public Integer outputHeight;
  public Long outputBytes;
  public Integer tiles;
  public long readNanos;
  public long decodeNanos;
  public long inferNanos;
  public long resizeNanos;
  public long encodeNanos;
  public long writeNanos;
  public long startedNanos;
  public long totalNanos;
  public int attempt;
  public int retries;
  public Timestamp startedAt;
  public String outputSha256;
  public boolean sessionLoaded;
  public String fingerprint;
  public String fallbackReason;

  public StatsRecord(String id, String source) {
    this.id = id;
    this.source = source;
    this.startedAt = new Timestamp(System.currentTimeMillis());
    this.startedNanos = System.nanoTime();
  }

  /** Fills in the input's header facts. */
  public void describe(io.upscaler.core.image.ImageInfo info) {
    inputFormat = info.format().id();
    inputWidth = info.width();
    inputHeight = info.height();
    hasAlpha = info.hasAlpha();
    bitDepth = info.bitDepth();
  }

  /** Marks the row failed with the exception's class and message. */
  public StatsRecord fail(UpscaleException e) {
    return fail(e.errorClass(), e.getMessage());
  }

  public StatsRecord fail(ErrorClass kind, String message) {
    status = Status.FAILED;
    errorClass = kind.name();
    errorMessage = message;
    outputUri = null;
    return finish();
  }

  public StatsRecord skip(String existingOutput) {
    status = Status.SKIPPED;
    outputUri = existingOutput;
    return finish();
  }

  public StatsRecord ok() {
    status = Status.OK;
    return finish();
  }

  private StatsRecord finish() {
    totalNanos = System.nanoTime() - startedNanos;
    return this;
  }
}
