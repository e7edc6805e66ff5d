/** The daily loss guard and the freshness of P&amp;L frames. */
@NullMarked
package org.crosstradediscord.bot.board;

import org.jspecify.annotations.NullMarked;
