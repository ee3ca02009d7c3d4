package io.upscaler.job.stats;

import org.apache.spark.sql.Row;
import org.apache.spark.util.AccumulatorV2;

/**
 * A run's {@link Totals}, added to by the tasks that write its statistics rows. Fed only in the
 * stage that commits the rows (a result stage), where Spark applies each partition's updates
 * once, from the attempt that succeeded, so the totals are those of the rows committed.
 */
public final class TotalsAccumulator extends AccumulatorV2<Row, Totals> {
  private static final long serialVersionUID = 1L;

  private Totals totals = new Totals();

  @Override
  public boolean isZero() {
    return totals.isEmpty();
  }

  @Override
  public AccumulatorV2<Row, Totals> copy() {
    TotalsAccumulator c = new TotalsAccumulator();
    c.totals.merge(totals);
    return c;
  }

  @Override
  public void reset() {
    totals = new Totals();
  }

  @Override
  public void add(Row row) {
    totals.add(row);
  }

  @Override
  public void merge(AccumulatorV2<Row, Totals> other) {
    totals.merge(other.value());
  }

  @Override
  public Totals value() {
    return totals;
  }
}
