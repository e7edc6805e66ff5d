/** What members read: cards, tables, the board card, and the display records (Review, Outcome, Answer). */
@NullMarked
package org.crosstradediscord.bot.rendering;

import org.jspecify.annotations.NullMarked;
