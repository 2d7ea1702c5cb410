package org.glassplate.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json}, the last entry of a backup archive ({@link BackupCommand}): what the archive
 * holds and the size and SHA-256 of every other entry, which {@link RestoreCommand} checks before it
 * writes anything.
 *
 * @param format {@value #FORMAT}
 * @param createdAt when the backup was taken (UTC)
 * @param schemaVersion the highest Flyway migration applied to the database
 * @param logSize the audit log's size in the backup's snapshot
 * @param tables each table's columns, row count and entry ({@code db/TABLE.copy}, PostgreSQL's binary COPY format)
 * @param partitions the partitions of partitioned tables, with their bounds (created by the application, not the migrations)
 * @param sequences each sequence's last value
 * @param files the files of the data directory ({@code files/PATH}) and their permissions
 * @param entries every other entry: name, size in bytes and SHA-256 (hex)
 * @param base the physical base backup of the database ({@code pg/...} entries), the start of a point-in-time
 *     recovery ({@code restore --until}); null in a backup of a Glassplate that did not take one
 */
record BackupManifest(String format, String createdAt, String schemaVersion, long logSize, List<Table> tables,
    List<Partition> partitions, List<Sequence> sequences, List<DataFile> files, List<Entry> entries, Base base) {
  static final String FORMAT = "glassplate-backup/1";
  static final String MANIFEST = "manifest.json";
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  record Table(String name, List<String> columns, long rows, String entry) {
  }

  record Partition(String name, String parent, String bound) {
  }

  record Sequence(String name, Long lastValue) {
  }

  record DataFile(String path, String permissions) {
  }

  record Entry(String name, long size, String sha256) {
  }

  /**
   * A base backup taken with {@code pg_backup_start} / {@code pg_backup_stop}: the files of the database's
   * data directory under {@code pg/}, with {@code pg/backup_label} and the WAL segments from its start to its
   * end under {@code pg/pg_wal/}.
   *
   * @param startLsn where replay starts
   * @param stopLsn where the copy is consistent
   * @param consistentAt the database's time when the base backup ended: the earliest {@code --until}
   * @param walArchive the WAL archive the database archived to ({@code DIR/wal-archive}) when it was taken
   * @param directories every directory under {@code pg/} (created on restore even when empty)
   * @param walSegments the segments under {@code pg/pg_wal/}
   */
  record Base(String startLsn, String stopLsn, String consistentAt, String walArchive, List<String> directories,
      List<String> walSegments) {
  }

  long rows() {
    return tables.stream().mapToLong(Table::rows).sum();
  }

  byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  /** The manifest in these bytes; IllegalArgumentException if it is not one of {@value #FORMAT}. */
  static BackupManifest parse(byte[] json) {
    BackupManifest m;
    try {
      m = JSON.readValue(json, BackupManifest.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("its manifest.json is not readable (" + e.getClass().getSimpleName() + ")");
    }
    if (!FORMAT.equals(m.format())) {
      throw new IllegalArgumentException("its manifest.json is of format '" + m.format() + "', not " + FORMAT);
    }
    if (m.tables() == null || m.entries() == null || m.files() == null || m.schemaVersion() == null) {
      throw new IllegalArgumentException("its manifest.json is incomplete");
    }
    return m;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
