package org.glassplate.server.accounts.web;

import static org.glassplate.server.accounts.web.Html.csrf;
import static org.glassplate.server.accounts.web.Html.esc;
import static org.glassplate.server.accounts.web.Html.page;

import jakarta.servlet.http.HttpServletRequest;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in person's home page: who they are, their training state and where to go. */
@Controller
class HomePage {
  private final Accounts accounts;
  private final TrainingGate gate;

  HomePage(Accounts accounts, TrainingGate gate) {
    this.accounts = accounts;
    this.gate = gate;
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> home(HttpServletRequest request) {
    Caller me = CallerAuthentication.current().orElseThrow();
    Account account = accounts.find(me.id()).orElseThrow();
    String training = gate.hasCurrentTraining(me.id())
        ? "<p class=\"note\" id=\"training\">Your training is current.</p>"
        : "<p class=\"error\" id=\"training\">Your training is not current: you cannot search, view alerts or export "
            + "until a supervisor records it.</p>";
    StringBuilder links = new StringBuilder("<a href=\"/account\">My account and API tokens</a>");
    if (me.hasRole(Roles.INVESTIGATOR)) {
      links.append("<a href=\"/search\">Search plate reads</a>");
    }
    if (me.hasRole(Roles.SUPERVISOR) || me.hasRole(Roles.AUDITOR)) {
      links.append("<a href=\"/holds\">Legal holds and extensions</a>");
    }
    if (me.hasRole(Roles.ADMINISTRATOR)) {
      links.append("<a href=\"/admin/accounts\">Accounts</a>");
      links.append("<a href=\"/admin/policy\">Policy</a>");
    }
    links.append("<a href=\"/transparency\">Transparency</a>");
    String body = """
        <h1 id="home">Glassplate</h1>
        <p id="whoami">Signed in as <strong>%s</strong> (%s) with roles %s.</p>
        %s
        <nav>%s</nav>
        <form method="post" action="/logout">%s<button type="submit" id="sign-out">Sign out</button></form>
        """.formatted(esc(account.displayName()), esc(account.username()),
        esc(String.join(", ", account.roles().stream().sorted().toList())), training, links, csrf(request));
    return SignInPages.html(page("Home", body));
  }
}
