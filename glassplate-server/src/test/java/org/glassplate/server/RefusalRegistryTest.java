package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.support.RefusalTable;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.RefusalStatuses;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Every refusal code of every feature has one HTTP status, and a code string is declared by one
 * enum only: a code that means the same in several features is one constant, reused (in
 * {@code core.CommonRefusal} when no single feature owns it). docs/ERRORS.md is generated from the
 * same table and must match it: run with {@code -Dglassplate.writeErrors=true} to rewrite it.
 */
class RefusalRegistryTest {
  /** The repository's root: the server module's parent. */
  private static final Path ERRORS = Path.of("").toAbsolutePath().getParent().resolve("docs/ERRORS.md");

  @Test
  void everyFeatureDeclaresItsCodesInAnEnumFound() {
    assertThat(RefusalTable.codeEnums()).extracting(Class::getSimpleName).contains("CommonRefusal", "WebRefusal",
        "SearchRefusal", "HotlistRefusal", "AccountRefusal", "PolicyRefusal", "RetentionRefusal", "AuditRefusal",
        "ReadsRefusal", "DataRequestRefusal");
  }

  @Test
  void everyCodeOfEveryEnumHasAnErrorStatus() {
    Map<Class<?>, Integer> mappings = new HashMap<>();
    RefusalTable.contributions().forEach(c -> mappings.merge(c.codes(), 1, Integer::sum));
    List<String> missing = new ArrayList<>();
    for (Class<? extends RefusalCode> e : RefusalTable.codeEnums()) {
      assertThat(mappings.get(e)).as("RefusalStatuses contributions for %s", e.getSimpleName()).isEqualTo(1);
      for (RefusalCode code : e.getEnumConstants()) {
        HttpStatus status = RefusalTable.table().get(code);
        if (status == null || !status.isError()) {
          missing.add(e.getSimpleName() + "." + code.name() + " -> " + status);
        }
        assertThat(code.meaning()).as("meaning of %s", code.code()).isNotBlank();
      }
    }
    assertThat(missing).as("codes without a 4xx or 5xx status").isEmpty();
  }

  @Test
  void noCodeStringIsDeclaredByTwoEnums() {
    Map<String, List<String>> declaredBy = new HashMap<>();
    for (Class<? extends RefusalCode> e : RefusalTable.codeEnums()) {
      for (RefusalCode code : e.getEnumConstants()) {
        declaredBy.computeIfAbsent(code.code(), k -> new ArrayList<>()).add(e.getSimpleName());
      }
    }
    declaredBy.values().removeIf(owners -> owners.size() == 1);
    assertThat(declaredBy).as("code strings declared more than once (reuse one constant)").isEmpty();
  }

  /** The guard that keeps the application from starting with a duplicate works (so the checks above can fail). */
  @Test
  void joiningRefusesACodeStringDeclaredTwice() {
    RefusalStatuses<Duplicate> duplicate = new RefusalStatuses<>() {
      @Override
      public Class<Duplicate> codes() {
        return Duplicate.class;
      }

      @Override
      public HttpStatus status(Duplicate code) {
        return HttpStatus.CONFLICT;
      }
    };
    List<RefusalStatuses<?>> all = new ArrayList<>(RefusalTable.contributions());
    all.add(duplicate);
    assertThatThrownBy(() -> ErrorStatuses.join(all))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NOT_FOUND").hasMessageContaining("CommonRefusal").hasMessageContaining("Duplicate");
  }

  @Test
  void errorsDocumentListsEveryCodeWithItsStatus() throws IOException {
    String want = document();
    if (Boolean.getBoolean("glassplate.writeErrors")) {
      Files.writeString(ERRORS, want, StandardCharsets.UTF_8);
    }
    String got = Files.exists(ERRORS) ? Files.readString(ERRORS, StandardCharsets.UTF_8) : "";
    assertThat(got).as("docs/ERRORS.md is out of date: run RefusalRegistryTest with -Dglassplate.writeErrors=true")
        .isEqualTo(want);
  }

  /** docs/ERRORS.md as the code has it. */
  static String document() {
    StringBuilder md = new StringBuilder("""
        # Error codes

        Every refusal answers `{"error":{"code","message","field"?}}` (DESIGN.md) with the status below. A
        code names the reason, the message says it for people and `field` names the field at fault when
        there is one. This page is generated from the code by `RefusalRegistryTest`, which fails when it
        is out of date (`-Dglassplate.writeErrors=true` rewrites it).

        Each feature declares its codes in one enum implementing `core.RefusalCode`; its `web` package
        maps each to a status (`RefusalStatuses`), and `web.ErrorStatuses` joins them into the one table.
        A code string is declared once: a code with the same meaning in several features (`NOT_FOUND`,
        `NOT_PENDING`, `LEGAL_FLOOR`, `TRAINING_REQUIRED`, ...) is one constant that they all use, in the
        feature that owns the rule or, when none does, in `core.CommonRefusal`. The reason codes of audit
        entries (e.g. `ROLE`, `MISSING_CASE_NUMBER`) are a separate, finer list and are not shown here.
        """);
    Map<RefusalCode, HttpStatus> table = RefusalTable.table();
    List<Class<? extends RefusalCode>> enums = new ArrayList<>(RefusalTable.codeEnums());
    enums.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b))
        : a.getName().compareTo(b.getName()));
    for (Class<? extends RefusalCode> e : enums) {
      String pkg = e.getPackageName().substring("org.glassplate.server.".length());
      md.append("\n## ").append(pkg).append(" (`").append(e.getSimpleName()).append("`)\n\n")
          .append("| code | status | meaning |\n|---|---|---|\n");
      for (RefusalCode code : e.getEnumConstants()) {
        HttpStatus s = table.get(code);
        md.append("| `").append(code.code()).append("` | ").append(s.value()).append(' ')
            .append(s.getReasonPhrase()).append(" | ").append(code.meaning().replace("|", "\\|")).append(" |\n");
      }
    }
    return md.toString();
  }

  private static int rank(Class<?> e) {
    return switch (e.getPackageName()) {
      case "org.glassplate.server.core" -> 0;
      case "org.glassplate.server.web" -> 1;
      default -> 2;
    };
  }

  private enum Duplicate implements RefusalCode {
    NOT_FOUND;

    @Override
    public String meaning() {
      return "declared a second time, for the test";
    }
  }
}
