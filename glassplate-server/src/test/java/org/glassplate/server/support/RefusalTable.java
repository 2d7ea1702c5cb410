package org.glassplate.server.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.HttpStatus;

/**
 * The refusal codes and the status table as the application has them, found on the classpath
 * without starting Spring: every enum implementing {@link RefusalCode} and every feature's
 * {@link RefusalStatuses}, joined by the production {@link ErrorStatuses#join}.
 */
public final class RefusalTable {
  private static final String BASE = "org.glassplate.server";
  private static final List<RefusalStatuses<?>> CONTRIBUTIONS = contributions();
  private static final Map<RefusalCode, HttpStatus> TABLE = ErrorStatuses.join(CONTRIBUTIONS);

  private RefusalTable() {
  }

  /** The status the application answers this refusal with; fails if its code has none. */
  public static HttpStatus status(Refusal refusal) {
    HttpStatus s = TABLE.get(refusal.refusalCode());
    if (s == null) {
      throw new AssertionError("no status for refusal code " + refusal.code());
    }
    return s;
  }

  /** Every code with its status. */
  public static Map<RefusalCode, HttpStatus> table() {
    return TABLE;
  }

  /** Every feature's contribution, sorted by class name. */
  public static List<RefusalStatuses<?>> contributions() {
    List<RefusalStatuses<?>> out = new ArrayList<>();
    for (Class<?> c : scan(RefusalStatuses.class)) {
      try {
        var ctor = c.getDeclaredConstructor();
        ctor.setAccessible(true);
        out.add((RefusalStatuses<?>) ctor.newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(c.getName() + " needs a no-argument constructor", e);
      }
    }
    return out;
  }

  /** Every enum of refusal codes, sorted by class name. */
  @SuppressWarnings("unchecked")
  public static List<Class<? extends RefusalCode>> codeEnums() {
    List<Class<? extends RefusalCode>> out = new ArrayList<>();
    for (Class<?> c : scan(RefusalCode.class)) {
      if (c.isEnum()) {
        out.add((Class<? extends RefusalCode>) c);
      }
    }
    return out;
  }

  private static List<Class<?>> scan(Class<?> type) {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AssignableTypeFilter(type));
    List<Class<?>> out = new ArrayList<>();
    for (BeanDefinition d : scanner.findCandidateComponents(BASE)) {
      Class<?> c;
      try {
        c = Class.forName(d.getBeanClassName());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      if (c.getEnclosingClass() == null) { // the application's are top-level; tests nest their own
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(Class::getName));
    return out;
  }
}
