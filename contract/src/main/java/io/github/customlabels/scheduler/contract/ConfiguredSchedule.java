package io.github.customlabels.scheduler.contract;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One of the stack's schedules as the function knows it: enough to tell when it next acts on a model. The stack
 * writes it from the schedule it creates, so both read the same cron with the same {@link CronSchedule}.
 */
public record ConfiguredSchedule(String name, CronSchedule cron, ZoneId timezone, Action action, List<String> models) {

    public ConfiguredSchedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(action, "action");
        models = List.copyOf(models);
    }
}
