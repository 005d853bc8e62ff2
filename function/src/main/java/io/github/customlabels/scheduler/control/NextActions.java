package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ConfiguredSchedule;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** When the configured schedules next start and next stop a model, by the cron evaluation the stack uses too. */
final class NextActions {

    private final List<ConfiguredSchedule> schedules;

    NextActions(List<ConfiguredSchedule> schedules) {
        this.schedules = List.copyOf(schedules);
    }

    /** The next start and the next stop of the model, soonest first; an action no schedule takes is left out. */
    List<NextAction> of(String model, Instant now, ModelOverride override) {
        List<NextAction> next = new ArrayList<>();
        for (Action action : List.of(Action.START, Action.STOP)) {
            Instant end = action == Action.START ? override.skipStartsUntil() : override.keepRunningUntil();
            schedules.stream()
                    .filter(s -> s.action() == action && s.models().contains(model))
                    .map(s -> s.cron().nextAfter(now, s.timezone()).map(at -> new Candidate(s.name(), at)))
                    .flatMap(Optional::stream)
                    .min(Comparator.comparing((Candidate c) -> c.at().toInstant()).thenComparing(Candidate::schedule))
                    .ifPresent(c -> next.add(new NextAction(action, c.schedule(), c.at(),
                            end != null && c.at().toInstant().isBefore(end))));
        }
        next.sort(Comparator.comparing(n -> n.at().toInstant()));
        return next;
    }

    private record Candidate(String schedule, ZonedDateTime at) {
    }
}
