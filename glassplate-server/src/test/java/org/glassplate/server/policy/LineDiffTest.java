package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void showsChangedLinesWithTheirNumbers() {
    List<LineDiff.Line> d = LineDiff.of("a\nb\nc\n", "a\nB\nc\nd\n");
    assertEquals(List.of(
        new LineDiff.Line(' ', 1, 1, "a"),
        new LineDiff.Line('-', 2, 0, "b"),
        new LineDiff.Line('+', 0, 2, "B"),
        new LineDiff.Line(' ', 3, 3, "c"),
        new LineDiff.Line('+', 0, 4, "d"),
        new LineDiff.Line(' ', 4, 5, "")), d);
  }

  @Test
  void hunksKeepContextAndMarkGaps() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String after = "1\n2\n3\n4\n5\n6\n7\n8\nnine\n";
    String text = LineDiff.text(LineDiff.hunks(LineDiff.of(before, after), 1));
    assertEquals("@@\n 8\n-9\n+nine\n \n", text);
  }
}
