/** The bot: start-up ({@code BotMain}) and the packages below, top to bottom: discord → ops → confirmation → commands → rendering → board, halt, preview → config → risk, access, store, audit → text (checked by ArchitectureTest). */
@NullMarked
package org.crosstradediscord.bot;

import org.jspecify.annotations.NullMarked;
