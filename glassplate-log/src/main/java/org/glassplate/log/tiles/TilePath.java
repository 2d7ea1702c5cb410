package org.glassplate.log.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The path of a hash tile {@code tile/<L>/<N>[.p/<W>]} or entry bundle
 * {@code tile/entries/<N>[.p/<W>]} (c2sp.org/tlog-tiles, "Merkle Tree" and "Log entries").
 * {@code <N>} is written in zero-padded 3-digit elements, all but the last prefixed with
 * {@code x} (1234067 → {@code x001/x234/067}); {@code .p/<W>} marks a partial tile of
 * {@code W} (1 to 255) hashes or entries.
 *
 * @param entryBundle true for an entry bundle, false for a hash tile
 * @param level the hash tile level 0..63 (0 for entry bundles)
 * @param index the tile index within its level
 * @param width the number of hashes or entries: {@value #FULL_WIDTH} for a full tile, 1..255 for a partial one
 */
public record TilePath(boolean entryBundle, int level, long index, int width) {
  /** Hashes (or entries) in a full tile. */
  public static final int FULL_WIDTH = 256;
  /** Highest tile level the spec allows. */
  public static final int MAX_LEVEL = 63;

  public TilePath {
    if (level < 0 || level > MAX_LEVEL || (entryBundle && level != 0)) {
      throw new IllegalArgumentException("tile level " + level + " is out of range 0.." + MAX_LEVEL);
    }
    if (index < 0) {
      throw new IllegalArgumentException("tile index " + index + " is negative");
    }
    if (width < 1 || width > FULL_WIDTH) {
      throw new IllegalArgumentException("tile width " + width + " is out of range 1..256");
    }
  }

  /** Whether this is a partial tile ({@code .p/W}). */
  public boolean partial() {
    return width < FULL_WIDTH;
  }

  /** The path, relative to the log prefix, e.g. {@code tile/0/x001/234.p/5}. */
  public String path() {
    StringBuilder b = new StringBuilder("tile/");
    if (entryBundle) {
      b.append("entries");
    } else {
      b.append(level);
    }
    b.append('/');
    appendIndex(b, index);
    if (partial()) {
      b.append(".p/").append(width);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return path();
  }

  /**
   * The path of a hash tile.
   *
   * @param partialWidth 0 (or 256) for a full tile, 1..255 for a partial tile
   */
  public static String hashTile(int level, long index, int partialWidth) {
    return new TilePath(false, level, index, fullIfZero(partialWidth)).path();
  }

  /**
   * The path of an entry bundle.
   *
   * @param partialWidth 0 (or 256) for a full bundle, 1..255 for a partial one
   */
  public static String entryBundle(long index, int partialWidth) {
    return new TilePath(true, 0, index, fullIfZero(partialWidth)).path();
  }

  /**
   * Parses a tile or entry bundle path, with or without a leading {@code /}. Strict: only the
   * canonical spelling is accepted (no extra leading zeros, no superfluous {@code x000}
   * elements, levels without leading zeros, widths 1..255).
   *
   * @throws IllegalArgumentException if it is not exactly such a path
   */
  public static TilePath parse(String path) {
    Objects.requireNonNull(path, "path");
    String p = path.startsWith("/") ? path.substring(1) : path;
    String[] parts = p.split("/", -1);
    if (parts.length < 3 || !parts[0].equals("tile")) {
      throw bad(path, "want tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]");
    }
    boolean entries = parts[1].equals("entries");
    int level = 0;
    if (!entries) {
      level = (int) parseDecimal(parts[1], 2, path, "level");
      if (level > MAX_LEVEL) {
        throw bad(path, "level " + level + " is above " + MAX_LEVEL);
      }
    }
    int end = parts.length;
    int width = FULL_WIDTH;
    // A partial tile ends in ".p/<W>": the last index element carries the ".p" suffix.
    if (parts[end - 2].endsWith(".p")) {
      width = (int) parseDecimal(parts[end - 1], 3, path, "width");
      if (width < 1 || width > 255) {
        throw bad(path, "partial width " + width + " is out of range 1..255");
      }
      parts[end - 2] = parts[end - 2].substring(0, parts[end - 2].length() - 2);
      end--;
    }
    if (end - 2 > 7) {
      throw bad(path, "index has too many elements");
    }
    long index = 0;
    for (int i = 2; i < end; i++) {
      String e = parts[i];
      boolean last = i == end - 1;
      if (!last) {
        if (!e.startsWith("x")) {
          throw bad(path, "index element \"" + e + "\" must start with x");
        }
        e = e.substring(1);
      }
      if (e.length() != 3 || !isDigits(e)) {
        throw bad(path, "index element \"" + parts[i] + "\" must be 3 digits");
      }
      if (index > (Long.MAX_VALUE - 999) / 1000) {
        throw bad(path, "index is too large");
      }
      index = index * 1000 + Integer.parseInt(e);
    }
    TilePath t = new TilePath(entries, level, index, width);
    if (!t.path().equals(p)) {
      throw bad(path, "not canonical, want " + t.path());
    }
    return t;
  }

  /**
   * All hash tiles of a tree of {@code treeSize} leaves: at each level the full tiles and, if
   * any, the one partial tile of width {@code floor(size / 256^L) mod 256}; empty tiles are not
   * listed (tlog-tiles, "Partial Tiles").
   */
  public static List<TilePath> hashTiles(long treeSize) {
    List<TilePath> out = new ArrayList<>();
    long n = treeSize;
    for (int level = 0; n > 0 && level <= MAX_LEVEL; level++) {
      long full = n / FULL_WIDTH;
      for (long i = 0; i < full; i++) {
        out.add(new TilePath(false, level, i, FULL_WIDTH));
      }
      int w = (int) (n % FULL_WIDTH);
      if (w > 0) {
        out.add(new TilePath(false, level, full, w));
      }
      n = full;
    }
    return out;
  }

  /** All entry bundles of a tree of {@code treeSize} leaves, the last one partial if need be. */
  public static List<TilePath> entryBundles(long treeSize) {
    List<TilePath> out = new ArrayList<>();
    long full = treeSize / FULL_WIDTH;
    for (long i = 0; i < full; i++) {
      out.add(new TilePath(true, 0, i, FULL_WIDTH));
    }
    int w = (int) (treeSize % FULL_WIDTH);
    if (w > 0) {
      out.add(new TilePath(true, 0, full, w));
    }
    return out;
  }

  /**
   * The width of tile {@code index} at {@code level} in a tree of {@code treeSize}: 256 when the
   * tile is full, 1..255 for the partial tile, 0 when the tree has no such tile.
   */
  public static int widthAt(int level, long index, long treeSize) {
    long hashesAtLevel = treeSize;
    for (int l = 0; l < level; l++) {
      hashesAtLevel /= FULL_WIDTH;
    }
    long full = hashesAtLevel / FULL_WIDTH;
    if (index < full) {
      return FULL_WIDTH;
    }
    if (index == full) {
      return (int) (hashesAtLevel % FULL_WIDTH);
    }
    return 0;
  }

  private static int fullIfZero(int w) {
    return w == 0 ? FULL_WIDTH : w;
  }

  private static void appendIndex(StringBuilder b, long index) {
    // Elements from most to least significant; "x" on all but the last.
    List<String> elems = new ArrayList<>();
    long n = index;
    do {
      elems.add(0, String.format("%03d", n % 1000));
      n /= 1000;
    } while (n > 0);
    for (int i = 0; i < elems.size(); i++) {
      if (i > 0) {
        b.append('/');
      }
      if (i < elems.size() - 1) {
        b.append('x');
      }
      b.append(elems.get(i));
    }
  }

  private static long parseDecimal(String s, int maxDigits, String path, String what) {
    if (s.isEmpty() || s.length() > maxDigits || !isDigits(s) || (s.length() > 1 && s.charAt(0) == '0')) {
      throw bad(path, what + " \"" + s + "\" must be decimal without leading zeros");
    }
    return Long.parseLong(s);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException bad(String path, String why) {
    String shown = path.length() > 80 ? path.substring(0, 80) + "…" : path;
    return new IllegalArgumentException("invalid tile path \"" + shown + "\": " + why);
  }
}
