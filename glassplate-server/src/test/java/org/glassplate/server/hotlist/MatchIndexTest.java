package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchIndexTest {
  private static final int ALL = MatchIndex.mask(EnumSet.allOf(HotlistSource.class));

  @Test
  void findsExactLookAlikeAndPartialCandidates() {
    MatchIndex index = new MatchIndex();
    MatchIndex.ListIndex l = index.list(1, HotlistSource.LOCAL);
    MatchIndex.CodeBuffer b = new MatchIndex.CodeBuffer();
    b.add("BABC123");
    b.add("7XY?99");
    l.install(b.build(), l.delta);

    assertThat(candidates(index, "BABC123", ALL)).containsExactly(
        new MatchIndex.Candidate(1, "BABC123", MatchKind.EXACT));
    assertThat(candidates(index, "8ABC123", ALL)).containsExactly(
        new MatchIndex.Candidate(1, "BABC123", MatchKind.LOOKALIKE));
    assertThat(candidates(index, "7XYZ99", ALL)).containsExactly(
        new MatchIndex.Candidate(1, "7XY?99", MatchKind.PARTIAL));
    assertThat(candidates(index, "ABC", ALL)).isEmpty();
  }

  @Test
  void skipsListsOfDisabledSources() {
    MatchIndex index = new MatchIndex();
    index.list(1, HotlistSource.NCIC).add(new long[] {PlateCodes.encode("ABC123")}, List.of());
    assertThat(index.hasExact("ABC123", ALL)).isTrue();
    assertThat(index.hasExact("ABC123", MatchIndex.mask(EnumSet.of(HotlistSource.LOCAL, HotlistSource.STATE))))
        .isFalse();
  }

  @Test
  void aRebuildKeepsWhatWasAddedWhileItRan() {
    MatchIndex index = new MatchIndex();
    MatchIndex.ListIndex l = index.list(1, HotlistSource.LOCAL);
    l.add(new long[] {PlateCodes.encode("AAA111")}, List.of());
    MatchIndex.Snapshot seen = l.delta;
    MatchIndex.CodeBuffer b = new MatchIndex.CodeBuffer();
    b.add("AAA111");
    l.add(new long[] {PlateCodes.encode("BBB222")}, List.of()); // arrives during the rebuild
    l.install(b.build(), seen);
    assertThat(index.hasExact("AAA111", ALL)).isTrue();
    assertThat(index.hasExact("BBB222", ALL)).isTrue();
    assertThat(l.delta.plates().size()).isEqualTo(1);
  }

  @Test
  void theNextSnapshotMatchesBeforeItIsInstalled() {
    MatchIndex index = new MatchIndex();
    MatchIndex.ListIndex l = index.list(1, HotlistSource.NCIC);
    MatchIndex.CodeBuffer b = new MatchIndex.CodeBuffer();
    b.add("NEW1");
    l.next = b.build();
    assertThat(index.hasExact("NEW1", ALL)).isTrue();
  }

  private static List<MatchIndex.Candidate> candidates(MatchIndex index, String plate, int mask) {
    List<MatchIndex.Candidate> out = new ArrayList<>();
    index.candidates(plate, mask, out);
    return out;
  }
}
