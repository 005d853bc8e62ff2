package io.github.customlabels.scheduler.verification;

import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.rekognition.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * The checks' one-time schedules in EventBridge Scheduler, through the SDK's generated {@link SchedulerClient}: one
 * schedule per model in this deployment's group, firing once at a UTC time, deleted by Scheduler once it has fired.
 * Failures come back as {@link ScheduleCallException}; a name that is taken or gone is an answer, not a failure.
 */
public class CheckSchedules {

    /** Scheduler retries a delivery that failed (the function throttled) this often, then dead-letters it. */
    static final int DELIVERY_RETRIES = 3;
    /** A check delivered later than this is stale: the next start (or the dead-letter alarm) takes over. */
    static final Duration MAX_EVENT_AGE = Duration.ofHours(1);
    /** One Scheduler call's bound, every retry included; the function's deadline bounds it further. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Kept back from the deadline so the function can still answer after a call. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);

    /** Scheduler's one-time expression, {@code at(yyyy-mm-ddThh:mm:ss)}, read in the schedule's time zone (UTC). */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("'at('yyyy-MM-dd'T'HH:mm:ss')'")
            .withZone(ZoneOffset.UTC);

    private final Supplier<SchedulerClient> client;
    private final VerificationSettings settings;

    /** @param client built on first use and kept: most invocations schedule nothing */
    public CheckSchedules(Supplier<SchedulerClient> client, VerificationSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The expression for a time, to the second (Scheduler has no finer grain). */
    static String at(Instant time) {
        return AT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Creates the check; false when the name is taken (a check of this model is pending already). */
    public boolean create(String name, Instant at, VerificationRequest input, String targetArn, Deadline deadline) {
        return create(name, at, description(input), targetArn, input.toJson(), deadline);
    }

    /**
     * A one-time schedule of this deployment's group with any target the scheduler role may invoke; a pending one of
     * that name is replaced.
     */
    public void oneTime(String name, Instant at, String description, String targetArn, String input,
                        Deadline deadline) {
        if (!create(name, at, description, targetArn, input, deadline)) {
            update(name, at, description, targetArn, input, deadline);
        }
    }

    private boolean create(String name, Instant at, String description, String targetArn, String input,
                           Deadline deadline) {
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .groupName(settings.scheduleGroup())
                .name(name)
                .description(description)
                .scheduleExpression(at(at))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(OFF)
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(target(input, targetArn))
                .overrideConfiguration(o -> bound(o, deadline))
                .build();
        try {
            call(() -> client.get().createSchedule(request));
            return true;
        } catch (ScheduleCallException e) {
            if (e.getCause() instanceof ConflictException) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the check of that name; false when there is none (it fired and Scheduler deleted it). */
    public boolean update(String name, Instant at, VerificationRequest input, String targetArn, Deadline deadline) {
        return update(name, at, description(input), targetArn, input.toJson(), deadline);
    }

    private boolean update(String name, Instant at, String description, String targetArn, String input,
                           Deadline deadline) {
        UpdateScheduleRequest request = UpdateScheduleRequest.builder()
                .groupName(settings.scheduleGroup())
                .name(name)
                .description(description)
                .scheduleExpression(at(at))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(OFF)
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(target(input, targetArn))
                .overrideConfiguration(o -> bound(o, deadline))
                .build();
        return unlessMissing(() -> client.get().updateSchedule(request));
    }

    /** True when a check of that name is pending. */
    public boolean exists(String name, Deadline deadline) {
        GetScheduleRequest request = GetScheduleRequest.builder()
                .groupName(settings.scheduleGroup())
                .name(name)
                .overrideConfiguration(o -> bound(o, deadline))
                .build();
        return unlessMissing(() -> client.get().getSchedule(request));
    }

    /** Deletes the check of that name; false when there was none. */
    public boolean delete(String name, Deadline deadline) {
        DeleteScheduleRequest request = DeleteScheduleRequest.builder()
                .groupName(settings.scheduleGroup())
                .name(name)
                .overrideConfiguration(o -> bound(o, deadline))
                .build();
        return unlessMissing(() -> client.get().deleteSchedule(request));
    }

    /** Runs the call: true when it succeeded, false when Scheduler has no such schedule. */
    private static boolean unlessMissing(Supplier<?> operation) {
        try {
            call(operation);
            return true;
        } catch (ScheduleCallException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private static final FlexibleTimeWindow OFF = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();

    private Target target(String input, String targetArn) {
        Target.Builder target = Target.builder()
                .arn(targetArn)
                .roleArn(settings.schedulerRoleArn())
                .input(input)
                .retryPolicy(RetryPolicy.builder()
                        .maximumRetryAttempts(DELIVERY_RETRIES)
                        .maximumEventAgeInSeconds((int) MAX_EVENT_AGE.toSeconds())
                        .build());
        if (settings.deadLetterArn() != null) {
            target.deadLetterConfig(DeadLetterConfig.builder().arn(settings.deadLetterArn()).build());
        }
        return target.build();
    }

    private static String description(VerificationRequest input) {
        return "Checks that model " + input.model() + ", started " + input.startedAt() + ", is RUNNING by "
                + input.deadline() + " (check " + input.check() + ")";
    }

    private static void bound(AwsRequestOverrideConfiguration.Builder o, Deadline deadline) {
        Duration left = deadline.remaining().minus(ANSWER_MARGIN);
        if (left.isNegative() || left.isZero()) {
            left = Duration.ofMillis(1);
        }
        o.apiCallTimeout(left.compareTo(CALL_TIMEOUT) < 0 ? left : CALL_TIMEOUT);
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new ScheduleCallException(e);
        }
    }

    /** A Scheduler call that failed: its error code (or the client-side failure) and message. */
    public static final class ScheduleCallException extends RuntimeException {
        ScheduleCallException(SdkException cause) {
            super(describe(cause), cause, false, false);
        }

        private static String describe(SdkException e) {
            if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
                return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
            }
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
