/** Discord side: the router (JDA events to flows) and one class per flow (command, review, click, trade execution, autocomplete), the board drawing and the wiring ({@code DiscordBot}). */
@NullMarked
package org.crosstradediscord.bot.discord;

import org.jspecify.annotations.NullMarked;
