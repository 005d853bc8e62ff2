package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.ScheduleConfig;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.TimeWindow;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/** The configured EventBridge Scheduler schedules, each sending its command to the function. */
public final class ModelSchedules extends Construct {

    /**
     * What the schedules are built from.
     *
     * @param groupName the schedule group, so this deployment's schedules are listed and named apart from others
     */
    public record Props(IFunction target, List<ScheduleConfig> schedules, IQueue deadLetterQueue, String groupName) {

        public Props {
            Objects.requireNonNull(target, "target");
            schedules = List.copyOf(schedules);
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            Objects.requireNonNull(groupName, "groupName");
        }
    }

    /**
     * Scheduler retries delivery (throttling, an unavailable function) for at most this long: a start that arrives
     * later than an hour has missed the working day it was meant for, and is better left in the dead-letter queue.
     * The live alias's asynchronous retries use the same bound, for the same reason.
     */
    static final Duration MAX_EVENT_AGE = Duration.hours(1);
    static final int RETRY_ATTEMPTS = 3;

    /** EventBridge Scheduler's limit for a schedule's description. */
    static final int MAX_DESCRIPTION = 512;

    public ModelSchedules(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.schedules().isEmpty()) {
            return;
        }
        ScheduleGroup group = ScheduleGroup.Builder.create(this, "Group")
                .scheduleGroupName(props.groupName())
                .build();
        for (ScheduleConfig schedule : props.schedules()) {
            Schedule.Builder.create(this, schedule.name())
                    .scheduleName(schedule.name())
                    .scheduleGroup(group)
                    .description(describe(schedule))
                    .schedule(ScheduleExpression.cron(cronOptions(schedule)))
                    .target(new LambdaInvoke(props.target(), ScheduleTargetBaseProps.builder()
                            .input(ScheduleTargetInput.fromText(schedule.command().scheduleInput(schedule.name())))
                            .retryAttempts(RETRY_ATTEMPTS)
                            .maxEventAge(MAX_EVENT_AGE)
                            .deadLetterQueue(props.deadLetterQueue())
                            .build()))
                    // A model takes 10 to 30 minutes to start: the time asked for is already the latest useful one.
                    .timeWindow(TimeWindow.off())
                    .build();
        }
    }

    private static CronOptionsWithTimezone cronOptions(ScheduleConfig schedule) {
        String[] fields = schedule.cronFields();
        CronOptionsWithTimezone.Builder options = CronOptionsWithTimezone.builder()
                .minute(fields[0])
                .hour(fields[1])
                .month(fields[3])
                .year(fields[5])
                .timeZone(TimeZone.of(schedule.timezone()));
        // The CDK writes "?" for whichever day field is left out; the configuration has exactly one "?".
        if (fields[2].equals("?")) {
            options.weekDay(fields[4]);
        } else {
            options.day(fields[2]);
        }
        return options.build();
    }

    /** The configured description (checked at parse), or one generated within the limit however many models it names. */
    static String describe(ScheduleConfig schedule) {
        if (schedule.description() != null) {
            return schedule.description();
        }
        return schedule.command().describe(" at cron(" + schedule.cron() + ") " + schedule.timezone(),
                MAX_DESCRIPTION);
    }
}
