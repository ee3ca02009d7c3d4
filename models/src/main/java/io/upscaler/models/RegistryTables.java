package io.upscaler.models;

import java.util.List;

/**
 * The registry's data-driven tables (resource {@code registry.json}): aliases and the default
 * model per requested scale. New model families add rows here, not code.
 *
 * @param aliases alias rows
 * @param defaults default-model rows, first match wins
 */
public record RegistryTables(List<ModelAlias> aliases, List<DefaultModel> defaults) {
  private static final RegistryTables STANDARD = Resources.json("registry.json",
      RegistryTables.class);

  public RegistryTables {
    aliases = List.copyOf(aliases);
    defaults = List.copyOf(defaults);
  }

  /** The tables shipped in this jar. */
  public static RegistryTables standard() {
    return STANDARD;
  }

  /** Aliases that stand for model {@code id}, in table order, other than the id itself. */
  public List<String> aliasesOf(String id) {
    return aliases.stream().filter(a -> id.equals(a.model()) && !a.alias().equalsIgnoreCase(id))
        .map(ModelAlias::alias).toList();
  }
}
