package org.crosstradediscord.bot.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;

/** A policy and members shared by the command tests. */
final class Fixtures {
  static final long TRADER = 10, RISK = 30;
  static final Invoker TRADER_MEMBER = new Invoker(1, "alice", Set.of(TRADER));
  static final Invoker RISK_MEMBER = new Invoker(2, "rita", Set.of(TRADER, RISK));
  static final RolePolicy POLICY = new RolePolicy(
      Map.of(Permission.FLATPLACE, List.of(TRADER), Permission.REVERSE, List.of(TRADER), Permission.CLOSE, List.of(TRADER),
          Permission.FLATTEN, List.of(TRADER), Permission.FLATTEN_EVERYTHING, List.of(RISK)),
      List.of("Sim101", "Sim102"), Map.of());

  private Fixtures() {}

  /** Options from alternating name/value pairs. */
  static CommandOptions options(Object... pairs) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return new CommandOptions(m);
  }

  static CommandOptions marketOrder(Object... extra) {
    Object[] base = {"account", "sim101", "instrument", "MES 12-25", "action", "BUY", "quantity", 2L,
        "order_type", "MARKET", "time_in_force", "DAY"};
    Object[] all = new Object[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return options(all);
  }

  static List<String> problems(Prepared p) {
    return ((Prepared.Invalid) p).problems();
  }
}
