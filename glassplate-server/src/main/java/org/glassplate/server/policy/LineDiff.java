package org.glassplate.server.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two documents (longest common subsequence), for reviewers to read what a proposal
 * changes. Policy documents are a few hundred lines, so the quadratic table is small.
 */
public final class LineDiff {

  /** One line of the diff: {@code ' '} unchanged, {@code '-'} removed, {@code '+'} added, with 1-based line numbers (0 when absent). */
  public record Line(char op, int oldLine, int newLine, String text) {
  }

  private LineDiff() {
  }

  public static List<Line> of(String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    if ((long) a.length * b.length > 25_000_000L) {
      throw new IllegalArgumentException("documents too long to compare");
    }
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Line> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        out.add(new Line(' ', i + 1, j + 1, a[i]));
        i++;
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add(new Line('-', i + 1, 0, a[i]));
        i++;
      } else {
        out.add(new Line('+', 0, j + 1, b[j]));
        j++;
      }
    }
    return out;
  }

  /** Only the changed lines and {@code context} unchanged lines around each change; gaps become one {@code '~'} line. */
  public static List<Line> hunks(List<Line> diff, int context) {
    boolean[] keep = new boolean[diff.size()];
    for (int k = 0; k < diff.size(); k++) {
      if (diff.get(k).op() != ' ') {
        for (int c = Math.max(0, k - context); c <= Math.min(diff.size() - 1, k + context); c++) {
          keep[c] = true;
        }
      }
    }
    List<Line> out = new ArrayList<>();
    boolean gap = false;
    for (int k = 0; k < diff.size(); k++) {
      if (keep[k]) {
        if (gap) {
          out.add(new Line('~', 0, 0, "..."));
        }
        gap = false;
        out.add(diff.get(k));
      } else {
        gap = true;
      }
    }
    return out;
  }

  /** The diff as unified-diff-like text: each line prefixed with its op. */
  public static String text(List<Line> lines) {
    StringBuilder sb = new StringBuilder();
    for (Line l : lines) {
      sb.append(l.op() == '~' ? "@@" : String.valueOf(l.op())).append(l.op() == '~' ? "" : l.text()).append('\n');
    }
    return sb.toString();
  }
}
