/** The YAML config bound by Jackson into records, and its cross-field rules. */
@NullMarked
package org.crosstradediscord.bot.config;

import org.jspecify.annotations.NullMarked;
