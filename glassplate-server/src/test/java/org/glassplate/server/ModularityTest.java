package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Fails the build when a feature reaches into another feature's internals (STYLE.md). */
class ModularityTest {
  private static final ApplicationModules MODULES = ApplicationModules.of(GlassplateApplication.class);
  /** The committed module diagrams and canvases, at the repository's root. */
  private static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("modules");

  @Test
  void featuresOnlyUseEachOthersPublicApi() {
    MODULES.verify();
  }

  /**
   * A feature's stores and SQL live in its {@code internal} sub-package, and no module exposes it
   * (no named interface, no open feature module), so verify() rejects any other module that uses them.
   */
  @Test
  void noModuleExposesItsInternalPackage() {
    List<String> internal = new ArrayList<>();
    List<String> exposed = new ArrayList<>();
    MODULES.stream().forEach(m -> m.getBasePackage().stream()
        .filter(c -> c.getPackageName().equals(m.getBasePackage().getName() + ".internal"))
        .forEach(c -> {
          internal.add(c.getName());
          if (m.isExposed(c)) {
            exposed.add(c.getName());
          }
        }));
    assertThat(internal).as("types in internal packages").contains(
        "org.glassplate.server.audit.internal.AuditStore", "org.glassplate.server.hotlist.internal.HotlistStore",
        "org.glassplate.server.reads.internal.ReadQueries", "org.glassplate.server.retention.internal.GrantStore",
        "org.glassplate.server.search.internal.ResultStore", "org.glassplate.server.demo.internal.SeedMarks");
    assertThat(exposed).as("internal types that another module may use").isEmpty();
  }

  /**
   * docs/modules is what the code is: the diagrams are written again from the modules on every run,
   * and a difference from the committed copy fails the test (after writing the new copy, so that a
   * developer commits it; CI, on a clean clone, just fails).
   */
  @Test
  void theModuleDocumentationIsCurrent() throws IOException {
    Path generated = Path.of("target", "modules-docs").toAbsolutePath();
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    Map<String, String> freshFiles = files(generated);
    Map<String, String> fresh = canonical(freshFiles);
    Map<String, String> committed = Files.isDirectory(DOCS) ? canonical(files(DOCS)) : Map.of();
    if (!fresh.equals(committed)) {
      if (Files.isDirectory(DOCS)) {
        try (Stream<Path> old = Files.list(DOCS)) {
          for (Path p : old.toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(DOCS);
      for (Map.Entry<String, String> e : freshFiles.entrySet()) {
        Files.writeString(DOCS.resolve(e.getKey()), e.getValue());
      }
    }
    assertThat(committed).as("docs/modules (written again now: commit it)").isEqualTo(fresh);
  }

  /**
   * The Documenter writes a diagram's relations, and the items of a table cell, in an order that
   * changes from run to run (a cell's first item shares the line of its {@code |}, and an event type
   * internal to its module is an empty item): compare each file as its sorted non-empty lines, with a
   * cell's first item on a line of its own, so only a real change counts.
   */
  private static Map<String, String> canonical(Map<String, String> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((name, text) -> out.put(name, String.join("\n", text.lines()
        .flatMap(l -> l.startsWith("|* ") ? Stream.of("|", l.substring(1)) : Stream.of(l))
        .filter(l -> !l.isBlank()).sorted().toList())));
    return out;
  }

  private static Map<String, String> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      Map<String, String> out = new TreeMap<>();
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(p.getFileName().toString(), Files.readString(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
