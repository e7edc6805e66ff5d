package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.text.SafeText;

/** How a {@code storage.url} is shown in logs and messages: never its parameters or user info. */
public final class StoreUrls {
  private StoreUrls() {}

  /**
   * @param url a JDBC URL
   * @return it without query, parameters or user info, on one line (safe to log)
   */
  public static String display(String url) {
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    if (u.startsWith(JdbcStore.POSTGRESQL)) {
      String rest = u.substring(JdbcStore.POSTGRESQL.length());
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      u = JdbcStore.POSTGRESQL + authority.substring(authority.lastIndexOf('@') + 1)
          + (slash < 0 ? "" : rest.substring(slash));
    }
    return SafeText.oneLine(u);
  }
}
