/** The desk's halt switch: in memory at once, kept in the store. */
@NullMarked
package org.crosstradediscord.bot.halt;

import org.jspecify.annotations.NullMarked;
