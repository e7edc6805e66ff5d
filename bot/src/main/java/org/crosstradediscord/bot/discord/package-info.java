/** Discord side: the router (JDA events to flows) and one class per flow (command, review, click, trade execution, autocomplete), the board drawing, the composition root ({@code BotAssembly}: builds every part once, in order) and the running bot's handle ({@code DiscordBot}). */
@NullMarked
package org.crosstradediscord.bot.discord;

import org.jspecify.annotations.NullMarked;
