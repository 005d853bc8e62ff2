package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import java.time.ZonedDateTime;

/**
 * The next time a configured schedule acts on a model.
 *
 * @param at in the schedule's time zone; {@code at.toInstant()} is the same moment in UTC
 * @param skippedByOverride true when an override in force now will make the schedule leave the model alone then
 */
public record NextAction(Action action, String schedule, ZonedDateTime at, boolean skippedByOverride) {
}
