/** Pending confirmations: stored before a review card goes out, claimed once by a row-level compare-and-set. */
@NullMarked
package org.crosstradediscord.bot.confirmation;

import org.jspecify.annotations.NullMarked;
