package io.github.customlabels.scheduler.verification;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.CheckScheduleName;
import io.github.customlabels.scheduler.contract.Metrics;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import io.github.customlabels.scheduler.control.CommandResult;
import io.github.customlabels.scheduler.control.FollowUp;
import io.github.customlabels.scheduler.control.InvalidCommandException;
import io.github.customlabels.scheduler.control.ModelResult;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.telemetry.LogSink;
import io.github.customlabels.scheduler.verification.CheckSchedules.ScheduleCallException;
import io.github.customlabels.scheduler.verification.StartNotifier.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Follows every accepted start up until the model is RUNNING, without keeping an invocation waiting: a one-time
 * EventBridge Scheduler schedule invokes the function again with a check ({@link VerificationRequest}); each check
 * asks Rekognition once and schedules the next while the model is STARTING, until it is RUNNING, in a state that
 * never becomes RUNNING, or the timeout passes. A stop deletes the model's pending check, a newer start overwrites it.
 * Verification never starts or stops a model.
 */
public final class StartVerifier {

    /** Scheduler fires a one-time schedule only if its time is ahead: no check is set sooner than this. */
    static final Duration MIN_LEAD = Duration.ofMinutes(1);

    /** States from which a model never becomes RUNNING without a new start: the start failed. */
    static final Set<String> NEVER_RUNNING = Set.of("FAILED", "TRAINING_IN_PROGRESS", "TRAINING_COMPLETED",
            "TRAINING_FAILED", "DELETING", "COPYING_IN_PROGRESS", "COPYING_COMPLETED", "COPYING_FAILED", "DEPRECATED",
            "EXPIRED");
    /** States a stop leads to: somebody stopped the model (a stop through this function deletes the check first). */
    static final Set<String> STOPPED = Set.of("STOPPING", "STOPPED");

    private final VerificationSettings settings;
    private final ModelCatalog catalog;
    private final RekognitionGateway rekognition;
    private final CheckSchedules schedules;
    private final Optional<StartNotifier> notifier;
    private final VerificationLog log;
    private final Clock clock;

    public StartVerifier(VerificationSettings settings, ModelCatalog catalog, RekognitionGateway rekognition,
                         CheckSchedules schedules, Optional<StartNotifier> notifier, VerificationLog log, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.rekognition = rekognition;
        this.schedules = schedules;
        this.notifier = notifier;
        this.log = log;
        this.clock = clock;
    }

    /**
     * As deployed, when the environment configures verification ({@link VerificationSettings#fromEnvironment}): the
     * SDK's Scheduler client with its defaults (credentials, the function's region, endpoints such as
     * {@code AWS_ENDPOINT_URL_SCHEDULER}), over url-connection-client, each built on first use and kept.
     */
    public static Optional<StartVerifier> fromEnvironment(Map<String, String> env, ModelCatalog catalog,
                                                          RekognitionGateway rekognition, LogSink log,
                                                          AwsCredentialsProvider credentials) {
        return VerificationSettings.fromEnvironment(env).map(settings -> {
            CheckSchedules schedules = new CheckSchedules(VerificationClients.scheduler(credentials, builder -> { }),
                    settings);
            return new StartVerifier(settings, catalog, rekognition, schedules,
                    settings.topicArn().map(topic -> new StartNotifier(schedules, topic)), new VerificationLog(log),
                    Clock.systemUTC());
        });
    }

    /** The same verifier, logging elsewhere. */
    public StartVerifier withLog(LogSink sink) {
        return new StartVerifier(settings, catalog, rekognition, schedules, notifier, new VerificationLog(sink), clock);
    }

    /**
     * After a command ran: each accepted start gets its first check, a start that found the model STARTING makes sure
     * one is pending, each stop deletes the model's pending check. Dry runs, refusals and failures change nothing.
     *
     * @param invokedFunctionArn the ARN the function was invoked by (its alias, or another qualifier): the checks invoke
     *                           the same function through the configured alias
     */
    public CommandResult followUp(CommandResult result, String invokedFunctionArn, String requestId,
                                  Deadline deadline) {
        if (result.dryRun()) {
            return result;
        }
        List<ModelResult> results = new ArrayList<>(result.results().size());
        for (ModelResult r : result.results()) {
            FollowUp followUp = r instanceof ModelResult.Done done
                    ? followUp(done, invokedFunctionArn, requestId, deadline) : null;
            results.add(followUp == null ? r : ((ModelResult.Done) r).withVerification(followUp));
        }
        return new CommandResult(result.action(), result.dryRun(), results, result.elapsedMillis());
    }

    private FollowUp followUp(ModelResult.Done done, String invokedFunctionArn, String requestId, Deadline deadline) {
        Optional<ModelConfig> model = catalog.byName(done.model());
        if (model.isEmpty()) {
            return null;
        }
        if (done.action() == Action.START && done.outcome() == Outcome.STARTED) {
            return firstCheck(model.get(), invokedFunctionArn, true, requestId, deadline);
        }
        if (done.action() == Action.START && done.outcome() == Outcome.ALREADY_RUNNING
                && "STARTING".equals(done.state().status())) {
            return firstCheck(model.get(), invokedFunctionArn, false, requestId, deadline);
        }
        if (done.action() == Action.STOP) {
            return cancel(model.get(), requestId, deadline);
        }
        return null;
    }

    /**
     * Schedules a start's first check in slot 1 and clears slot 2. {@code overwrite}: an accepted start replaces any
     * pending check (a newer start supersedes); a start that found the model STARTING keeps a pending one as it is.
     */
    private FollowUp firstCheck(ModelConfig model, String invokedFunctionArn, boolean overwrite, String requestId,
                                Deadline deadline) {
        Instant now = clock.instant();
        VerificationRequest check = VerificationRequest.first(model.name(), model.projectVersionArn().value(), now,
                settings.timeout());
        String first = CheckScheduleName.of(model.name(), CheckScheduleName.FIRST_SLOT);
        String second = CheckScheduleName.of(model.name(), CheckScheduleName.SECOND_SLOT);
        Instant at = now.plus(settings.firstCheckAfter());
        try {
            String target = target(invokedFunctionArn);
            if (!overwrite && (schedules.exists(first, deadline) || schedules.exists(second, deadline))) {
                log.note("INFO", "start verification kept", check, now, Map.of("note",
                        "the model was already STARTING and a check of its earlier start is pending"), requestId);
                return new FollowUp.AlreadyPending(first);
            }
            boolean created = schedules.create(first, at, check, target, deadline);
            if (!created && overwrite && !schedules.update(first, at, check, target, deadline)) {
                // The pending check fired and Scheduler deleted it between the two calls: the name is free again.
                created = schedules.create(first, at, check, target, deadline);
            }
            if (!created && !overwrite) {
                return new FollowUp.AlreadyPending(first);
            }
            if (overwrite) {
                // An earlier start's even-numbered check would otherwise run on beside this start's checks.
                schedules.delete(second, deadline);
            }
            log.note("INFO", "start verification scheduled", check, now,
                    Map.of("schedule", first, "firstCheckAt", at.toString()), requestId);
            return new FollowUp.Scheduled(first, at, check.deadline());
        } catch (ScheduleCallException | IllegalArgumentException e) {
            String reason = "the check could not be scheduled: " + e.getMessage();
            notVerified(check, now, "NOT_FOLLOWED_UP", "STARTING", null, reason, requestId, deadline);
            return new FollowUp.NotScheduled(first, reason);
        }
    }

    /** A stop ends the model's checks, whichever slot holds the pending one. */
    private FollowUp cancel(ModelConfig model, String requestId, Deadline deadline) {
        String first = CheckScheduleName.of(model.name(), CheckScheduleName.FIRST_SLOT);
        String second = CheckScheduleName.of(model.name(), CheckScheduleName.SECOND_SLOT);
        try {
            boolean wasPending = schedules.delete(first, deadline);
            wasPending |= schedules.delete(second, deadline);
            if (wasPending) {
                log.note("INFO", "start verification cancelled", model.name(), clock.instant(),
                        Map.of("note", "the model was stopped"), requestId);
            }
            return new FollowUp.Cancelled(first, wasPending);
        } catch (ScheduleCallException e) {
            log.note("WARN", "start verification not cancelled", model.name(), clock.instant(), Map.of("note",
                    "the pending check stays; it will find the model stopped and end without alarm: "
                            + e.getMessage()), requestId);
            return new FollowUp.NotCancelled(first, e.getMessage());
        }
    }

    /**
     * One check: refused (nothing sent) unless it names a configured model by its configured version; then one
     * DescribeProjectVersions and at most one Scheduler call.
     */
    public CheckOutcome check(VerificationRequest check, String invokedFunctionArn, String requestId,
                              Deadline deadline) {
        ModelConfig model = catalog.byName(check.model()).orElseThrow(() -> new InvalidCommandException(
                InvalidCommandException.Reason.UNKNOWN_MODEL, List.of("verification.model \"" + check.model()
                + "\" is not a configured model; its checks end here (was it removed from the configuration?)")));
        if (!model.projectVersionArn().value().equals(check.projectVersionArn())) {
            throw new InvalidCommandException(List.of("verification.projectVersionArn is not the configured version"
                    + " of model " + check.model() + " (" + model.projectVersionArn().value() + "); a check of"
                    + " another version ends here"));
        }
        Instant now = clock.instant();
        ModelState state = null;
        RekognitionCallException error = null;
        try {
            state = rekognition.describe(model.projectVersionArn(), model.projectArn(), deadline);
        } catch (RekognitionCallException e) {
            error = e;
        }
        String status = state == null ? null : state.status();
        String message = state == null ? null : state.statusMessage();
        if ("RUNNING".equals(status)) {
            double minutes = Math.round(Duration.between(check.startedAt(), now).toMillis() / 6_000.0) / 10.0;
            log.verified(check, now, minutes, requestId);
            return new CheckOutcome.Verified(check.model(), minutes);
        }
        if (status != null && NEVER_RUNNING.contains(status)) {
            return notVerified(check, now, "FAILED", status, message, "the model is " + status + " and will not"
                    + " become RUNNING without a new start", requestId, deadline);
        }
        if (error != null && error.kind() == RekognitionCallException.Kind.RESOURCE_NOT_FOUND) {
            return notVerified(check, now, "FAILED", "NOT_FOUND", error.getMessage(), "Rekognition no longer knows"
                    + " the model version", requestId, deadline);
        }
        if (status != null && STOPPED.contains(status)) {
            log.note("WARN", "start verification ended", check, now, Map.of("status", status, "note",
                    "the model was stopped before it was RUNNING"), requestId);
            return new CheckOutcome.Ended(check.model(), "the model is " + status);
        }
        // STARTING, a status this function does not know yet, or Rekognition did not answer: look again, in time.
        String seen = status != null ? status : "UNKNOWN";
        String seenMessage = status != null ? message : "Rekognition did not answer: " + error.getMessage();
        if (!now.isBefore(check.deadline())) {
            long minutes = Duration.between(check.startedAt(), check.deadline()).toMinutes();
            return notVerified(check, now, "TIMED_OUT", seen, seenMessage, "the model is not RUNNING " + minutes
                    + " minutes after its start", requestId, deadline);
        }
        return nextCheck(check, now, seen, seenMessage, invokedFunctionArn, requestId, deadline);
    }

    private CheckOutcome nextCheck(VerificationRequest check, Instant now, String status, String statusMessage,
                                   String invokedFunctionArn, String requestId, Deadline deadline) {
        VerificationRequest next = check.next();
        Instant at = now.plus(settings.checkEvery());
        if (at.isAfter(check.deadline())) {
            at = check.deadline();
        }
        if (at.isBefore(now.plus(MIN_LEAD))) {
            at = now.plus(MIN_LEAD);
        }
        String name = CheckScheduleName.of(next.model(), CheckScheduleName.slotOf(next.check()));
        try {
            if (!schedules.create(name, at, next, target(invokedFunctionArn), deadline)) {
                // The other slot is taken only by a newer start's first check: that start's checks carry on.
                log.note("INFO", "start verification superseded", check, now, Map.of("schedule", name, "note",
                        "a newer start of the model is being verified"), requestId);
                return new CheckOutcome.Ended(check.model(), "a newer start is being verified");
            }
        } catch (ScheduleCallException | IllegalArgumentException e) {
            return notVerified(check, now, "NOT_FOLLOWED_UP", status, statusMessage, "the next check could not be"
                    + " scheduled: " + e.getMessage(), requestId, deadline);
        }
        log.note("INFO", "start verification continues", check, now, Map.of("status", status, "schedule", name,
                "nextCheckAt", at.toString(), "nextCheck", next.check()), requestId);
        return new CheckOutcome.NextCheck(check.model(), status, next.check(), name, at);
    }

    private CheckOutcome.NotVerified notVerified(VerificationRequest check, Instant now, String reason, String status,
                                                 String statusMessage, String detail, String requestId,
                                                 Deadline deadline) {
        log.notVerified(check, now, reason, status, statusMessage, detail, requestId);
        notifier.ifPresent(n -> {
            String failure = n.publish(check.model(), notification(check, now, reason, status, statusMessage, detail),
                    now, deadline);
            if (failure != null) {
                log.note("ERROR", "start verification notification failed", check, now,
                        Map.of("note", "the alarm still fires; the notification could not be published: " + failure),
                        requestId);
            }
        });
        return new CheckOutcome.NotVerified(check.model(), reason, status, statusMessage);
    }

    static Notification notification(VerificationRequest check, Instant now, String reason, String status,
                                     String statusMessage, String detail) {
        String what = switch (reason) {
            case "FAILED" -> "did not start: " + status;
            case "TIMED_OUT" -> "is not RUNNING in time: " + status;
            default -> "was started but is not being verified";
        };
        String subject = "Custom Labels model " + check.model() + " " + what;
        String body = "Model: " + check.model() + "\n"
                + "Model version: " + check.projectVersionArn() + "\n"
                + "State: " + status + "\n"
                + "Status message: " + (statusMessage == null || statusMessage.isBlank() ? "(none)" : statusMessage) + "\n"
                + "What happened: " + detail + "\n"
                + "Started: " + check.startedAt() + "\n"
                + "Deadline: " + check.deadline() + "\n"
                + "Checked: " + now + "\n"
                + "Reason: " + reason + "\n\n"
                + "The function's log has the line \"" + Metrics.MESSAGE_NOT_VERIFIED + "\" for this model."
                + " Start the model again once the cause is fixed; the next start is verified anew.";
        return new Notification(subject, body);
    }

    /**
     * The function's ARN as the checks invoke it: the invoked ARN with the configured alias as its qualifier, so a
     * check runs on the published version (SnapStart) whatever qualifier the start came through.
     */
    String target(String invokedFunctionArn) {
        if (invokedFunctionArn == null) {
            throw new IllegalArgumentException("the function's own ARN is unknown (no Lambda context)");
        }
        String[] parts = invokedFunctionArn.split(":");
        if (parts.length < 7 || !"lambda".equals(parts[2]) || !"function".equals(parts[5])) {
            throw new IllegalArgumentException("not a Lambda function ARN: " + invokedFunctionArn);
        }
        return String.join(":", List.of(parts).subList(0, 7)) + ":" + settings.targetAlias();
    }
}
