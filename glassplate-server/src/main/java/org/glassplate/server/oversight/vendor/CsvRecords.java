package org.glassplate.server.oversight.vendor;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A streaming RFC 4180 reader: one record at a time, with the file line it starts on. A UTF-8 byte
 * order mark is dropped; a quoted cell may run over several lines. Memory stays bounded whatever
 * the file holds: a line longer than {@link #MAX_LINE} characters, or a quoted cell still open
 * after {@link #MAX_RECORD_LINES} lines, becomes a bad record and reading goes on after it (the
 * lines an unclosed quote swallowed are read again as records of their own).
 */
final class CsvRecords implements AutoCloseable {
  static final int MAX_LINE = 64 * 1024;
  static final int MAX_RECORD_LINES = 32;

  /** A record: its cells, or, when it cannot be read, why. */
  record Record(long line, List<String> cells, String error) {
    boolean bad() {
      return error != null;
    }
  }

  private record Line(long number, String text, boolean tooLong) {
  }

  private final Reader in;
  private final char[] buf = new char[64 * 1024];
  private int pos;
  private int len;
  private long lineNumber;
  private boolean first = true;
  private boolean eof;
  private final Deque<Line> pending = new ArrayDeque<>();

  CsvRecords(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end. Blank lines are skipped. */
  Record next() throws IOException {
    while (true) {
      Line start = line();
      if (start == null) {
        return null;
      }
      if (start.tooLong()) {
        return new Record(start.number(), List.of(), "the line is longer than " + MAX_LINE + " characters");
      }
      if (start.text().isBlank()) {
        continue;
      }
      List<Line> taken = new ArrayList<>();
      taken.add(start);
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean afterQuote = false;
      String text = start.text();
      int i = 0;
      while (true) {
        if (i == text.length()) {
          if (!quoted) {
            cells.add(cell.toString());
            return new Record(start.number(), cells, null);
          }
          Line more = taken.size() < MAX_RECORD_LINES ? line() : null;
          if (more == null || more.tooLong()) {
            if (more != null) {
              taken.add(more);
            }
            for (int k = taken.size() - 1; k >= 1; k--) {
              pending.addFirst(taken.get(k)); // read them again, each as a record of its own
            }
            return new Record(start.number(), List.of(), more == null && taken.size() < MAX_RECORD_LINES
                ? "a quoted cell is never closed before the end of the file"
                : "a quoted cell is still open " + taken.size() + " lines later");
          }
          taken.add(more);
          cell.append('\n');
          text = more.text();
          i = 0;
          continue;
        }
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              quoted = false;
              afterQuote = true;
            }
          } else {
            cell.append(c);
          }
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
          afterQuote = false;
        } else if (c == '"' && cell.length() == 0 && !afterQuote) {
          quoted = true;
        } else {
          cell.append(c); // a stray quote inside an unquoted cell is kept as written
        }
      }
    }
  }

  /** The next physical line, without its end; null at the end of the input. */
  private Line line() throws IOException {
    if (!pending.isEmpty()) {
      return pending.removeFirst();
    }
    if (eof) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == len) {
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
          len = 0;
          eof = true;
          if (!any) {
            return null;
          }
          break;
        }
      }
      char c = buf[pos++];
      any = true;
      if (first) {
        first = false;
        if (c == '\uFEFF') {
          continue;
        }
      }
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (pos == len) {
          len = in.read(buf, 0, buf.length);
          pos = 0;
          if (len <= 0) {
            len = 0;
            eof = true;
          }
        }
        if (pos < len && buf[pos] == '\n') {
          pos++;
        }
        break;
      }
      if (sb.length() < MAX_LINE) {
        sb.append(c);
      } else {
        tooLong = true;
      }
    }
    lineNumber++;
    return new Line(lineNumber, tooLong ? "" : sb.toString(), tooLong);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
