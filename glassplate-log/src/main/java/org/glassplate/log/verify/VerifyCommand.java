package org.glassplate.log.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassplate.log.note.WitnessKey;

/**
 * {@code glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE]
 * [--pin-file FILE] [--parallelism N] [--witness VKEY… [--quorum N]]}: runs {@link LogVerifier}
 * against a Glassplate server.
 *
 * <p>{@code --witness} takes one or more witness verifier keys (type 0x04, c2sp.org/tlog-cosignature),
 * and may be repeated; without {@code --quorum} every given witness must have cosigned the
 * checkpoint verified, with {@code --quorum N} at least N of them.
 *
 * <p>Exit 0 with last stdout line {@code OK size=N root=BASE64}; exit 1 with
 * {@code FAIL index=I: why} (the first entry that does not match) or {@code FAIL: why} (key,
 * signature, rollback, consistency, unreachable log); exit 2 for a usage error. The leading
 * words {@code audit verify} (or {@code verify}) are optional, so a launcher can pass its
 * arguments through.
 */
public final class VerifyCommand {
  static final String USAGE = """
      usage: glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE] [--pin-file FILE]
                                       [--witness VKEY... [--quorum N]]
        BASE_URL                   the Glassplate server, e.g. http://localhost:8080
        --trusted-checkpoint FILE  a checkpoint saved earlier: the log must still contain it (no rollback, no rewrite)
        --save-checkpoint FILE     write the checkpoint verified now, for the next run's --trusted-checkpoint
        --pin-file FILE            pinned log keys (default ~/.glassplate/known-logs); first use pins the key
        --parallelism N            concurrent tile fetches (default 8)
        --witness VKEY...          witness keys (name+hex+base64 of type 0x04); repeatable
        --quorum N                 how many of the witnesses must have cosigned the checkpoint (default: all)""";

  private VerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * The arguments without the leading words that name the command ({@code audit}, then
   * {@code command}), each optional: the launcher passes them, a direct {@code java -cp} call need not.
   */
  static List<String> withoutLeading(String[] args, String command) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    if (!a.isEmpty() && a.get(0).equals("audit")) {
      a.remove(0);
    }
    if (!a.isEmpty() && a.get(0).equals(command)) {
      a.remove(0);
    }
    return a;
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = withoutLeading(args, "verify");
    String base = null;
    Path trusted = null;
    Path save = null;
    Path pinFile = null;
    int parallelism = LogVerifier.DEFAULT_PARALLELISM;
    List<WitnessKey> witnesses = new ArrayList<>();
    Integer quorum = null;
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        case "--witness" -> {
          List<String> keys = new ArrayList<>();
          if (value != null) {
            keys.add(value);
          }
          // A vkey always has '+' in it; a BASE_URL given after the keys does not.
          while (i + 1 < a.size() && !a.get(i + 1).startsWith("-") && a.get(i + 1).contains("+")
              && !a.get(i + 1).contains("://")) {
            keys.add(a.get(++i));
          }
          if (keys.isEmpty()) {
            return usage(err, "--witness needs at least one witness key");
          }
          for (String k : keys) {
            try {
              witnesses.add(WitnessKey.parse(k));
            } catch (IllegalArgumentException e) {
              return usage(err, "bad witness key " + k + ": " + e.getMessage());
            }
          }
        }
        case "--trusted-checkpoint", "--save-checkpoint", "--pin-file", "--parallelism", "--quorum" -> {
          if (value == null) {
            if (i + 1 >= a.size()) {
              return usage(err, arg + " needs a value");
            }
            value = a.get(++i);
          }
          switch (arg) {
            case "--trusted-checkpoint" -> trusted = Path.of(value);
            case "--save-checkpoint" -> save = Path.of(value);
            case "--pin-file" -> pinFile = Path.of(value);
            case "--quorum" -> {
              try {
                quorum = Integer.parseInt(value);
              } catch (NumberFormatException e) {
                return usage(err, "--quorum needs a number, got " + value);
              }
            }
            default -> {
              try {
                parallelism = Integer.parseInt(value);
              } catch (NumberFormatException e) {
                return usage(err, "--parallelism needs a number, got " + value);
              }
              if (parallelism < 1 || parallelism > 64) {
                return usage(err, "--parallelism must be 1..64, got " + value);
              }
            }
          }
        }
        default -> {
          if (arg.startsWith("-")) {
            return usage(err, "unknown option " + arg);
          }
          if (base != null) {
            return usage(err, "one BASE_URL only, got " + base + " and " + arg);
          }
          base = arg;
        }
      }
    }
    if (base == null) {
      return usage(err, "missing BASE_URL");
    }
    WitnessQuorum required;
    try {
      if (quorum != null && witnesses.isEmpty()) {
        return usage(err, "--quorum needs --witness keys");
      }
      required = quorum == null ? WitnessQuorum.all(witnesses) : new WitnessQuorum(witnesses, quorum);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    LogVerifier verifier;
    try {
      verifier = new LogVerifier(new HttpLogSource(URI.create(base)), parallelism);
    } catch (IllegalArgumentException e) {
      return usage(err, "bad BASE_URL: " + e.getMessage());
    }
    byte[] trustedNote = null;
    if (trusted != null) {
      try {
        trustedNote = Files.readAllBytes(trusted);
      } catch (IOException e) {
        return usage(err, "cannot read the trusted checkpoint " + trusted + ": " + e.getMessage());
      }
    }
    KnownLogs pins = pinFile == null ? KnownLogs.inHomeDirectory() : new KnownLogs(pinFile);
    VerifiedLog verified;
    try {
      verified = verifier.verify(pins, trustedNote, required, err::println);
    } catch (LogVerificationException e) {
      out.println(e.failLine());
      return 1;
    } catch (IOException e) {
      out.println("FAIL: cannot read the log at " + base + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("FAIL: interrupted");
      return 1;
    }
    if (save != null) {
      try {
        if (save.toAbsolutePath().getParent() != null) {
          Files.createDirectories(save.toAbsolutePath().getParent());
        }
        // Write then rename, so a crash never leaves a half-written trusted checkpoint.
        Path tmp = Files.createTempFile(save.toAbsolutePath().getParent(), ".checkpoint", ".tmp");
        Files.write(tmp, verified.checkpointNote());
        Files.move(tmp, save, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        out.println("FAIL: the log verified at size " + verified.checkpoint().size()
            + ", but the checkpoint cannot be saved to " + save + ": " + e.getMessage());
        return 1;
      }
    }
    for (WitnessCosignature c : verified.cosignatures()) {
      err.println("cosigned by " + c.witness().vkey() + " at " + Instant.ofEpochSecond(c.timestamp()));
    }
    // on standard error, like the cosignatures: standard output stays the one OK line of the contract
    for (OriginChain.Hop m : verified.moves()) {
      err.println("followed the log's move to a new key: origin \"" + m.origin() + "\" ended at size "
          + m.finalCheckpoint().size() + "; its last entry announced origin \"" + m.nextOrigin() + "\" with key "
          + m.nextKey());
    }
    err.println("origin " + verified.checkpoint().origin() + " key " + verified.verifierKey());
    out.println("OK size=" + verified.checkpoint().size() + " root=" + verified.checkpoint().rootBase64());
    return 0;
  }

  private static int usage(PrintStream err, String why) {
    err.println("glassplate audit verify: " + why);
    err.println(USAGE);
    return 2;
  }
}
