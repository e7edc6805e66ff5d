/** Limits per role, the daily loss limit and trading sessions, as plain values. */
@NullMarked
package org.crosstradediscord.bot.risk;

import org.jspecify.annotations.NullMarked;
