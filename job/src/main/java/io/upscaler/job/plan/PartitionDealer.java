package io.upscaler.job.plan;

import io.upscaler.job.exec.TaskEnv;
import java.util.Iterator;
import java.util.PriorityQueue;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Deals the rows of one input partition to the run's work partitions by estimated cost ({@link
 * CostModel#estimate}), each row to the partition this input partition has loaded least so far.
 * Every input partition thus spreads its own work evenly (its partitions differ by at most its
 * largest row), with no sorting and nothing collected to the driver; ties start at an offset that
 * differs by input partition, so leftovers don't pile onto the same partitions. The estimated loads
 * go to {@link PartitionLoads} for the run's imbalance figure.
 *
 * <p>Holds only serializable state; one instance per task (Spark deserializes it per task).
 */
public final class PartitionDealer
    implements PairFlatMapFunction<Iterator<WorkItem>, Integer, WorkItem> {
  private static final long serialVersionUID = 1L;

  private final RequestPlanner planner;
  private final int partitions;
  private final PartitionLoads loads;

  public PartitionDealer(RequestPlanner planner, int partitions, PartitionLoads loads) {
    this.planner = planner;
    this.partitions = partitions;
    this.loads = loads;
  }

  @Override
  public Iterator<Tuple2<Integer, WorkItem>> call(Iterator<WorkItem> items) {
    double[] load = new double[partitions];
    int offset = Math.floorMod(TaskEnv.partitionId() * 0x9E3779B9, partitions);
    PriorityQueue<Integer> lightest = new PriorityQueue<>(partitions, (a, b) -> {
      int c = Double.compare(load[a], load[b]);
      return c != 0 ? c : Integer.compare(Math.floorMod(a - offset, partitions),
          Math.floorMod(b - offset, partitions));
    });
    for (int p = 0; p < partitions; p++) {
      lightest.add(p);
    }
    return new Iterator<>() {
      private boolean reported;

      @Override
      public boolean hasNext() {
        boolean more = items.hasNext();
        if (!more && !reported && loads != null) {
          reported = true;
          loads.add(load);
        }
        return more;
      }

      @Override
      public Tuple2<Integer, WorkItem> next() {
        WorkItem item = items.next();
        int p = lightest.poll();
        load[p] += CostModel.estimate(planner, item);
        lightest.add(p);
        return new Tuple2<>(p, item);
      }
    };
  }
}
