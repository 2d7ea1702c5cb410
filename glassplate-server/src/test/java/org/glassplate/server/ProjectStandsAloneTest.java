package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project needs nothing outside its own repository at build, test or run time (issue 10): no
 * source, test or build file names the team's folder beside it, and the licence is Apache-2.0.
 */
class ProjectStandsAloneTest {
  /** The repository's root: the server module's parent. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  /** Spelled in two parts so that this file does not name it itself. */
  private static final String BESIDE = ".." + "/shared";

  @Test
  void noSourceTestOrBuildFileNamesTheFolderBesideTheProject() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("pom.xml"), ROOT.resolve("glassplate"), ROOT.resolve(".ci/run")));
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        files.add(module.resolve("pom.xml"));
        if (Files.isDirectory(module.resolve("src"))) {
          try (Stream<Path> src = Files.walk(module.resolve("src"))) {
            src.filter(Files::isRegularFile).forEach(files::add);
          }
        }
      }
    }
    assertThat(files).as("the scan found the server's own sources").contains(
        ROOT.resolve("glassplate-server/src/main/java/org/glassplate/server/Launcher.java"));
    List<String> naming = files.stream().filter(Files::isRegularFile)
        .filter(f -> text(f).contains(BESIDE) || text(f).contains("shared" + "/data/external"))
        .map(f -> ROOT.relativize(f).toString()).toList();
    assertThat(naming).as("files that need the folder beside the project").isEmpty();
  }

  @Test
  void theLicenceIsApacheTwoAndTheReadmeSaysSo() throws IOException {
    String licence = Files.readString(ROOT.resolve("LICENSE"));
    assertThat(licence).contains("Apache License", "Version 2.0, January 2004",
        "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "END OF TERMS AND CONDITIONS");
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("Apache License 2.0").contains("LICENSE");
  }

  private static String text(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1); // bytes as they are: binaries too
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
