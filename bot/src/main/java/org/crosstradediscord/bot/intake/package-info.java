/**
 * The alert desk's listener: {@code POST /alerts/{source}} on its own address, bounded in size, time and rate,
 * authenticated by the alert's {@code key}; a readable alert is handed to an {@link
 * org.crosstradediscord.bot.intake.AlertInbox} (which posts the approval card). Never echoes or logs the key.
 */
@NullMarked
package org.crosstradediscord.bot.intake;

import org.jspecify.annotations.NullMarked;
