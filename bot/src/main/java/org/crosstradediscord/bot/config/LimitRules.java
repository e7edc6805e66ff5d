package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.risk.TrailingDrawdown;
import org.crosstradediscord.bot.risk.Limit;
import org.crosstradediscord.bot.risk.Limits;
import org.crosstradediscord.bot.risk.SessionZone;
import org.crosstradediscord.client.model.OrderType;

/** The {@code limits} section's rules: order limits ({@link Limits}) and daily loss limits ({@link DailyLoss}). */
final class LimitRules {
  /** Largest {@code max_quantity} / {@code max_position} accepted. */
  static final long MAX_LIMIT = 1_000_000;
  private static final Set<String> ORDER_TYPES = Arrays.stream(OrderType.values())
      .map(t -> t.getValue().toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
  private static final String LIMIT_KEYS = "instruments, max_position, max_quantity, order_types";

  private LimitRules() {}

  /** {@code limits}: absent = {@link Limits#SAFE}; a {@code by_role} entry's absent field takes the default's. */
  static Limits limits(ConfigFile.Limits l) {
    if (l == null) {
      return Limits.SAFE;
    }
    Limit dflt = limit(l.defaults(), "limits.default", Limits.SAFE.defaults());
    Map<Long, Limit> byRole = new LinkedHashMap<>();
    if (l.byRole() != null) {
      l.byRole().forEach((role, entry) -> {
        String key = "limits.by_role." + role.value();
        if (entry == null) {
          throw new ConfigException(key + ": must be a mapping of limits (" + LIMIT_KEYS + ")");
        }
        byRole.put(role.value(), limit(entry, key, dflt));
      });
    }
    return new Limits(dflt, byRole);
  }

  private static Limit limit(ConfigFile.Limit e, String key, Limit inherit) {
    if (e == null) {
      return inherit;
    }
    long maxQuantity = ConfigRules.whole(e.maxQuantity(), key + ".max_quantity", inherit.maxQuantity(), 1, MAX_LIMIT);
    Set<String> types = inherit.orderTypes();
    if (e.orderTypes() != null) {
      types = words(e.orderTypes(), key + ".order_types");
      for (String t : types) {
        if (!ORDER_TYPES.contains(t)) {
          throw new ConfigException(key + ".order_types: '" + SafeText.oneLine(t) + "' is not an order type (known: "
              + String.join(", ", ORDER_TYPES) + ")");
        }
      }
    }
    Set<String> roots = inherit.instruments();
    if (e.instruments() != null) {
      roots = words(e.instruments(), key + ".instruments");
      for (String r : roots) {
        if (!r.matches("[A-Z0-9.$_-]{1,20}")) {
          throw new ConfigException(key + ".instruments: '" + SafeText.oneLine(r) + "' is not a root symbol (e.g."
              + " MES; letters, digits, '.', '-', '_', '$', at most 20)");
        }
      }
    }
    OptionalLong maxPosition = e.maxPosition() == null ? inherit.maxPosition()
        : OptionalLong.of(ConfigRules.whole(e.maxPosition(), key + ".max_position", 0, 1, MAX_LIMIT));
    return new Limit(maxQuantity, types, roots, maxPosition);
  }

  /** A list of words (order types, root symbols), upper-cased; empty = any; duplicates refused. */
  private static Set<String> words(List<String> list, String key) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = key + "[" + i + "]";
      String w = list.get(i).strip().toUpperCase(Locale.ROOT);
      if (w.isEmpty()) {
        throw new ConfigException(at + ": must not be empty");
      }
      if (!out.add(w)) {
        throw new ConfigException(at + ": '" + SafeText.oneLine(w) + "' is listed twice");
      }
    }
    return out;
  }

  /** {@code limits.daily_loss} and its options; absent = {@link DailyLoss#NONE}. */
  static DailyLoss dailyLoss(ConfigFile.Limits l, List<String> allowed) {
    if (l == null) {
      return DailyLoss.NONE;
    }
    Map<String, Double> byAccount = amounts(l.dailyLoss(), "limits.daily_loss", "the loss", allowed);
    boolean flatten = l.flattenOnDailyLoss() != null && l.flattenOnDailyLoss();
    LocalTime start = DailyLoss.NONE.sessionStart();
    if (l.sessionStart() != null) {
      String v = l.sessionStart().strip();
      if (!v.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
        throw new ConfigException("limits.session_start: '" + SafeText.oneLine(v) + "' is not a time of day (HH:MM,"
            + " e.g. \"17:00\")");
      }
      start = LocalTime.parse(v);
    }
    ZoneId zone = DailyLoss.NONE.zone();
    if (l.sessionZone() != null) {
      String v = l.sessionZone().strip();
      try {
        zone = SessionZone.parse(v);
      } catch (DateTimeException e) {
        throw new ConfigException("limits.session_zone: '" + SafeText.oneLine(v) + "' is not a time zone (e.g."
            + " America/New_York)");
      } catch (IllegalArgumentException e) {
        throw new ConfigException("limits.session_zone: " + SafeText.oneLine(v) + " " + e.getMessage());
      }
    }
    if (flatten && byAccount.isEmpty()) {
      throw new ConfigException("limits.flatten_on_daily_loss: needs limits.daily_loss (which accounts, at what loss)");
    }
    return new DailyLoss(byAccount, flatten, start, zone);
  }

  /** {@code limits.trailing_drawdown} and its flatten option; absent = {@link TrailingDrawdown#NONE}. */
  static TrailingDrawdown trailingDrawdown(ConfigFile.Limits l, List<String> allowed) {
    if (l == null) {
      return TrailingDrawdown.NONE;
    }
    Map<String, Double> byAccount = amounts(l.trailingDrawdown(), "limits.trailing_drawdown",
        "the drawdown from the high", allowed);
    boolean flatten = l.flattenOnTrailingDrawdown() != null && l.flattenOnTrailingDrawdown();
    if (flatten && byAccount.isEmpty()) {
      throw new ConfigException("limits.flatten_on_trailing_drawdown: needs limits.trailing_drawdown (which accounts,"
          + " at what drawdown)");
    }
    return new TrailingDrawdown(byAccount, flatten);
  }

  /** Account → an amount of money (0.01..1e9, plain decimal), each account in {@code accounts.allowed}, once. */
  private static Map<String, Double> amounts(Map<String, String> written, String section, String what,
      List<String> allowed) {
    Map<String, Double> byAccount = new LinkedHashMap<>();
    if (written == null) {
      return byAccount;
    }
    written.forEach((account, text) -> {
      String key = section + "." + SafeText.oneLine(account);
      ConfigRules.inAllowed(List.of(account), allowed, key);
      String v = text.strip();
      double amount;
      try {
        amount = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": '" + SafeText.oneLine(v) + "' is not a number (" + what + " in the"
            + " account's currency, e.g. 500)");
      }
      if (!(amount >= 0.01 && amount <= 1e9) || !v.matches("[0-9]+(\\.[0-9]+)?")) {
        throw new ConfigException(key + ": " + SafeText.oneLine(v) + " is out of range (0.01 to 1000000000, plain"
            + " decimal)");
      }
      if (byAccount.keySet().stream().anyMatch(account::equalsIgnoreCase)) {
        throw new ConfigException(key + ": the account is listed twice (names match in any case)");
      }
      byAccount.put(account, amount);
    });
    return byAccount;
  }
}
