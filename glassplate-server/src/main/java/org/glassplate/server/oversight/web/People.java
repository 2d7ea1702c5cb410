package org.glassplate.server.oversight.web;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;

/** People as auditors' pages name them: by name and username, never by pseudonym. */
final class People {
  private static final Pattern PSEUDONYM = Pattern.compile("\\buser:\\d+\\b");
  private final Map<String, String> names;

  private People(Map<String, String> names) {
    this.names = names;
  }

  /** Every account's name, by pseudonym, as it is now. */
  static People of(Accounts accounts) {
    Map<String, String> out = new TreeMap<>();
    for (Account a : accounts.all()) {
      out.put(a.pseudonym(), a.displayName() + " (" + a.username() + ")");
    }
    return new People(out);
  }

  /** Every account's name ("Name (username)"), by pseudonym, in pseudonym order. */
  Map<String, String> all() {
    return Collections.unmodifiableMap(names);
  }

  /** A person by name; a partner agency's requester, or the server, in words. */
  String name(String pseudonym) {
    if (pseudonym == null) {
      return null;
    }
    String name = names.get(pseudonym);
    if (name != null) {
      return name;
    }
    if ("system".equals(pseudonym)) {
      return "the server itself";
    }
    int slash = pseudonym.indexOf('/');
    return slash > 0 ? "a person at partner agency " + pseudonym.substring(0, slash) : "an account no longer listed";
  }

  /** A text (a self-audit's detail, before or after) with every pseudonym in it replaced by the person's name. */
  String inWords(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = PSEUDONYM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(name(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }
}
