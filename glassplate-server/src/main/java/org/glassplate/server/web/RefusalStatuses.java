package org.glassplate.server.web;

import org.glassplate.server.core.RefusalCode;
import org.springframework.http.HttpStatus;

/**
 * The HTTP status of each code of one feature's refusal enum. Each feature contributes one per enum
 * from its {@code web} package (a switch over the enum, so that a code without a status does not
 * compile); {@link ErrorStatuses} joins them into the one table the error advice answers from.
 *
 * @param <C> the feature's refusal enum
 */
public interface RefusalStatuses<C extends Enum<C> & RefusalCode> {

  /** The enum whose codes this maps. */
  Class<C> codes();

  /** The status a refusal with this code is answered with. */
  HttpStatus status(C code);
}
