package org.glassplate.server.reads.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.glassplate.server.core.Refusal;
import org.junit.jupiter.api.Test;

/** The reads CSV reader: RFC 4180 values on one line, line numbers, long lines, header refusals. */
class CsvReadsTest {

  record Case(String line, List<String> want, String wantUnclosed) {
  }

  @Test
  void splitsValuesAsRfc4180() {
    for (Case c : List.of(
        new Case("a,b,c", List.of("a", "b", "c"), null),
        new Case("", List.of(""), null),
        new Case(",", List.of("", ""), null),
        new Case("\"a,b\",c", List.of("a,b", "c"), null),
        new Case("\"say \"\"hi\"\"\",x", List.of("say \"hi\"", "x"), null),
        new Case("\"\",\"\"", List.of("", ""), null),
        new Case("a,\"open", List.of("a"), "1"),
        new Case("\"x\"y,z", List.of("xy", "z"), null))) {
      List<String> got = new ArrayList<>();
      String unclosed = CsvReads.split(c.line(), got);
      assertThat(unclosed).as("unclosed of %s", c.line()).isEqualTo(c.wantUnclosed());
      assertThat(got).as("values of %s", c.line()).isEqualTo(c.want());
    }
  }

  private static List<CsvReads.Line> all(String csv, int firstLine) throws IOException {
    CsvReads r = new CsvReads(new StringReader(csv), firstLine);
    List<CsvReads.Line> out = new ArrayList<>();
    for (CsvReads.Line l = r.next(); l != null; l = r.next()) {
      out.add(l);
    }
    return out;
  }

  @Test
  void numbersLinesAsInTheFileSkippingBlankOnesAndRejectingOverlongOnes() throws IOException {
    String longLine = "1ABC001," + "x".repeat(CsvReads.MAX_LINE_CHARS + 10);
    List<CsvReads.Line> got = all("\uFEFFPlate,CAPTUREDAT\r\n1ABC001,2026-11-21T08:15:00Z\r\n\r\n" + longLine
        + "\n1ABC002,2026-11-21T08:15:00Z", 10);
    assertThat(got).hasSize(3);
    assertThat(got.get(0).read().index()).isEqualTo(10);
    assertThat(got.get(0).read().plate()).isEqualTo("1ABC001");
    assertThat(got.get(1).rejection().index()).isEqualTo(12);
    assertThat(got.get(1).rejection().field()).isEqualTo("line");
    assertThat(got.get(2).read().index()).isEqualTo(13);
    assertThat(got.get(2).read().fieldNames().capturedAt()).isEqualTo("CAPTUREDAT");
  }

  @Test
  void refusesNumbersThatJavaWouldParseButADecimalIsNot() throws IOException {
    for (String bad : List.of("NaN", "Infinity", "0x1p3", "1.5d", "1,5", "- 1")) {
      List<CsvReads.Line> got = all("plate,capturedAt,confidence\n1ABC001,2026-11-21T08:15:00Z,\"" + bad + "\"\n", 2);
      assertThat(got.get(0).rejection()).as(bad).isNotNull();
      assertThat(got.get(0).rejection().field()).isEqualTo("confidence");
    }
    List<CsvReads.Line> ok = all("plate,capturedAt,confidence\n1ABC001,2026-11-21T08:15:00Z,1e1\n", 2);
    assertThat(ok.get(0).read().confidence()).isEqualTo(10.0);
  }

  @Test
  void refusesAHeaderWithAnUnknownRepeatedOrMissingColumn() {
    record Bad(String header, String wantField) {
    }
    for (Bad b : List.of(new Bad("plate,capturedAt,speed", "speed"), new Bad("plate,plate,capturedAt", "plate"),
        new Bad("plate,state", "capturedAt"), new Bad("capturedAt", "plate"), new Bad("", "header"),
        new Bad("plate,\"capturedAt", "header"))) {
      assertThatThrownBy(() -> new CsvReads(new StringReader(b.header() + "\n"), 2)).as(b.header())
          .isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.code()).isEqualTo("BAD_CSV_HEADER");
            assertThat(r.field()).isEqualTo(b.wantField());
          });
    }
  }
}
