/** One class per slash command, pure: options in, a prepared action out ({@code Prepared}). */
@NullMarked
package org.crosstradediscord.bot.commands;

import org.jspecify.annotations.NullMarked;
