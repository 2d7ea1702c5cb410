package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The signed-in person's home page: who they are, their training state and where to go (the layout's links). */
@Controller
class HomePage {
  private final Accounts accounts;
  private final TrainingGate gate;

  HomePage(Accounts accounts, TrainingGate gate) {
    this.accounts = accounts;
    this.gate = gate;
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView home(HttpServletRequest request, HttpServletResponse response) {
    Caller me = CallerAuthentication.current().orElseThrow();
    Account account = accounts.find(me.id()).orElseThrow();
    Pages.noStore(response);
    return Pages.page("accounts/home", new HomeView(Layout.of("Home · Glassplate", request), account.displayName(),
        account.username(), String.join(", ", account.roles().stream().sorted().toList()),
        gate.hasCurrentTraining(me.id())));
  }
}
