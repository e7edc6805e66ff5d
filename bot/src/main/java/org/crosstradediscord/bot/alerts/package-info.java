/**
 * The alert desk's intake: an automated alert (TradingView → this bot) in CrossTrade's own alert syntax, read into an
 * {@link org.crosstradediscord.bot.alerts.Alert} that a member may approve. Pure: no I/O, no Discord, no store.
 */
@NullMarked
package org.crosstradediscord.bot.alerts;

import org.jspecify.annotations.NullMarked;
