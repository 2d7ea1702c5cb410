package org.glassplate.server.core;

/**
 * A stable reason a request is refused, shown to the caller as {@code error.code}. Each feature
 * declares its codes in one enum implementing this ({@code SearchRefusal}, {@code PolicyRefusal},
 * ...); codes that mean the same in every feature are declared once, in {@link CommonRefusal}, and
 * reused rather than declared again: a code string is declared by exactly one enum
 * ({@code RefusalRegistryTest}; docs/ERRORS.md lists them all). A code names no HTTP status: the web
 * layer maps each one to its status.
 */
public interface RefusalCode {

  /** The enum constant's name (implemented by every enum). */
  String name();

  /** What the code means, for docs/ERRORS.md; never shown instead of a refusal's own message. */
  String meaning();

  /** The code as the caller sees it: the constant's name. */
  default String code() {
    return name();
  }
}
