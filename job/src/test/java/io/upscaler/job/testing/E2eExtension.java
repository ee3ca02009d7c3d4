package io.upscaler.job.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives end-to-end tests an {@link S3Server} and a {@link StandaloneCluster} as method or
 * constructor parameters. Each is started on first request and shared by every test class of the
 * test JVM (a cluster takes ~8 s to start); JUnit closes both, stopping their processes, when all
 * tests have run. Tests share them, so each test uses its own bucket names or key prefixes.
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
    Class<?> type = parameter.getParameter().getType();
    return type == S3Server.class || type == StandaloneCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    if (parameter.getParameter().getType() == S3Server.class) {
      return store.getOrComputeIfAbsent(S3Server.class, key -> S3Server.start(), S3Server.class);
    }
    return store.getOrComputeIfAbsent(StandaloneCluster.class, key -> StandaloneCluster.start(),
        StandaloneCluster.class);
  }
}
