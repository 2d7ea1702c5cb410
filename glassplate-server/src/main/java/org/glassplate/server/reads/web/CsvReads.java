package org.glassplate.server.reads.web;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadSubmission;
import org.glassplate.server.reads.ReadSubmission.FieldNames;
import org.glassplate.server.reads.ReadsRefusal;
import org.glassplate.server.reads.Rejection;
import org.glassplate.server.web.ApiException;

/**
 * A reads CSV (R-ING-1), read one line at a time from a stream so that a file of any length takes
 * the same memory. The first line is the header; its columns are the read fields of
 * {@code POST /api/v1/reads}: {@code plate}, {@code capturedAt} (both required), {@code state},
 * {@code lat}, {@code lon}, {@code confidence}, and the vehicle's {@code vehicle.make},
 * {@code vehicle.color}, {@code vehicle.type} (or {@code make}, {@code color}, {@code type}), in any
 * order, any case. An unknown, repeated or missing column refuses the whole file, naming it. Values
 * are RFC 4180 fields (quoted when they hold a comma or a quote); a quoted value may not span lines,
 * so a line of the file is always one read and a rejection names its line. An empty value is an
 * absent field.
 */
final class CsvReads {
  /** A longer line is rejected (and skipped) unread: no read needs more. */
  static final int MAX_LINE_CHARS = 4096;
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  /** The fields a column can hold. */
  enum Column {
    PLATE("plate"), STATE("state"), CAPTURED_AT("capturedAt"), LAT("lat"), LON("lon"), CONFIDENCE("confidence"),
    MAKE("vehicle.make"), COLOR("vehicle.color"), TYPE("vehicle.type");

    final String name;

    Column(String name) {
      this.name = name;
    }

    static Column named(String header) {
      String h = header.trim().toLowerCase(Locale.ROOT);
      for (Column c : values()) {
        if (c.name.toLowerCase(Locale.ROOT).equals(h) || (c.name.startsWith("vehicle.") && c.name.substring(8).equals(h))) {
          return c;
        }
      }
      return null;
    }
  }

  /** One data line: the read it holds, or why it holds none. Exactly one of the two is set. */
  record Line(ReadSubmission read, Rejection rejection) {
  }

  private final Reader in;
  private final Column[] columns;
  private final Map<Column, String> names = new EnumMap<>(Column.class);
  private final FieldNames fieldNames;
  private final char[] buf = new char[8192];
  private final StringBuilder text = new StringBuilder(256);
  private int pos;
  private int end;
  private boolean eof;
  private int nextLine;

  /**
   * Reads the header from {@code in}.
   *
   * @param firstLine the line number, in the whole file, of the first line after the header: a
   *     client that sends a file in parts gives it so that rejections name the file's lines
   * @throws ApiException {@code BAD_CSV_HEADER} naming the unknown, repeated or missing column
   */
  CsvReads(Reader in, int firstLine) throws IOException {
    this.in = in;
    this.nextLine = firstLine;
    Boolean header = readLine();
    if (header == null || text.toString().isBlank()) {
      throw new ApiException(ReadsRefusal.BAD_CSV_HEADER,
          "the body must start with a header line naming the columns, e.g. plate,state,capturedAt,lat,lon", "header");
    }
    if (!header) {
      throw new ApiException(ReadsRefusal.BAD_CSV_HEADER, "the header line is longer than " + MAX_LINE_CHARS
          + " characters", "header");
    }
    if (text.length() > 0 && text.charAt(0) == '\uFEFF') {
      text.deleteCharAt(0); // a UTF-8 byte order mark, as spreadsheets write it
    }
    List<String> cells = new ArrayList<>();
    String bad = split(text, cells);
    if (bad != null) {
      throw new ApiException(ReadsRefusal.BAD_CSV_HEADER, "the header has a quote that does not close", "header");
    }
    columns = new Column[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      String name = cells.get(i).trim();
      Column c = Column.named(name);
      if (c == null) {
        throw new ApiException(ReadsRefusal.BAD_CSV_HEADER, "unknown column '" + shown(name) + "' (column " + (i + 1)
            + "); the columns are plate, state, capturedAt, lat, lon, confidence, vehicle.make, vehicle.color, "
            + "vehicle.type", shown(name));
      }
      if (names.containsKey(c)) {
        throw new ApiException(ReadsRefusal.BAD_CSV_HEADER, "column '" + c.name + "' appears twice", c.name);
      }
      columns[i] = c;
      names.put(c, name);
    }
    for (Column required : List.of(Column.PLATE, Column.CAPTURED_AT)) {
      if (!names.containsKey(required)) {
        throw new ApiException(ReadsRefusal.BAD_CSV_HEADER, "the header has no '" + required.name + "' column",
            required.name);
      }
    }
    fieldNames = new FieldNames(name(Column.PLATE), name(Column.STATE), name(Column.CAPTURED_AT), name(Column.LAT),
        name(Column.LON), name(Column.CONFIDENCE), "camera");
  }

  private String name(Column c) {
    return names.getOrDefault(c, c.name);
  }

  /** A header name as it may appear in an answer: printable, and cut to 40 characters. */
  private static String shown(String name) {
    String s = name.codePoints().filter(cp -> !Character.isISOControl(cp))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return s.length() > 40 ? s.substring(0, 40) : s;
  }

  /** The next data line, numbered as in the file; blank lines are skipped. Null at the end of the body. */
  Line next() throws IOException {
    while (true) {
      Boolean complete = readLine();
      if (complete == null) {
        return null;
      }
      int line = nextLine++;
      if (!complete) {
        return rejected(line, "line", "line is longer than " + MAX_LINE_CHARS + " characters");
      }
      if (text.toString().isBlank()) {
        continue;
      }
      return parse(line);
    }
  }

  private Line parse(int line) {
    List<String> cells = new ArrayList<>(columns.length);
    String unclosed = split(text, cells);
    if (unclosed != null) {
      int column = Integer.parseInt(unclosed);
      return rejected(line, column < columns.length ? name(columns[column]) : "line",
          "a quoted value does not close on its line");
    }
    if (cells.size() != columns.length) {
      return rejected(line, cells.size() < columns.length ? name(columns[cells.size()]) : "line",
          "line has " + cells.size() + " values; the header has " + columns.length + " columns");
    }
    Map<Column, String> v = new EnumMap<>(Column.class);
    for (int i = 0; i < columns.length; i++) {
      String cell = cells.get(i).trim();
      if (!cell.isEmpty()) {
        v.put(columns[i], cell);
      }
    }
    try {
      PlateRead.Vehicle vehicle = new PlateRead.Vehicle(label(v, Column.MAKE), label(v, Column.COLOR),
          label(v, Column.TYPE));
      return new Line(new ReadSubmission(line, v.get(Column.PLATE), v.get(Column.STATE), instant(v),
          number(v, Column.LAT), number(v, Column.LON), number(v, Column.CONFIDENCE), vehicle, null, fieldNames), null);
    } catch (ReadsController.FieldError e) {
      return rejected(line, e.field, e.getMessage());
    }
  }

  private static Line rejected(int line, String field, String message) {
    return new Line(null, new Rejection(line, field, message));
  }

  private String label(Map<Column, String> v, Column c) {
    String s = v.get(c);
    return s == null ? null : ReadsController.limit(s, name(c));
  }

  private Double number(Map<Column, String> v, Column c) {
    String s = v.get(c);
    if (s == null) {
      return null;
    }
    if (!NUMBER.matcher(s).matches()) {
      throw new ReadsController.FieldError(name(c), "must be a decimal number");
    }
    return Double.parseDouble(s);
  }

  private Instant instant(Map<Column, String> v) {
    String s = v.get(Column.CAPTURED_AT);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new ReadsController.FieldError(name(Column.CAPTURED_AT),
          "must be an ISO-8601 time with an offset, e.g. 2026-11-21T08:15:00Z");
    }
  }

  /**
   * Splits one line into RFC 4180 values. Returns null, or the index of the column whose quoted
   * value does not close on the line.
   */
  static String split(CharSequence line, List<String> out) {
    StringBuilder cell = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      cell.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        int column = out.size();
        i++;
        while (true) {
          if (i >= n) {
            return Integer.toString(column);
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cell.append(c);
          }
        }
        // anything between the closing quote and the comma is kept, as most readers do
        while (i < n && line.charAt(i) != ',') {
          cell.append(line.charAt(i++));
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          cell.append(line.charAt(i++));
        }
      }
      out.add(cell.toString());
      if (i >= n) {
        return null;
      }
      i++; // the comma
    }
  }

  /**
   * Reads one physical line into {@link #text} (without its end of line, {@code \n} or
   * {@code \r\n}). Returns null at the end of the body, false if the line was longer than
   * {@link #MAX_LINE_CHARS} (the rest of it is read and dropped), true otherwise.
   */
  private Boolean readLine() throws IOException {
    text.setLength(0);
    boolean any = false;
    boolean tooLong = false;
    while (true) {
      if (pos == end) {
        if (eof) {
          break;
        }
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          eof = true;
          break;
        }
      }
      any = true;
      char c = buf[pos++];
      if (c == '\n') {
        if (text.length() > 0 && text.charAt(text.length() - 1) == '\r') {
          text.setLength(text.length() - 1);
        }
        return !tooLong;
      }
      if (tooLong) {
        continue;
      }
      if (text.length() >= MAX_LINE_CHARS + 1) { // +1: room for the \r of a \r\n
        tooLong = true;
        text.setLength(0);
        continue;
      }
      text.append(c);
    }
    if (!any) {
      return null;
    }
    if (text.length() > 0 && text.charAt(text.length() - 1) == '\r') {
      text.setLength(text.length() - 1);
    }
    return !tooLong;
  }
}
