package io.upscaler.job.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives end-to-end tests an {@link S3Server} and a {@link StandaloneCluster} as method or
 * constructor parameters. Each is started on first request — both at once when a method asks for
 * both — and shared by every test class of the test JVM (a cluster takes ~8 s to start); JUnit
 * closes them, stopping their processes, after the last test. A start that failed is not retried:
 * later tests fail at once with the same error. Tests share the servers, so each test uses its own
 * bucket names or key prefixes.
 *
 * <pre>{@code
 * @ExtendWith(E2eExtension.class)
 * class UpscaleJobIT {
 *   @Test
 *   void upscalesACsvManifestFromS3(S3Server s3, StandaloneCluster cluster) { ... }
 * }
 * }</pre>
 */
public final class E2eExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(E2eExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return isShared(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    for (Class<?> wanted : parameter.getDeclaringExecutable().getParameterTypes()) {
      if (isShared(wanted)) {
        started(store, wanted);
      }
    }
    return started(store, parameter.getParameter().getType()).get();
  }

  private static boolean isShared(Class<?> type) {
    return type == S3Server.class || type == StandaloneCluster.class;
  }

  private static Starting<?> started(ExtensionContext.Store store, Class<?> type) {
    Supplier<AutoCloseable> start = type == S3Server.class ? S3Server::start : StandaloneCluster::start;
    return store.getOrComputeIfAbsent(type, key -> new Starting<>(start), Starting.class);
  }

  /** A server starting in the background; closing it waits for the start, then stops it. */
  private static final class Starting<T extends AutoCloseable> implements AutoCloseable {
    private final CompletableFuture<T> server;

    Starting(Supplier<T> start) {
      server = CompletableFuture.supplyAsync(start);
    }

    T get() {
      try {
        return server.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      if (!server.isCompletedExceptionally()) {
        get().close();
      }
    }
  }
}
