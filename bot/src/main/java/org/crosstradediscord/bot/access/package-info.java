/** Roles, grants and accounts: who may do what (deny by default). */
@NullMarked
package org.crosstradediscord.bot.access;

import org.jspecify.annotations.NullMarked;
