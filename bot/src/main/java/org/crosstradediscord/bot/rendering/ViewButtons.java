package org.crosstradediscord.bot.rendering;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The buttons of the read-only answers: "Close" on a row of {@code /positions} and "Cancel" on a row of
 * {@code /orders}. A click does not act: it starts the normal confirmation flow of {@code /close} or
 * {@code /cancel} for that row (roles and account checked again at the click, then a review card and Confirm).
 *
 * <p>The custom_id carries the row itself, so it works after a restart and needs no state:
 * {@code ct:view:close:<account>.<instrument>} and {@code ct:view:cancel:<account>.<orderId>}, each part
 * base64url (UTF-8, no padding; {@code .} is not in its alphabet). Discord caps a custom_id at 100 characters: a
 * row whose names are too long for it gets no button (the answer says so). A forged custom_id gains nothing: the
 * click is checked like the slash command.
 */
public final class ViewButtons {
  /** custom_id prefix of every read-only answer button. */
  public static final String PREFIX = "ct:view:";
  /** custom_id prefix of a position's Close button. */
  public static final String CLOSE = PREFIX + "close:";
  /** custom_id prefix of a working order's Cancel button. */
  public static final String CANCEL = PREFIX + "cancel:";
  /** Discord's custom_id limit. */
  public static final int MAX_CUSTOM_ID = 100;

  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  /**
   * What a button points at.
   *
   * @param kind {@link #CLOSE} or {@link #CANCEL}
   * @param account the account as listed
   * @param target the instrument (close) or order id (cancel)
   */
  public record Target(String kind, String account, String target) {}

  private ViewButtons() {}

  /** @return the custom_id of a Close button, or empty when it would exceed 100 characters */
  public static Optional<String> closeId(String account, String instrument) {
    return id(CLOSE, account, instrument);
  }

  /** @return the custom_id of a Cancel button, or empty when it would exceed 100 characters */
  public static Optional<String> cancelId(String account, String orderId) {
    return id(CANCEL, account, orderId);
  }

  /**
   * @param customId a custom_id starting with {@link #PREFIX}
   * @return what it points at, or empty when it is not one of ours or is malformed
   */
  public static Optional<Target> parse(String customId) {
    String kind = customId.startsWith(CLOSE) ? CLOSE : customId.startsWith(CANCEL) ? CANCEL : null;
    if (kind == null) {
      return Optional.empty();
    }
    String[] parts = customId.substring(kind.length()).split("\\.", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      String account = new String(DEC.decode(parts[0]), StandardCharsets.UTF_8);
      String target = new String(DEC.decode(parts[1]), StandardCharsets.UTF_8);
      return account.isBlank() || target.isBlank() ? Optional.empty() : Optional.of(new Target(kind, account, target));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> id(String kind, String account, String target) {
    if (account == null || target == null || account.isBlank() || target.isBlank()) {
      return Optional.empty();
    }
    String id = kind + ENC.encodeToString(account.getBytes(StandardCharsets.UTF_8)) + "."
        + ENC.encodeToString(target.getBytes(StandardCharsets.UTF_8));
    return id.length() <= MAX_CUSTOM_ID ? Optional.of(id) : Optional.empty();
  }
}
