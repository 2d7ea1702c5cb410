package org.glassplate.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glassplate.log.note.GoNoteVectors.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassplate.log.note.NoteVerificationException.Reason;
import org.junit.jupiter.api.Test;

class NoteTest {
  private static final NoteVerifier PETER = new NoteVerifier(PETER_VERIFIER_KEY);
  private static final NoteSignature PETER_SIGNATURE =
      new NoteSignature("PeterNeumann", 0xc74f20a3, PETER_SIG_B64);
  private static final NoteSignature ENOCH_SIGNATURE =
      new NoteSignature("EnochRoot", 0xaf0cfe78, ENOCH_SIG_B64);

  @Test
  void signerKeyFromGoDerivesGosVerifierKey() {
    Ed25519NoteSigner s = Ed25519NoteSigner.fromSignerKey(PETER_SIGNER_KEY);
    assertThat(s.verifierKey()).isEqualTo(PETER_VERIFIER_KEY);
    assertThat(s.signerKey()).isEqualTo(PETER_SIGNER_KEY);
    assertThat(s.name()).isEqualTo("PeterNeumann");
    assertThat(s.keyId()).isEqualTo(0xc74f20a3);
  }

  @Test
  void signingGosTextGivesGosSignedNote() {
    String got = Ed25519NoteSigner.fromSignerKey(PETER_SIGNER_KEY).sign(TEXT);
    assertThat(got).as("got %s want %s", got, SIGNED).isEqualTo(SIGNED);
  }

  @Test
  void gosSignedNoteVerifies() throws Exception {
    Note n = PETER.verify(SIGNED);
    assertThat(n.text()).isEqualTo(TEXT);
    assertThat(n.signatures()).containsExactly(PETER_SIGNATURE);
    assertThat(n.unverifiedSignatures()).isEmpty();
  }

  @Test
  void unknownKeysSignaturesAreIgnoredAndReported() throws Exception {
    Note n = PETER.verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    assertThat(n.signatures()).containsExactly(PETER_SIGNATURE);
    assertThat(n.unverifiedSignatures()).containsExactly(ENOCH_SIGNATURE);

    Note byEnoch = new NoteVerifier(ENOCH_VERIFIER_KEY).verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    assertThat(byEnoch.signatures()).containsExactly(ENOCH_SIGNATURE);
  }

  @Test
  void noteSignedOnlyByUnknownKeysIsRefused() {
    assertThatThrownBy(() -> PETER.verify(TEXT + "\n" + ENOCH_SIG))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("unknown key only")
        .hasMessageContaining("no signature by key PeterNeumann+c74f20a3, got signatures by EnochRoot+af0cfe78");
  }

  @Test
  void duplicateSignaturesAreDroppedAndBadUnknownOnesIgnored() throws Exception {
    // note_test.go TestOpen "Duplicated verified and unverified signatures".
    String enochAbcd = ENOCH_SIG.substring(0, 60) + "ABCD" + ENOCH_SIG.substring(60);
    Note n = PETER.verify(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochAbcd);
    assertThat(n.signatures()).containsExactly(PETER_SIGNATURE);
    assertThat(n.unverifiedSignatures()).hasSize(2);
  }

  @Test
  void signatureThatDoesNotVerifyIsRefused() {
    // note_test.go TestOpen "Invalid signature".
    String bad = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
    assertThatThrownBy(() -> PETER.verify(bad))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("bad signature: signature by key PeterNeumann+c74f20a3");
  }

  @Test
  void changedTextFailsTheSignature() {
    String changed = TEXT.replace("answer", "Answer") + "\n" + PETER_SIG;
    assertThatThrownBy(() -> PETER.verify(changed))
        .isInstanceOfSatisfying(NoteVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void moreThanOneHundredSignaturesAreRefused() throws Exception {
    assertThatThrownBy(() -> PETER.verify(TEXT + "\n" + PETER_SIG.repeat(101)))
        .isInstanceOfSatisfying(NoteVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_SIGNATURES));
    assertThat(PETER.verify(TEXT + "\n" + PETER_SIG.repeat(100)).signatures()).hasSize(1);
  }

  @Test
  void malformedNotesAreRefusedWithTheirReason() {
    // note_test.go TestOpen badMsgs, plus a few more.
    record Case(String note, Reason want) {}
    List<Case> cases = List.of(
        new Case(TEXT, Reason.MISSING_SIGNATURE),
        new Case(TEXT + "\n", Reason.MISSING_SIGNATURE),
        new Case(TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1), Reason.MISSING_NEWLINE),
        new Case("\u0001" + TEXT + "\n" + PETER_SIG, Reason.CONTROL_CHARACTER),
        new Case(TEXT.replace(' ', '\t') + "\n" + PETER_SIG, Reason.CONTROL_CHARACTER),
        new Case(TEXT + "\n" + "\u2014 Bad Name " + PETER_SIG_B64 + "\n", Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + PETER_SIG + "Unexpected line.\n", Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + "- PeterNeumann " + PETER_SIG_B64 + "\n", Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + "\u2014 PeterNeumann\n", Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + "\u2014 Peter+Neumann " + PETER_SIG_B64 + "\n", Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + "\u2014 PeterNeumann AAAAAA==\n", Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + "\u2014 PeterNeumann " + PETER_SIG_B64.replace("=", "") + "\n",
            Reason.MALFORMED_SIGNATURE_LINE),
        new Case(TEXT + "\n" + "\u2014 PeterNeumann\u00a0" + PETER_SIG_B64 + "\n", Reason.MALFORMED_SIGNATURE_LINE),
        // An extra blank line belongs to the text (split at the last blank line), so the
        // signature no longer covers it.
        new Case(TEXT + "\n\n" + PETER_SIG, Reason.BAD_SIGNATURE));
    for (Case c : cases) {
      assertThatThrownBy(() -> PETER.verify(c.note()))
          .as("note %s: want %s", c.note(), c.want())
          .isInstanceOfSatisfying(NoteVerificationException.class, e -> {
            assertThat(e.reason()).as("got %s want %s (%s)", e.reason(), c.want(), e.getMessage()).isEqualTo(c.want());
            assertThat(e.getMessage()).startsWith(c.want().words() + ": ");
          });
    }
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] good = SIGNED.getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[good.length + 1];
    bad[0] = (byte) 0xff;
    System.arraycopy(good, 0, bad, 1, good.length);
    assertThatThrownBy(() -> PETER.verify(bad))
        .isInstanceOfSatisfying(NoteVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_UTF8));
    assertThatCode(() -> PETER.verify(good)).doesNotThrowAnyException();
  }

  @Test
  void textMayContainBlankLinesAndIsSplitAtTheLastOne() throws Exception {
    // signed-note: "the text is separated from the signatures by the last empty line".
    Ed25519NoteSigner s = Ed25519NoteSigner.fromSignerKey(PETER_SIGNER_KEY);
    String text = "first\n\nthird\n";
    assertThat(s.verifier().verify(s.sign(text)).text()).isEqualTo(text);
  }

  @Test
  void everyManglingOfGosVerifierKeyIsRefused() {
    // note_test.go TestNewVerifier: every proper substring and every one-character change.
    assertThatCode(() -> new NoteVerifier(PETER_VERIFIER_KEY)).doesNotThrowAnyException();
    String k = PETER_VERIFIER_KEY;
    for (int i = 0; i <= k.length(); i++) {
      for (int j = i + 1; j <= k.length(); j++) {
        if (i != 0 || j != k.length()) {
          String sub = k.substring(i, j);
          assertThatThrownBy(() -> new NoteVerifier(sub)).as("substring %s", sub).isInstanceOf(IllegalArgumentException.class);
        }
      }
    }
    for (int i = 0; i < k.length(); i++) {
      char[] c = k.toCharArray();
      c[i]++;
      String mangled = new String(c);
      assertThatThrownBy(() -> new NoteVerifier(mangled)).as("mangled %s", mangled).isInstanceOf(IllegalArgumentException.class);
    }
    // Wrong key length and unknown algorithm, each with a matching key ID (from note_test.go).
    assertThatThrownBy(() -> new NoteVerifier("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
        .isInstanceOf(IllegalArgumentException.class); // Go refuses the length; we refuse its non-canonical base64 first
    assertThatThrownBy(() -> new NoteVerifier("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessageContaining("unknown algorithm");
    // One spelling per key, so that pinned keys compare as strings (Go also takes upper case).
    assertThatThrownBy(() -> new NoteVerifier("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessageContaining("8 hex digits");
  }

  @Test
  void everyManglingOfGosSignerKeyIsRefused() {
    // note_test.go TestNewSigner.
    String k = PETER_SIGNER_KEY;
    for (int i = 0; i <= k.length(); i++) {
      for (int j = i + 1; j <= k.length(); j++) {
        if (i != 0 || j != k.length()) {
          String sub = k.substring(i, j);
          assertThatThrownBy(() -> Ed25519NoteSigner.fromSignerKey(sub)).isInstanceOf(IllegalArgumentException.class);
        }
      }
    }
    for (int i = 0; i < k.length(); i++) {
      char[] c = k.toCharArray();
      c[i]++;
      String mangled = new String(c);
      assertThatThrownBy(() -> Ed25519NoteSigner.fromSignerKey(mangled)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void generatedKeysSignAndVerifyAndKeyIdFollowsTheSpec() throws Exception {
    Ed25519NoteSigner s = Ed25519NoteSigner.generate("example.com/log");
    NoteVerifier v = new NoteVerifier(s.verifierKey());
    assertThat(v.name()).isEqualTo("example.com/log");
    assertThat(v.keyId()).isEqualTo(s.keyId());
    assertThat(v.publicKey()).isEqualTo(s.publicKey());
    // key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4]
    java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
    d.update("example.com/log\n".getBytes(StandardCharsets.UTF_8));
    d.update((byte) 1);
    d.update(s.publicKey());
    assertThat(s.keyId()).isEqualTo(java.nio.ByteBuffer.wrap(d.digest()).getInt());
    assertThat(v.verify(s.sign("hello\n")).signatures()).hasSize(1);
    assertThat(Ed25519NoteSigner.fromSignerKey(s.signerKey()).verifierKey()).isEqualTo(s.verifierKey());
    assertThat(s.toString()).doesNotContain(s.signerKey().substring(12));
  }

  @Test
  void signingRefusesTextsVerifiersWouldRefuse() {
    Ed25519NoteSigner s = Ed25519NoteSigner.fromSignerKey(PETER_SIGNER_KEY);
    assertThatThrownBy(() -> s.sign("abc")).hasMessageContaining("must end with a newline");
    assertThatThrownBy(() -> s.sign("a\tb\n")).hasMessageContaining("control character");
    assertThatThrownBy(() -> Ed25519NoteSigner.generate("bad name")).hasMessageContaining("invalid key name");
    assertThatThrownBy(() -> Ed25519NoteSigner.generate("a+b")).hasMessageContaining("invalid key name");
  }
}
