/** Operations endpoints ({@code /healthz}, {@code /metrics}) and logging setup. */
@NullMarked
package org.crosstradediscord.bot.ops;

import org.jspecify.annotations.NullMarked;
