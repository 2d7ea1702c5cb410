package org.glassplate.server.hotlist.web;

import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.stereotype.Component;

/**
 * The signed-in person who looks at plate data through alerts: they must hold current training
 * (R-ACC-3) before any alert is shown.
 */
@Component
class OperatorAccess {

  Caller operator() {
    Caller caller = CallerAuthentication.current().orElseThrow();
    return caller;
  }
}
