package org.glassplate.server.hotlist;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, double quotes around fields that hold commas, quotes
 * ("" inside) or line breaks; CRLF or LF. Enough for state and NCIC extracts and spreadsheets.
 */
final class CsvReader {
  private final String text;
  private int pos;

  CsvReader(String text) {
    this.text = text;
    if (text.startsWith("\uFEFF")) {
      pos = 1; // byte-order mark written by spreadsheet programs
    }
  }

  /** The next record, or null at the end. A blank line is an empty list. */
  List<String> next() {
    if (pos >= text.length()) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (quoted) {
        if (c == '"') {
          if (pos < text.length() && text.charAt(pos) == '"') {
            field.append('"');
            pos++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
          pos++;
        }
        break;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (any || field.length() > 0) {
      fields.add(field.toString());
    }
    return fields;
  }
}
