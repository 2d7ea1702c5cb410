package org.glassplate.server.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a hashed plate from the public Seattle data into a plausible plate, deterministically:
 * the same hash always gives the same plate, so repeat visits stay repeat visits. Most plates are
 * California's current format (1ABC234); some are other states' (ABC1234).
 */
final class SyntheticPlates {
  private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"; // no I, O, Q, as on CA plates
  private static final String[] OTHER_STATES = {"NV", "AZ", "OR", "WA", "TX", "NY", "FL", "UT"};

  private SyntheticPlates() {
  }

  record Synthetic(String plate, String state) {
  }

  static Synthetic fromHash(String hash) {
    byte[] h = sha256(hash);
    int b0 = h[0] & 0xff;
    if (b0 < 218) { // ~85% California
      return new Synthetic("" + (1 + (h[1] & 0xff) % 9) + letter(h[2]) + letter(h[3]) + letter(h[4])
          + digit(h[5]) + digit(h[6]) + digit(h[7]), "CA");
    }
    String state = OTHER_STATES[(h[8] & 0xff) % OTHER_STATES.length];
    return new Synthetic("" + letter(h[2]) + letter(h[3]) + letter(h[4]) + digit(h[5]) + digit(h[6])
        + digit(h[7]) + digit(h[9]), state);
  }

  private static final String[] MAKES = {"Toyota", "Honda", "Ford", "Chevrolet", "Nissan", "Tesla", "Hyundai", "Kia",
      "Subaru", "Jeep", "BMW", "Ram"};
  private static final String[] COLORS = {"white", "black", "silver", "grey", "blue", "red", "green", "beige"};
  private static final String[] TYPES = {"sedan", "SUV", "pickup", "minivan", "hatchback", "van"};

  /** What a camera would report about the vehicle behind a plate: the same every time the plate passes. */
  record Vehicle(String make, String color, String type) {
  }

  static Vehicle vehicle(String plate) {
    byte[] h = sha256("vehicle-of-" + plate);
    return new Vehicle(MAKES[(h[0] & 0xff) % MAKES.length], COLORS[(h[1] & 0xff) % COLORS.length],
        TYPES[(h[2] & 0xff) % TYPES.length]);
  }

  private static char letter(byte b) {
    return LETTERS.charAt((b & 0xff) % LETTERS.length());
  }

  private static char digit(byte b) {
    return (char) ('0' + (b & 0xff) % 10);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
