package org.glassplate.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.glassplate.log.note.CheckpointVerificationException.Reason;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  // The example of c2sp.org/tlog-checkpoint.
  private static final String C2SP_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  @Test
  void parsesTheSpecsExampleAndWritesItBackUnchanged() throws Exception {
    Checkpoint c = Checkpoint.parse(C2SP_BODY);
    assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(c.size()).isEqualTo(20852163L);
    assertThat(c.rootHash()).isEqualTo(Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
    assertThat(c.extensions()).isEmpty();
    assertThat(c.body()).isEqualTo(C2SP_BODY);
  }

  @Test
  void extensionLinesRoundTrip() throws Exception {
    Checkpoint c = new Checkpoint("o", 0, new byte[32], List.of("a", "b c"));
    assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
  }

  @Test
  void signedCheckpointVerifiesAndChecksOrigin() throws Exception {
    Ed25519NoteSigner key = Ed25519NoteSigner.fromSeed("log.test/a", new byte[32]);
    Checkpoint c = new Checkpoint("log.test/a", 5, new byte[32]);
    String note = key.sign(c.body());
    assertThat(CheckpointVerifier.verify(note, key.verifierKey(), "log.test/a")).isEqualTo(c);
    assertThat(new CheckpointVerifier(key.verifierKey(), null).verify(note)).isEqualTo(c);
    assertThatThrownBy(() -> CheckpointVerifier.verify(note, key.verifierKey(), "log.test/b"))
        .isInstanceOfSatisfying(CheckpointVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_ORIGIN))
        .hasMessage("wrong origin: got origin \"log.test/a\", want \"log.test/b\"");
    assertThatThrownBy(() -> CheckpointVerifier.verify(note, "not a key", null))
        .isInstanceOfSatisfying(CheckpointVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_VERIFIER_KEY));
  }

  @Test
  void strictParseRefusesWithReason() {
    String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    record Case(String body, Reason want) {}
    List<Case> cases = List.of(
        new Case("o\n1\n" + root, Reason.MISSING_NEWLINE),
        new Case("o\n1\n", Reason.TOO_FEW_LINES),
        new Case("o\n\n1\n" + root + "\n", Reason.BLANK_LINE_IN_BODY),
        new Case("o\n01\n" + root + "\n", Reason.LEADING_ZERO_SIZE),
        new Case("o\n+1\n" + root + "\n", Reason.PLUS_SIGN_SIZE),
        new Case("o\n1.0\n" + root + "\n", Reason.NON_DECIMAL_SIZE),
        new Case("o\n99999999999999999999\n" + root + "\n", Reason.SIZE_TOO_LARGE),
        new Case("o\n1\n" + root.substring(1) + "\n", Reason.BAD_BASE64_ROOT),
        new Case("o\n1\nAAAA\n", Reason.WRONG_LENGTH_ROOT),
        new Case("o\u0000\n1\n" + root + "\n", Reason.CONTROL_CHARACTER));
    for (Case c : cases) {
      assertThatThrownBy(() -> Checkpoint.parse(c.body()))
          .as("parse %s", c.body())
          .isInstanceOfSatisfying(CheckpointVerificationException.class,
              e -> assertThat(e.reason()).as("got %s want %s", e.reason(), c.want()).isEqualTo(c.want()));
    }
  }

  @Test
  void constructorRefusesValuesThatCannotBeWritten() {
    assertThatThrownBy(() -> new Checkpoint("", 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", -1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[32], List.of(""))).isInstanceOf(IllegalArgumentException.class);
  }
}
