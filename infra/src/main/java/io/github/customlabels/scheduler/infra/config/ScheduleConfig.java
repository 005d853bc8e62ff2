package io.github.customlabels.scheduler.infra.config;

import java.util.Objects;

/**
 * One EventBridge Scheduler schedule: when, in which time zone, and the command it sends.
 *
 * @param cron the six EventBridge cron fields, e.g. {@code 0 7 ? * MON-FRI *}
 * @param timezone an IANA time zone name, so a local time survives daylight saving
 * @param description null when not configured
 */
public record ScheduleConfig(String name, String cron, String timezone, Command command, String description) {

    public ScheduleConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(command, "command");
    }

    /** The six cron fields, in EventBridge's order: minutes, hours, day-of-month, month, day-of-week, year. */
    public String[] cronFields() {
        return cron.trim().split("\\s+");
    }
}
