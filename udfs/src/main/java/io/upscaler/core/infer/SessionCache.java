package io.upscaler.core.infer;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.ModelStore;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one JVM, keyed by model identity (sha256) and device request.
 *
 * <p>Contract: a session is built lazily by the first thread that asks for its key, exactly once;
 * threads asking meanwhile wait for that build. A failed build is remembered, so a model that
 * can't load fails every later request at once instead of retrying per image. Callers hold a
 * {@link Lease} while they run; at most {@code capacity} sessions are kept, and the least recently
 * used idle one is closed when a new one would exceed that. A session still leased when evicted
 * is closed when its last lease is released. {@link #shared()} is the cache of the executor JVM;
 * a shutdown hook closes its idle sessions.
 */
public final class SessionCache implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 4;
  private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);
  private static final SessionCache SHARED = createShared();

  private final int capacity;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final AtomicLong loads = new AtomicLong();
  private long clock;

  /** What makes two requests share a session. */
  public record Key(String sha256, String modelId, DeviceRequest request, int maxConcurrentRuns) {}

  /** Supplies a model's ONNX bytes; called only when the session is actually built. */
  @FunctionalInterface
  public interface ModelBytes {
    byte[] get() throws UpscaleException;
  }

  public SessionCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("session cache capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** The JVM-wide cache (capacity from system property upscaler.sessions.max, default 4). */
  public static SessionCache shared() {
    return SHARED;
  }

  private static SessionCache createShared() {
    SessionCache cache =
        new SessionCache(Integer.getInteger("upscaler.sessions.max", DEFAULT_CAPACITY));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(cache::close, "upscaler-session-cache-shutdown"));
    return cache;
  }

  /** {@link #acquire(ModelCard, ModelStore, DeviceRequest, int)} for a model without twins. */
  public Lease acquire(
      ModelCard card, ModelBytes bytes, DeviceRequest request, int maxConcurrentRuns)
      throws UpscaleException {
    return acquire(card, (ModelStore) c -> bytes.get(), request, maxConcurrentRuns);
  }

  /**
   * Leases the session for a model and device request, building it on first use. The session may
   * run the model's fp16 twin from {@code store} ({@link Precision#choose}); its {@link
   * ModelSession#card()} says which.
   *
   * @param maxConcurrentRuns bound on runs in flight on the session; 0 for no bound
   * @throws UpscaleException MODEL_ERROR or DEVICE_UNAVAILABLE when the session can't be built
   */
  public Lease acquire(
      ModelCard card, ModelStore store, DeviceRequest request, int maxConcurrentRuns)
      throws UpscaleException {
    Key key = new Key(card.sha256(), card.id(), request, maxConcurrentRuns);
    Entry entry;
    boolean build = false;
    synchronized (this) {
      entry = entries.get(key);
      if (entry == null) {
        entry = new Entry();
        entries.put(key, entry);
        build = true;
      }
      entry.users++;
      entry.lastUsed = ++clock;
    }
    if (build) {
      build(entry, key, card, store, request, maxConcurrentRuns);
    }
    return new Lease(entry, await(entry), build);
  }

  private void build(
      Entry entry,
      Key key,
      ModelCard card,
      ModelStore store,
      DeviceRequest request,
      int maxConcurrentRuns) {
    try {
      entry.future.complete(SessionFactory.open(card, store, request, maxConcurrentRuns));
      loads.incrementAndGet();
    } catch (UpscaleException e) {
      entry.future.completeExceptionally(e);
    } catch (RuntimeException | Error e) {
      // Not a property of the model (e.g. out of memory): forget it so a later request retries.
      entry.future.completeExceptionally(e);
      synchronized (this) {
        entries.remove(key, entry);
      }
    }
    synchronized (this) {
      evictBeyondCapacity();
    }
  }

  private ModelSession await(Entry entry) throws UpscaleException {
    try {
      return entry.future.join();
    } catch (CompletionException e) {
      release(entry);
      Throwable cause = e.getCause();
      if (cause instanceof UpscaleException u) {
        throw new UpscaleException(u.errorClass(), u.getMessage(), u);
      }
      throw new UpscaleException(ErrorClass.MODEL_ERROR, "model load failed: " + cause, cause);
    }
  }

  private void evictBeyondCapacity() {
    while (entries.size() > capacity) {
      Map.Entry<Key, Entry> victim = null;
      for (Map.Entry<Key, Entry> e : entries.entrySet()) {
        Entry v = e.getValue();
        boolean idle = v.users == 0 && v.future.isDone();
        if (idle && (victim == null || v.lastUsed < victim.getValue().lastUsed)) {
          victim = e;
        }
      }
      if (victim == null) {
        LOG.warn("session cache over capacity {}: all {} sessions in use", capacity, entries.size());
        return;
      }
      entries.remove(victim.getKey());
      LOG.info("evicting session of {} ({})", victim.getKey().modelId(), victim.getKey().request());
      victim.getValue().closeSession();
    }
  }

  private synchronized void release(Entry entry) {
    entry.users--;
    if (entry.users == 0 && !entries.containsValue(entry)) {
      entry.closeSession();
    }
  }

  /** Sessions built by this cache since it was created (the job reports it per executor). */
  public long loads() {
    return loads.get();
  }

  /** Sessions currently held (including remembered failures). */
  public synchronized int size() {
    return entries.size();
  }

  /** Closes every idle session; leased ones close when released. */
  @Override
  public synchronized void close() {
    List<Entry> all = new ArrayList<>(entries.values());
    entries.clear();
    for (Entry e : all) {
      if (e.users == 0) {
        e.closeSession();
      }
    }
  }

  private static final class Entry {
    final CompletableFuture<ModelSession> future = new CompletableFuture<>();
    int users;
    long lastUsed;
    boolean closed;

    void closeSession() {
      if (closed || !future.isDone() || future.isCompletedExceptionally()) {
        return;
      }
      closed = true;
      future.join().close();
    }
  }

  /** A hold on a session; release it (close) when the work is done. Not thread-safe. */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private final ModelSession session;
    private final boolean built;
    private boolean released;

    private Lease(Entry entry, ModelSession session, boolean built) {
      this.entry = entry;
      this.session = session;
      this.built = built;
    }

    public ModelSession session() {
      return session;
    }

    /** Whether this request built the session (the first use of the model in this JVM). */
    public boolean built() {
      return built;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        release(entry);
      }
    }
  }
}
