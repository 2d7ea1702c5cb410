package org.glassplate.log.note;

/**
 * Known answers from Go's golang.org/x/mod/sumdb/note (note.go package doc and note_test.go):
 * the PeterNeumann and EnochRoot keys and the "If you think cryptography…" note.
 * https://cs.opensource.google/go/x/mod/+/master:sumdb/note/note_test.go
 */
final class GoNoteVectors {
  private GoNoteVectors() {}

  static final String PETER_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String PETER_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String ENOCH_VERIFIER_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

  static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  static final String PETER_SIG_B64 =
      "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
  static final String ENOCH_SIG_B64 =
      "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";
  static final String PETER_SIG = "\u2014 PeterNeumann " + PETER_SIG_B64 + "\n";
  static final String ENOCH_SIG = "\u2014 EnochRoot " + ENOCH_SIG_B64 + "\n";
  /** TestSign's expected output. */
  static final String SIGNED = TEXT + "\n" + PETER_SIG;
}
