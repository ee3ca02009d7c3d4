package io.upscaler.core;

import io.upscaler.core.image.Image;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.core.tile.ImageTiles;
import io.upscaler.core.tile.TileSource;
import io.upscaler.core.tile.TileStats;
import io.upscaler.core.tile.TiledInference;
import io.upscaler.models.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the model passes of several images together, so that one model call can carry tiles of
 * several images. Work goes in rounds: round r runs the r-th pass of every lane (an image's colour,
 * or its alpha) that has one; lanes whose pass uses the same model, tile, context and batch share
 * one {@link TiledInference#runAll} (one session lease, windows of equal size batched across
 * images). A failed shared call is retried lane by lane, so a failure stays with its image.
 *
 * <p>Not thread-safe; one per call of {@link Upscaler#inferAll}, on the thread that owns the device.
 */
final class PassRunner {
  private final SessionCache sessions;
  private final ModelStore store;
  private final DeviceRequest device;
  private final int maxConcurrentRuns;

  PassRunner(SessionCache sessions, ModelStore store, DeviceRequest device, int maxConcurrentRuns) {
    this.sessions = sessions;
    this.store = store;
    this.device = device;
    this.maxConcurrentRuns = maxConcurrentRuns;
  }

  /** Colour or alpha of one image on its way through the passes of its plan. */
  static final class Lane {
    final ScalePlan plan;
    final UpscaleRequest request;
    final int channels;
    final Image last;
    TileSource source;
    int next;
    Passes done;
    UpscaleException failure;

    /** @param last where the final pass writes, or null for a 16-bit intermediate */
    Lane(ScalePlan plan, UpscaleRequest request, TileSource source, int channels, Image last) {
      this.plan = plan;
      this.request = request;
      this.source = source;
      this.channels = channels;
      this.last = last;
      this.done = new Passes(null, "none", null, TileStats.NONE, 0, plan.label());
    }

    boolean active() {
      return failure == null && next < plan.passes().size();
    }

    ModelCard nextCard() {
      return plan.passes().get(next);
    }

    int pad() {
      return request.pad() >= 0 ? request.pad() : Upscaler.contextFor(nextCard());
    }
  }

  /** What lanes may share a call: the same model, tiling and batch. */
  private record Key(String sha256, String modelId, int tile, int pad, int batch) {}

  /** Runs every lane through all its passes; a lane that fails keeps its exception. */
  void run(List<Lane> lanes) {
    while (true) {
      Map<Key, List<Lane>> round = new LinkedHashMap<>();
      for (Lane lane : lanes) {
        if (lane.active()) {
          ModelCard card = lane.nextCard();
          round.computeIfAbsent(new Key(card.sha256(), card.id(), lane.request.tile(), lane.pad(),
              lane.request.batch()), k -> new ArrayList<>()).add(lane);
        }
      }
      if (round.isEmpty()) {
        return;
      }
      round.values().forEach(this::runShared);
    }
  }

  private void runShared(List<Lane> group) {
    try {
      runPass(group);
    } catch (UpscaleException e) {
      if (group.size() == 1) {
        group.get(0).failure = e;
        return;
      }
      for (Lane lane : group) {
        try {
          runPass(List.of(lane));
        } catch (UpscaleException alone) {
          lane.failure = alone;
        }
      }
    }
  }

  /** One pass of every lane in {@code group} (same model and tiling), in shared model calls. */
  private void runPass(List<Lane> group) throws UpscaleException {
    Lane first = group.get(0);
    ModelCard card = first.nextCard();
    int s = card.nativeScale();
    List<Image> targets = new ArrayList<>(group.size());
    List<TiledInference.Job> jobs = new ArrayList<>(group.size());
    for (Lane lane : group) {
      boolean isLast = lane.next == lane.plan.passes().size() - 1;
      Image target = isLast && lane.last != null ? lane.last
          : Image.allocate(lane.source.width() * s, lane.source.height() * s, lane.channels, 16);
      targets.add(target);
      jobs.add(new TiledInference.Job(lane.source, ImageTiles.colorSink(target),
          lane.request.tile(), lane.pad()));
    }
    try (SessionCache.Lease lease = sessions.acquire(card, store, device, maxConcurrentRuns)) {
      List<TileStats> stats =
          new TiledInference(lease.session()).runAll(jobs, first.request.batch());
      String ran = lease.session().card().id();
      for (int i = 0; i < group.size(); i++) {
        Lane lane = group.get(i);
        Passes d = lane.done;
        lane.done = new Passes(targets.get(i), lease.session().device().label(),
            lease.session().fallbackReason(), d.stats().plus(stats.get(i)),
            d.loaded() + (lease.built() && i == 0 ? 1 : 0),
            d.image() == null ? ran : d.models() + "+" + ran);
        lane.source = ImageTiles.color(targets.get(i));
        lane.next++;
      }
    }
  }
}
