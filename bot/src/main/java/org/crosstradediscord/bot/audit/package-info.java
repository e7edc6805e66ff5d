/** The audit trail: events, the log and its listeners. */
@NullMarked
package org.crosstradediscord.bot.audit;

import org.jspecify.annotations.NullMarked;
