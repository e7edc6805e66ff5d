/** The GET-only reads a review card shows before Confirm. */
@NullMarked
package org.crosstradediscord.bot.preview;

import org.jspecify.annotations.NullMarked;
