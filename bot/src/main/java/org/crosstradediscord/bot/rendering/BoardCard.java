package org.crosstradediscord.bot.rendering;

import org.crosstradediscord.bot.text.DiscordText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.board.Freshness;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.UnknownRow;
import org.jspecify.annotations.Nullable;
import org.crosstradediscord.client.model.AccountItem;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlUpdate;
import org.crosstradediscord.client.model.Position;

/**
 * The desk board message: per configured account its open positions (instrument, market position, quantity, average
 * and market price in instrument points, unrealized P&amp;L) and its realized, unrealized and total P&amp;L for the
 * session (account currency), a HALTED banner, and "as of" with the P&amp;L stream's health. When the newest frame is
 * not fresh ({@link Freshness}: none for 3 × the stream's interval, or its epoch missing or over 60 s off its arrival)
 * the numbers are <b>not shown</b>: the board says why.
 *
 * <p>Buttons: "Flatten &lt;account&gt;" per account ({@code ct:board:flatten:<base64url account>}) and "Halt"
 * ({@code ct:board:halt}); a click runs {@code /flatten account:…} or {@code /halt} for the clicker, with the same role
 * checks and review card as typed. Upstream text is escaped.
 */
public final class BoardCard {
  /** custom_id prefix of every board button. */
  public static final String PREFIX = "ct:board:";
  /** custom_id prefix of a Flatten button. */
  public static final String FLATTEN = PREFIX + "flatten:";
  /** custom_id of the Halt button. */
  public static final String HALT = PREFIX + "halt";
  /** Positions listed per account, at most (then "+N more"). */
  static final int MAX_POSITIONS = 10;
  /** Characters of an embed the board fills at most (Discord allows 6000). */
  static final int BUDGET = 5_500;
  /** Numbers beyond this (either sign) are shown as "?". */
  static final double MAX_SHOWN = 1e12;

  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  /**
   * What the board shows at one moment.
   *
   * @param accounts the configured accounts, in order
   * @param update the newest {@code pnlUpdate}, or null before the first
   * @param frameAt when it arrived, or null
   * @param now the time of rendering
   * @param staleAfter silence after which numbers are hidden (3 × the stream's interval)
   * @param halt the halt state, or null when it cannot be read
   * @param notes account (as configured) → one more line shown first in its field (e.g. the trailing drawdown's room
   *     left), unescaped; empty for none
   * @param unknowns the unresolved outcome-unknown trades and alerts of the current trading session, oldest first, or
   *     null when the store cannot be read
   */
  public record Snapshot(List<String> accounts, PnlUpdate update, Instant frameAt, Instant now, Duration staleAfter,
      HaltState halt, Map<String, String> notes, @Nullable List<UnknownRow> unknowns) {
    /** A snapshot without notes or unresolved unknown outcomes. */
    public Snapshot(List<String> accounts, PnlUpdate update, Instant frameAt, Instant now, Duration staleAfter,
        HaltState halt) {
      this(accounts, update, frameAt, now, staleAfter, halt, Map.of(), List.of());
    }

    /** @return whether the newest frame is fresh, or why not ({@link Freshness} with {@link #staleAfter}) */
    public Freshness.Verdict freshness() {
      return new Freshness(staleAfter).judge(update, frameAt, now);
    }

    /** @return true when the numbers must not be shown: {@link #freshness()} is not FRESH */
    public boolean stale() {
      return freshness() != Freshness.Verdict.FRESH;
    }
  }

  private BoardCard() {}

  /**
   * @param s what to show
   * @return the embed; its content apart from the "as of" time is {@link #contentKey}
   */
  public static MessageEmbed embed(Snapshot s) {
    EmbedBuilder b = new EmbedBuilder();
    boolean halted = s.halt() != null && s.halt().halted();
    b.setTitle("Desk board" + (halted ? " — HALTED" : s.stale() ? " — STALE" : ""));
    b.setColor(halted ? 0xC0392B : s.stale() ? 0x7F8C8D : 0x27AE60);
    StringBuilder d = new StringBuilder();
    if (halted) {
      HaltState h = s.halt();
      d.append("**HALTED** by ").append(DiscordText.escape(h.byUserName(), 64))
          .append(h.reason() == null || h.reason().isBlank() ? "" : ": " + DiscordText.escape(h.reason(), 300))
          .append(". /flatplace and /reverse are refused until `/resume`.\n");
    } else if (s.halt() == null) {
      d.append("Halt state unknown (the store cannot be read): commands that add risk are refused.\n");
    }
    d.append(health(s));
    b.setDescription(d.toString());
    BoardUnknowns.add(b, s.unknowns());
    if (!s.stale()) {
      int used = b.length();
      for (int i = 0; i < s.accounts().size(); i++) {
        String account = s.accounts().get(i);
        Optional<PnlAccount> a = find(s.update(), account);
        String name = cut(DiscordText.escape(account, 100) + " — " + a.map(BoardCard::totals).orElse("not in the stream"),
            MessageEmbed.TITLE_MAX_LENGTH);
        String note = s.notes().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(account))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        String value = cut((note == null ? "" : DiscordText.escape(note, 200) + "\n")
            + a.map(BoardCard::positions).orElse("No data for this account."), MessageEmbed.VALUE_MAX_LENGTH);
        if (used + name.length() + value.length() > BUDGET) { // Discord's 6000 per embed, with room for the notice
          b.addField("+" + (s.accounts().size() - i) + " more accounts", "Not shown (message size): see /positions.",
              false);
          break;
        }
        b.addField(name, value, false);
        used += name.length() + value.length();
      }
    }
    return b.build();
  }

  /**
   * @param s what the board would show
   * @return a small card with no numbers, for when the full one cannot be drawn (never throws)
   */
  public static MessageEmbed unavailable(Snapshot s) {
    return new EmbedBuilder().setTitle("Desk board — NOT CURRENT").setColor(0x7F8C8D)
        .setDescription("The board cannot be drawn right now (since <t:" + s.now().getEpochSecond() + ":T>). Numbers are"
            + " hidden: use /positions, and check NinjaTrader.").build();
  }

  /**
   * @param since when the bot stopped
   * @return the card left on the board when the bot stops: no numbers, since when
   */
  public static MessageEmbed stopped(Instant since) {
    return new EmbedBuilder().setTitle("Desk board — STOPPED").setColor(0x7F8C8D)
        .setDescription("The bot stopped at <t:" + since.getEpochSecond() + ":T> (<t:" + since.getEpochSecond()
            + ":R>). Numbers are hidden until it is back: check NinjaTrader.").build();
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /**
   * @param s what to show
   * @return everything the embed says except the "as of" time, to skip edits that change nothing
   */
  public static String contentKey(Snapshot s) {
    return contentKey(embed(s), s);
  }

  /**
   * {@link #contentKey(Snapshot)} of an embed already drawn from {@code s} (the board draws each frame once).
   *
   * @param e {@link #embed}{@code (s)}
   * @param s what it shows
   * @return everything the embed says except the "as of" time
   */
  public static String contentKey(MessageEmbed e, Snapshot s) {
    StringBuilder k = new StringBuilder(String.valueOf(e.getTitle())).append('|').append(e.getColorRaw())
        .append('|').append(s.freshness());
    k.append('|').append(TIMES.matcher(String.valueOf(e.getDescription())).replaceAll(""));
    e.getFields().forEach(f -> k.append('|').append(f.getName()).append('=').append(f.getValue()));
    return k.toString();
  }

  /** Discord timestamps ({@code <t:…:T>}, {@code <t:…:R>}): left out of {@link #contentKey}. */
  private static final java.util.regex.Pattern TIMES = java.util.regex.Pattern.compile("<t:-?\\d+:[TR]>");

  /**
   * @param accounts the configured accounts
   * @return one Flatten button per account (4 per row) and a Halt button in the last row
   */
  public static List<ActionRow> buttons(List<String> accounts) {
    List<Button> all = new ArrayList<>();
    for (String a : accounts) {
      String id = FLATTEN + ENC.encodeToString(a.getBytes(StandardCharsets.UTF_8));
      if (id.length() <= ViewButtons.MAX_CUSTOM_ID) {
        all.add(Button.danger(id, DiscordText.oneLine("Flatten " + a, 80)));
      }
    }
    List<ActionRow> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 4) {
      rows.add(ActionRow.of(all.subList(i, Math.min(all.size(), i + 4))));
    }
    rows.add(ActionRow.of(Button.secondary(HALT, "Halt new risk")));
    return rows;
  }

  /**
   * @param customId a custom_id starting with {@link #FLATTEN}
   * @return the account, or empty when malformed
   */
  public static Optional<String> flattenAccount(String customId) {
    if (!customId.startsWith(FLATTEN)) {
      return Optional.empty();
    }
    try {
      String a = new String(DEC.decode(customId.substring(FLATTEN.length())), StandardCharsets.UTF_8);
      return a.isBlank() ? Optional.empty() : Optional.of(a);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String health(Snapshot s) {
    Freshness.Verdict v = s.freshness();
    if (v == Freshness.Verdict.NO_FRAME) {
      return "**No P&L update yet** — waiting for the CrossTrade stream. Numbers appear when it answers.";
    }
    long at = s.frameAt().getEpochSecond();
    String hidden = " Numbers are hidden until it is current again: check NinjaTrader.";
    return switch (v) {
      case SILENT -> "**STALE — no P&L update since <t:" + at + ":T>** (the stream is reconnecting)." + hidden;
      case NO_EPOCH -> "**STALE — the P&L update of <t:" + at + ":T> does not say when it was made** (no epoch)."
          + hidden;
      case EPOCH_OFF -> "**STALE — the P&L update of <t:" + at + ":T> was made at <t:"
          + Math.floorDiv(s.update().getEpoch(), 1000) + ":T>**, over " + Freshness.MAX_EPOCH_LAG.toSeconds()
          + " s off (the add-on is behind, or a clock is off)."
          + hidden;
      default -> "As of <t:" + at + ":T> (<t:" + at + ":R>) · live";
    };
  }

  private static Optional<PnlAccount> find(PnlUpdate u, String account) {
    if (u == null || u.getAccounts() == null) {
      return Optional.empty();
    }
    return u.getAccounts().stream().filter(a -> a != null && a.getAccount() != null
        && account.equalsIgnoreCase(a.getAccount().getName())).findFirst();
  }

  private static String totals(PnlAccount a) {
    AccountItem item = a.getAccount().getItem();
    Double realized = item == null ? null : item.getRealizedProfitLoss();
    Double unrealized = item == null ? null : item.getUnrealizedProfitLoss();
    if (realized == null || unrealized == null || !shown(realized) || !shown(unrealized)) {
      return "P&L unknown";
    }
    return "total " + money(realized + unrealized) + " (realized " + money(realized) + ", unrealized " + money(unrealized)
        + ")";
  }

  private static String positions(PnlAccount a) {
    List<Position> open = a.getPositions() == null ? List.of() : a.getPositions().stream()
        .filter(p -> p != null && p.getMarketPosition() != null && p.getMarketPosition() != MarketPosition.FLAT).toList();
    if (open.isEmpty()) {
      return "Flat.";
    }
    StringBuilder out = new StringBuilder();
    for (Position p : open.subList(0, Math.min(open.size(), MAX_POSITIONS))) {
      out.append('`').append(DiscordText.inCode(p.getInstrument(), 40)).append("` ")
          .append(p.getMarketPosition().getValue().toUpperCase(Locale.ROOT)).append(' ').append(p.getQuantity())
          .append(" @ ").append(price(p.getAveragePrice())).append(" · mkt ").append(price(p.getMarketPrice()))
          .append(" · uPnL ").append(p.getUnrealizedProfitLoss() == null ? "?" : money(p.getUnrealizedProfitLoss()))
          .append('\n');
    }
    if (open.size() > MAX_POSITIONS) {
      out.append("+").append(open.size() - MAX_POSITIONS).append(" more (see /positions)");
    }
    return out.toString().strip();
  }

  private static boolean shown(double v) {
    return Double.isFinite(v) && Math.abs(v) <= MAX_SHOWN;
  }

  private static String price(Double v) {
    return v == null || !Double.isFinite(v) || Math.abs(v) > MAX_SHOWN ? "?" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String money(double v) {
    return Double.isFinite(v) && Math.abs(v) <= MAX_SHOWN ? String.format(Locale.ROOT, "%+,.2f", v) : "?";
  }
}
