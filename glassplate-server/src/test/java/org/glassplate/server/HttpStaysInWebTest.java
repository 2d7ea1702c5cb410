package org.glassplate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Domain code refuses with a code and never names an HTTP status (STYLE.md 6): outside packages
 * named {@code web} no class uses {@code HttpStatus} or {@code ResponseEntity}, and no class uses
 * any other HTTP type except the four listed below, HTTP plumbing that still lives in a feature's
 * root package (the accounts sign-in filters, the hot-list alert stream) and is to move to its
 * {@code web} package.
 */
class HttpStaysInWebTest {
  private static final JavaClasses SERVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.glassplate.server");

  @Test
  void noStatusOutsideWebPackages() {
    noClasses().that().resideOutsideOfPackage("..web..")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.HttpStatus")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.ResponseEntity")
        .check(SERVER);
  }

  @Test
  void noOtherHttpTypeOutsideWebPackagesButTheKnownFour() {
    noClasses().that().resideOutsideOfPackage("..web..")
        .and().haveNameNotMatching(
            "org\\.glassplate\\.server\\.(accounts\\.(SessionGuard|SessionSecurity|TotpStepFilter)|hotlist\\.AlertStream)(\\$.*)?")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web..",
            "jakarta.servlet..")
        .check(SERVER);
  }
}
