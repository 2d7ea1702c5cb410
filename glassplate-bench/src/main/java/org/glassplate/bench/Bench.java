package org.glassplate.bench;

/** Entry point of the benchmark jar. */
public final class Bench {
  public static void main(String[] args) {
    System.out.println("usage: bench ingest ...");
  }
}
