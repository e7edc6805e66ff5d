/** Ground floor: the one sanitiser for text from outside, Discord escaping, price formatting. */
@NullMarked
package org.crosstradediscord.bot.text;

import org.jspecify.annotations.NullMarked;
