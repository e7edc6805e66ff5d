package org.crosstradediscord.bot.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One source's intake rules ({@code alerts.sources.<name>}): its secret and its bounds. The secret is kept only as
 * its SHA-256, and compared in constant time ({@link #keyMatches}); {@link #toString()} never shows it.
 */
public final class IntakeSource {
  private final String name;
  private final byte[] secretHash;
  private final int maxBodyBytes;
  private final int maxPerMinute;

  /**
   * @param name the source's name (the URL's last segment)
   * @param secret the alert {@code key} this source must send (at least 16 characters; from the environment)
   * @param maxBodyBytes the largest body read, bytes (at least 256)
   * @param maxPerMinute the most authenticated alerts accepted per 60 s (at least 1)
   */
  public IntakeSource(String name, String secret, int maxBodyBytes, int maxPerMinute) {
    this.name = Objects.requireNonNull(name);
    this.secretHash = sha256(secret);
    this.maxBodyBytes = maxBodyBytes;
    this.maxPerMinute = maxPerMinute;
  }

  /** @return the source's name */
  public String name() {
    return name;
  }

  /** @return the largest body read, bytes */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** @return the most authenticated alerts per 60 s */
  public int maxPerMinute() {
    return maxPerMinute;
  }

  /**
   * Constant time in the key's content: both sides are hashed, then compared with {@link MessageDigest#isEqual}.
   *
   * @param key the alert's {@code key} field, or null when it had none
   * @return true when it equals the source's secret
   */
  public boolean keyMatches(String key) {
    return key != null && MessageDigest.isEqual(secretHash, sha256(key));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "IntakeSource[" + name + ", max_body_bytes=" + maxBodyBytes + ", max_per_minute=" + maxPerMinute + "]";
  }
}
