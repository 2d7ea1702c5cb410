package org.glassplate.server.hotlist;

import java.util.Arrays;

/**
 * An immutable set of plate codes ({@link PlateCodes}): open addressing with linear probing in one
 * {@code long[]} whose size is a power of two, filled to at most 65%. Ten million plates take
 * 128 MiB and a lookup is one multiply and, almost always, one cache line.
 */
final class PlateSet {
  static final PlateSet EMPTY = new PlateSet(new long[2], 0);
  private static final double MAX_LOAD = 0.65;

  private final long[] slots;
  private final int mask;
  private final int shift;
  private final int size;

  private PlateSet(long[] slots, int size) {
    this.slots = slots;
    this.mask = slots.length - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(slots.length);
    this.size = size;
  }

  /** Builds a set from codes (duplicates and non-positive values are ignored); {@code n} of {@code codes} are used. */
  static PlateSet of(long[] codes, int n) {
    int capacity = capacityFor(n);
    long[] slots = new long[capacity];
    int mask = capacity - 1;
    int shift = 64 - Integer.numberOfTrailingZeros(capacity);
    int size = 0;
    for (int i = 0; i < n; i++) {
      long c = codes[i];
      if (c <= 0) {
        continue;
      }
      int at = (int) ((c * 0x9E3779B97F4A7C15L) >>> shift);
      while (true) {
        long s = slots[at];
        if (s == 0) {
          slots[at] = c;
          size++;
          break;
        }
        if (s == c) {
          break;
        }
        at = (at + 1) & mask;
      }
    }
    return new PlateSet(slots, size);
  }

  static PlateSet of(long... codes) {
    return of(codes, codes.length);
  }

  static int capacityFor(int n) {
    long needed = (long) Math.ceil(Math.max(n, 1) / MAX_LOAD);
    long cap = Long.highestOneBit(needed);
    if (cap < needed) {
      cap <<= 1;
    }
    if (cap > (1 << 30)) {
      throw new IllegalArgumentException("too many plates for one set");
    }
    return (int) Math.max(cap, 2);
  }

  boolean contains(long code) {
    if (code <= 0) {
      return false;
    }
    long[] s = slots;
    int at = (int) ((code * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long v = s[at];
      if (v == code) {
        return true;
      }
      if (v == 0) {
        return false;
      }
      at = (at + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  /** A new set with these codes added (for small sets: it copies). */
  PlateSet plus(long... codes) {
    long[] all = Arrays.copyOf(toArray(), size + codes.length);
    System.arraycopy(codes, 0, all, size, codes.length);
    return of(all, all.length);
  }

  long[] toArray() {
    long[] out = new long[size];
    int k = 0;
    for (long v : slots) {
      if (v != 0) {
        out[k++] = v;
      }
    }
    return out;
  }

  /** Heap bytes held by the slots. */
  long bytes() {
    return 8L * slots.length;
  }
}
