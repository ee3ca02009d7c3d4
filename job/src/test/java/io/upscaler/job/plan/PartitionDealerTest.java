package io.upscaler.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.HadoopFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Rows are dealt by estimated cost from their hints, each input partition evenly on its own. */
class PartitionDealerTest {
  private static final RequestPlanner PLANNER = new RequestPlanner(
      JobConfig.from(Map.of("input", "in", "output", "out", "model", "esrgan-slim-x2", "scale", "2")),
      ModelResolver.create("models/imported", List.of("esrgan-slim-x2"),
          new HadoopFiles(new Configuration(), 0)));

  @Test
  void aFewLargeImagesAmongManySmallOnesAreSpreadByCostNotByCount() {
    List<WorkItem> items = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      items.add(item("small" + i, new SizeHint(-1, 64, 64)));
    }
    for (int i = 0; i < 5; i++) {
      items.add(item("large" + i, new SizeHint(-1, 1024, 1024)));
    }
    PartitionLoads loads = new PartitionLoads(3);

    int[][] placed = deal(items, 3, loads);

    // Greedy by load: the smalls go 9/8/8, then the partition holding 9 smalls gets 1 large.
    List<String> perPartition = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      perPartition.add(placed[0][p] + " large + " + placed[1][p] + " small");
    }
    perPartition.sort(null);
    assertEquals(List.of("1 large + 9 small", "2 large + 8 small", "2 large + 8 small"), perPartition);
    double s = CostModel.estimate(PLANNER, items.get(0));
    double l = CostModel.estimate(PLANNER, items.get(25));
    assertTrue(l > 200 * s, "a 1024x1024 input costs over 200 64x64 ones: " + l / s);
    assertEquals((8 * s + 2 * l) / ((25 * s + 5 * l) / 3), loads.imbalance(), 1e-9);
  }

  @Test
  void rowsWithoutHintsWeighTheSameAndAreDealtInTurn() {
    List<WorkItem> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(item("r" + i, SizeHint.UNKNOWN));
    }
    int[][] placed = deal(items, 3, new PartitionLoads(3));
    assertEquals(List.of(4, 3, 3), counts(placed[1]));
  }

  @Test
  void aRowAnEarlierRunFinishedWeighsOnlyItsFixedCost() throws Exception {
    WorkItem done = item("d", new SizeHint(-1, 1024, 1024))
        .withJournal(PLANNER.fingerprint(new RowOverrides(null, null, null, null, null, null, null)),
            "file:/out/images/d.png");
    assertEquals(CostModel.PER_IMAGE, CostModel.estimate(PLANNER, done));
    WorkItem stale = item("d", new SizeHint(-1, 1024, 1024)).withJournal("other", "file:/x.png");
    assertTrue(CostModel.estimate(PLANNER, stale) > 100 * CostModel.PER_IMAGE);
  }

  @Test
  void aByteCountStandsInForPixelsByFormat() {
    double jpeg = CostModel.estimate(PLANNER, new WorkItem("j", "s3a://b/j.jpg", null,
        NO_OVERRIDES, new SizeHint(250_000, 0, 0), new Object[0], null, null));
    double asPixels = CostModel.estimate(PLANNER, item("p", new SizeHint(-1, 1000, 1000)));
    assertEquals(asPixels, jpeg, asPixels * 1e-6, "250 kB of JPEG ~ 1 MP");
  }

  private static List<Integer> counts(int[] perPartition) {
    return Arrays.stream(perPartition).boxed().sorted(java.util.Comparator.reverseOrder()).toList();
  }

  /** Counts of large and small rows per partition. */
  private static int[][] deal(List<WorkItem> items, int partitions, PartitionLoads loads) {
    int[][] counts = new int[2][partitions];
    Iterator<Tuple2<Integer, WorkItem>> dealt =
        new PartitionDealer(PLANNER, partitions, loads).call(items.iterator());
    while (dealt.hasNext()) {
      Tuple2<Integer, WorkItem> t = dealt.next();
      counts[t._2().id().startsWith("large") ? 0 : 1][t._1()]++;
    }
    return counts;
  }

  private static final RowOverrides NO_OVERRIDES =
      new RowOverrides(null, null, null, null, null, null, null);

  private static WorkItem item(String id, SizeHint hint) {
    return new WorkItem(id, "file:/in/" + id + ".png", null, NO_OVERRIDES, hint, new Object[0],
        null, null);
  }
}
