package org.crosstradediscord.bot.risk;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The rule for {@code limits.session_zone}: a region zone in the {@code Area/Location} form (e.g.
 * {@code America/New_York}), whose daylight-saving changes move the session boundary with the exchange's clock. Fixed
 * offsets and abbreviations ({@code EST}, {@code UTC+5}, {@code +05:00}, {@code GMT-4}, {@code Etc/GMT+5},
 * {@code CET}) are refused: they keep one offset all year, or mean different things in different JDKs' time-zone
 * data. {@code UTC} and {@code Etc/UTC} are accepted: they say explicitly that there is no daylight saving.
 */
public final class SessionZone {
  /** Fixed zones accepted because they name no local clock. */
  static final Set<String> EXPLICIT_UTC = Set.of("UTC", "Etc/UTC");
  /** The tail of the refusal of a zone that is not a region. */
  public static final String NOT_A_REGION = "is a fixed offset or an abbreviation; use a region such as"
      + " America/New_York (or UTC)";

  private SessionZone() {}

  /**
   * @param zone a zone
   * @return true when it is a region zone with its own rules, or explicitly UTC; false for a fixed offset or an
   *     abbreviation
   */
  public static boolean accepted(ZoneId zone) {
    return EXPLICIT_UTC.contains(zone.getId())
        || regionForm(zone.getId()) && !(zone.normalized() instanceof ZoneOffset);
  }

  /**
   * @param text a zone id as configured (case-sensitive, e.g. America/New_York)
   * @return the zone
   * @throws IllegalArgumentException it is a fixed offset or an abbreviation; the message is {@link #NOT_A_REGION}
   * @throws DateTimeException it has the region form but is no zone this JDK knows
   */
  public static ZoneId parse(String text) {
    if (!EXPLICIT_UTC.contains(text) && !regionForm(text)) {
      throw new IllegalArgumentException(NOT_A_REGION);
    }
    ZoneId zone = ZoneId.of(text);
    if (!accepted(zone)) {
      throw new IllegalArgumentException(NOT_A_REGION);
    }
    return zone;
  }

  /** @return true for {@code Area/Location} outside {@code Etc/} (where the fixed offsets live) */
  private static boolean regionForm(String id) {
    return id.indexOf('/') > 0 && !id.startsWith("Etc/");
  }
}
