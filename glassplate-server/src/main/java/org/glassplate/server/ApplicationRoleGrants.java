package org.glassplate.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * After every migration, grants the application's role ({@code spring.datasource.username}) what it
 * needs and no more, when the migrations ran as another role ({@code spring.flyway.user}: the owner of
 * the tables). A role that owns no table cannot {@code ALTER TABLE … DISABLE TRIGGER} nor
 * {@code DROP TRIGGER}, so the application cannot switch off the audit log's append-only triggers
 * (R-AUD-2, issue 18). Rows it must never change are not even granted: no UPDATE or DELETE on the
 * log's entries, private fields, checkpoints and cosignatures, no DELETE of tiles, no TRUNCATE of
 * anything, and the migration history is read-only to it.
 */
@Component
class ApplicationRoleGrants implements Callback {
  private static final Logger log = LoggerFactory.getLogger(ApplicationRoleGrants.class);
  /** The append-only tables of V201, V1440 and V1590: what their triggers refuse, the application is not granted. */
  private static final List<String> APPEND_ONLY = List.of("audit_entry", "audit_private", "audit_checkpoint",
      "audit_cosignature", "audit_log_origin");
  /** Runs DDL as plate_read's owner, for one day's partition (V1560). */
  private static final String OWNER_FUNCTIONS = "plate_read_create_day(date), plate_read_drop_day(date), "
      + "plate_read_clean_pending_lists(date[])";

  private final String applicationUser;

  ApplicationRoleGrants(@Value("${spring.datasource.username:}") String applicationUser) {
    this.applicationUser = applicationUser;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    try {
      grant(context.getConnection(), context.getConfiguration().getTable());
    } catch (SQLException e) {
      // the role's name only: a database message never reaches a log here
      throw new IllegalStateException("could not grant the application's role its privileges (SQL state "
          + e.getSQLState() + ")", e);
    }
  }

  private void grant(Connection c, String historyTable) throws SQLException {
    if (applicationUser.isBlank()) {
      return;
    }
    String migrator;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      migrator = rs.getString(1);
    }
    if (migrator.equals(applicationUser)) {
      return; // one role for both: nothing to grant (and the README says why that is weaker)
    }
    try (PreparedStatement p = c.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = ?")) {
      p.setString(1, applicationUser);
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next() && rs.getBoolean(1)) {
          log.warn("the application's database role is a superuser: it could disable the audit log's triggers");
        }
      }
    }
    String app = identifier(applicationUser);
    try (Statement s = c.createStatement()) {
      s.execute("GRANT USAGE ON SCHEMA public TO " + app);
      s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + app);
      s.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + app);
      s.execute("REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM " + app);
      for (String table : APPEND_ONLY) {
        s.execute("REVOKE UPDATE, DELETE ON " + table + " FROM " + app);
      }
      s.execute("REVOKE DELETE ON audit_tile FROM " + app);
      s.execute("REVOKE INSERT, UPDATE, DELETE ON " + identifier(historyTable) + " FROM " + app);
      s.execute("GRANT EXECUTE ON FUNCTION " + OWNER_FUNCTIONS + " TO " + app);
    }
  }

  /** A role or table name as a quoted SQL identifier, exactly as spelled. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String getCallbackName() {
    return "glassplate-application-role-grants";
  }
}
