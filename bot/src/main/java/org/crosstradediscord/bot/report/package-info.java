/**
 * Session reports, pure: the P&amp;L samples' high, low and maximum drawdown ({@link SessionStats}), the bot's trades
 * and the halts of a session from the audit trail ({@link SessionActivity}), when reports are due
 * ({@link ReportSchedule}), when a sample is due ({@link Sampling}), and one account's session read from the store
 * ({@link SessionReader}, {@link SessionReport}).
 */
@NullMarked
package org.crosstradediscord.bot.report;

import org.jspecify.annotations.NullMarked;
