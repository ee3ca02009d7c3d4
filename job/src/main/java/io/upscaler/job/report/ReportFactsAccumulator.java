package io.upscaler.job.report;

import org.apache.spark.sql.Row;
import org.apache.spark.util.AccumulatorV2;

/**
 * A run's {@link ReportFacts}, added to by the tasks that commit its statistics rows. Fed only in
 * the stage that writes the table (a result stage), where Spark applies each partition's updates
 * once, from the attempt that succeeded, so the report shows the rows committed.
 */
public final class ReportFactsAccumulator extends AccumulatorV2<Row, ReportFacts> {
  private static final long serialVersionUID = 1L;

  private ReportFacts facts;

  private ReportFactsAccumulator(ReportFacts facts) {
    this.facts = facts;
  }

  /**
   * Registers an empty accumulator for a run whose work began at {@code workStartMillis}; feed it
   * only where the committed rows pass (see {@code StatsCommit#write}). Driver only.
   */
  public static ReportFactsAccumulator register(org.apache.spark.SparkContext sc, long workStartMillis) {
    ReportFactsAccumulator acc = new ReportFactsAccumulator(new ReportFacts(workStartMillis));
    sc.register(acc, "upscaler report facts");
    return acc;
  }

  @Override
  public boolean isZero() {
    return facts.isEmpty();
  }

  @Override
  public AccumulatorV2<Row, ReportFacts> copy() {
    ReportFactsAccumulator c = new ReportFactsAccumulator(facts.empty());
    c.facts.merge(facts);
    return c;
  }

  @Override
  public void reset() {
    facts = facts.empty();
  }

  @Override
  public void add(Row row) {
    facts.add(row);
  }

  @Override
  public void merge(AccumulatorV2<Row, ReportFacts> other) {
    facts.merge(other.value());
  }

  @Override
  public ReportFacts value() {
    return facts;
  }
}
