package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * The desk's services: built once each by {@link BotAssembly} before Discord is contacted, then shared by the
 * {@link InteractionRouter}, the {@link DeskFeed} and the running bot's handle ({@link DiscordBot}), which closes them.
 *
 * @param trail the durable audit trail; its store also holds the halt state and the pending confirmations
 * @param confirmations pending confirmations (cards with Confirm)
 * @param client the CrossTrade SDK the bot trades and reads with
 * @param audit the audit log: log line, durable trail and, once Discord is ready, the audit channel
 * @param halt the halt switch: risk-increasing commands are refused while halted (typed, at the click, at the wire)
 * @param calls the confirmed trades' threads ({@value BotAssembly#CALL_THREADS} at once, bounded queue; refuses late
 *     and shutdown-time trades)
 * @param reads the read-only calls' threads (answers, autocomplete), apart from trades
 */
record Desk(AuditTrail trail, ConfirmationStore confirmations, CrossTradeClient client, AuditLog audit,
    HaltSwitch halt, TradeCalls calls, Workers reads) {}
