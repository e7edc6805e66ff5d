/** Durable state (SQLite or PostgreSQL) behind one interface; schema by Flyway. */
@NullMarked
package org.crosstradediscord.bot.store;

import org.jspecify.annotations.NullMarked;
