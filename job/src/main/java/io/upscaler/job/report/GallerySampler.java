package io.upscaler.job.report;

import io.upscaler.core.image.Image;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's share of the report's gallery: the first {@code quota} OK images it offers are
 * cropped into pairs (see {@link Crops}) and handed to the sink. Thread-safe (writer threads offer
 * concurrently); after the quota is used, {@link #wants()} is false and offering costs nothing.
 * A pair that can't be made is logged and skipped: the gallery never fails a row.
 */
public final class GallerySampler {
  private static final Logger LOG = LoggerFactory.getLogger(GallerySampler.class);
  /** A sampler that wants nothing. */
  public static final GallerySampler NONE = new GallerySampler(0, 0, p -> {});

  private final int partition;
  private final AtomicInteger left;
  private final Consumer<RunReport.GalleryPair> sink;

  GallerySampler(int partition, int quota, Consumer<RunReport.GalleryPair> sink) {
    this.partition = partition;
    this.left = new AtomicInteger(quota);
    this.sink = sink;
  }

  /** Whether another image is wanted: lets callers keep the input image only when it is. */
  public boolean wants() {
    return left.get() > 0;
  }

  /** Offers a finished OK image; takes it while the quota lasts. */
  public void offer(String id, String model, Image input, Image output) {
    if (input == null || output == null || left.getAndDecrement() <= 0) {
      return;
    }
    try {
      sink.accept(Crops.pair(id, partition, model, input, output));
    } catch (Exception | OutOfMemoryError e) {
      LOG.warn("no report sample from {} (partition {}): {}", id, partition, e.toString());
    }
  }

  /**
   * How many images partition {@code p} of {@code partitions} samples for a gallery of
   * {@code wanted}: with at least as many pairs as partitions, every partition takes its share;
   * with fewer, {@code wanted} partitions spread evenly take one each. Every sampling partition
   * takes one spare, so a partition without OK images costs no gallery slot; the driver keeps
   * {@code wanted} pairs, round-robin over partitions.
   */
  static int quota(int p, int partitions, int wanted) {
    if (wanted <= 0 || partitions <= 0) {
      return 0;
    }
    if (wanted >= partitions) {
      return wanted / partitions + (p < wanted % partitions ? 1 : 0) + 1;
    }
    long i = ((long) p * wanted + partitions - 1) / partitions; // smallest i with i*P/W >= p
    return i < wanted && i * partitions / wanted == p ? 2 : 0;
  }
}
