package org.glassplate.bench;

import java.util.Arrays;
import org.glassplate.bench.audit.AuditLoad;
import org.glassplate.bench.ingest.IngestLoad;
import org.glassplate.bench.log.LogVerifyLoad;
import org.glassplate.bench.search.SearchLoad;

/**
 * Entry point of the benchmark jar ({@code ./glassplate bench ...}):
 * {@code ingest} runs the end-to-end ingest load generator, {@code reads-import} times the CSV bulk
 * import of reads against JSON ingest, {@code audit} the server's audit log
 * load (append, integration, proofs, verify), {@code search} times audited searches over a
 * generated read store, {@code log-verify} times the audit log verifier's client on a log served
 * by another process ({@code log-serve}), {@code cosign} what asking witnesses to cosign adds to a
 * checkpoint's latency, {@code fanout} times searches with and without partner nodes, {@code findings}
 * and {@code self-audit} the misuse rules from scratch and the self-audit over a 1,000,000-entry log,
 * {@code vendor-audit} times the import of a generated million-row vendor audit export against a line count of it,
 * {@code jmh}
 * runs the JMH micro-benchmarks with JMH's own options.
 */
public final class Bench {

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "ingest" -> System.exit(IngestLoad.run(rest, System.out, System.err));
      case "reads-import" -> System.exit(org.glassplate.bench.ingest.ReadsImportLoad.run(rest, System.out, System.err));
      case "audit" -> System.exit(AuditLoad.run(rest, System.out, System.err));
      case "search" -> System.exit(SearchLoad.run(rest, System.out, System.err));
      case "log-verify" -> System.exit(LogVerifyLoad.run(rest, System.out, System.err));
      case "log-serve" -> System.exit(LogVerifyLoad.serve(rest, System.out, System.err));
      case "fanout" -> System.exit(org.glassplate.bench.search.FanOutLoad.run(rest, System.out, System.err));
      case "alerts" -> System.exit(org.glassplate.bench.alerts.AlertLatencyLoad.run(rest, System.out, System.err));
      case "cosign" -> System.exit(org.glassplate.bench.witness.CosignLoad.run(rest, System.out, System.err));
      case "findings", "self-audit" ->
          System.exit(org.glassplate.bench.oversight.OversightLoad.run(args[0], rest, System.out, System.err));
      case "vendor-audit" -> System.exit(org.glassplate.bench.vendor.VendorAuditLoad.run(rest, System.out, System.err));
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      default -> {
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.err.println("""
        usage: glassplate bench ingest --url URL [--token T | --data DIR] [--reads N] [--batch B] [--concurrency C]
                                       [--db-url JDBC --db-user U --db-password P]
               glassplate bench reads-import --url URL [--token T | --data DIR] [--reads N] [--concurrency C]
               glassplate bench audit --url URL (--data DIR | --db-url JDBC ...) [--writers W] [--seconds S] [--fill N] [--proofs P]
               glassplate bench search --url URL --data DIR [--generate] [--days 30] [--per-day 1000000]
                                       [--pool 3000000] [--cameras 48] [--queries 300] [--warmup 400] [--max-window-days 30]
               glassplate bench log-verify [--entries N] [--runs R] [--parallelism P] [--url BASE_URL]
               glassplate bench fanout --data DIR [--url URL] [--searches 200] [--warmup 40]
               glassplate bench alerts [--url URL] [--data DIR] [--rate 10000] [--seconds 30] [--warmup 20] [--hit-percent 1]
               glassplate bench cosign [--witnesses 3] [--checkpoints 200] [--entries 10] [--warmup 20]
               glassplate bench findings --url URL --data DIR [--fill 1000000] [--people 50] [--days 730]
               glassplate bench self-audit --url URL --data DIR [--token AUDITOR_TOKEN] [--fill 1000000]
               glassplate bench vendor-audit [--rows 1000000] [--file F] [--keep]
               glassplate bench jmh [JMH options, e.g. -wi 2 -i 3 -f 1 REGEX]""");
  }
}
