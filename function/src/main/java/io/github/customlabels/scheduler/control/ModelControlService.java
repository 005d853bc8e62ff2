package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.ConfiguredSchedule;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.control.ModelResult.Done;
import io.github.customlabels.scheduler.control.ModelResult.Failed;
import io.github.customlabels.scheduler.control.ModelResult.Overridden;
import io.github.customlabels.scheduler.control.ModelResult.Planned;
import io.github.customlabels.scheduler.control.ModelResult.Refused;
import io.github.customlabels.scheduler.control.ModelResult.Reported;
import io.github.customlabels.scheduler.control.ModelResult.Skipped;
import io.github.customlabels.scheduler.rekognition.Acknowledgement;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.rekognition.RekognitionRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;

/**
 * The one place where model rules live: validate a command against the configured models, then start,
 * stop or describe each model, treating "already there" as success; and keep people's overrides, which the starts
 * and stops of schedules and idle stops obey.
 */
public final class ModelControlService {

    /** Several models run side by side, but never more at once than this, to stay clear of throttling. */
    static final int MAX_PARALLEL_MODELS = 4;

    /** How often a start that meets a model just done stopping is tried again. */
    static final int START_RETRIES_AFTER_A_STOP = 3;
    /** The wait before each such try: Rekognition frees a stopped model within seconds. */
    static final Duration START_RETRY_WAIT = Duration.ofSeconds(1);
    /** What must be left after a wait for one more try to be worth it. */
    static final Duration TIME_FOR_A_START_AND_A_LOOKUP = Duration.ofSeconds(2);

    /** Waits between tries; tests pass one that does not sleep. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** What the service is built from beside Rekognition: the models, the schedules, the override bound, the clock. */
    public record Settings(ModelCatalog catalog, List<ConfiguredSchedule> schedules, Duration maxOverride,
                           Clock clock) {
        public Settings {
            schedules = List.copyOf(schedules);
        }

        /** Just these models: no schedules, the default override bound, the system clock. */
        public static Settings of(ModelCatalog catalog) {
            return new Settings(catalog, List.of(), Duration.ofDays(SchedulerConfig.DEFAULT_MAX_OVERRIDE_DAYS),
                    Clock.systemUTC());
        }
    }

    private final Settings settings;
    private final ModelCatalog catalog;
    private final RekognitionGateway rekognition;
    private final CommandValidator validator;
    private final NextActions nextActions;
    private final Clock clock;
    private final boolean dryRunOnly;
    private final Pause pause;
    private volatile ExecutorService pool;

    public ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition) {
        this(Settings.of(catalog), rekognition);
    }

    public ModelControlService(Settings settings, RekognitionGateway rekognition) {
        this(settings, rekognition, d -> Thread.sleep(d.toMillis()));
    }

    ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition, Pause pause) {
        this(Settings.of(catalog), rekognition, pause);
    }

    ModelControlService(Settings settings, RekognitionGateway rekognition, Pause pause) {
        this(settings, rekognition, false, pause);
    }

    private ModelControlService(Settings settings, RekognitionGateway rekognition, boolean dryRunOnly, Pause pause) {
        this.settings = settings;
        this.catalog = settings.catalog();
        this.rekognition = rekognition;
        this.clock = settings.clock();
        this.validator = new CommandValidator(catalog, clock, settings.maxOverride());
        this.nextActions = new NextActions(settings.schedules());
        this.dryRunOnly = dryRunOnly;
        this.pause = pause;
    }

    /** The same service, treating every command as a dry run: nothing is ever sent (local tries). */
    public ModelControlService dryRunOnly() {
        return new ModelControlService(settings, rekognition, true, pause);
    }

    /** The same service on another clock. */
    public ModelControlService withClock(Clock clock) {
        Settings changed = new Settings(catalog, settings.schedules(), settings.maxOverride(), clock);
        return new ModelControlService(changed, rekognition, dryRunOnly, pause);
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Checks a request against the configured models and ceilings; throws {@link InvalidCommandException}. */
    public Command validate(CommandRequest request) {
        Command command = validator.validate(request);
        return dryRunOnly && !command.dryRun() ? command.asDryRun() : command;
    }

    /** Runs a validated command; one model's failure never stops the others. */
    public CommandResult execute(Command command, Deadline deadline) {
        List<Command.Target> targets = command.targets();
        List<Timed> timed = new ArrayList<>(targets.size());
        if (targets.size() == 1) {
            timed.add(timed(command, targets.get(0), deadline));
        } else {
            List<CompletableFuture<Timed>> running = targets.stream()
                    .map(t -> CompletableFuture.supplyAsync(() -> timed(command, t, deadline), pool()))
                    .toList();
            running.forEach(f -> timed.add(f.join()));
        }
        return new CommandResult(command.action(), command.dryRun(),
                timed.stream().map(Timed::result).toList(), timed.stream().map(Timed::millis).toList());
    }

    private record Timed(ModelResult result, long millis) {
    }

    private Timed timed(Command command, Command.Target target, Deadline deadline) {
        long started = System.nanoTime();
        ModelResult result = run(command, target, deadline);
        return new Timed(result, (System.nanoTime() - started) / 1_000_000);
    }

    private ModelResult run(Command command, Command.Target target, Deadline deadline) {
        if (command.dryRun()) {
            return plan(command.action(), target, command.override());
        }
        try {
            return switch (command.action()) {
                case START, STOP -> act(command, target, deadline);
                case STATUS -> status(target, deadline);
                case OVERRIDE -> setOverride(target.model(), command.override(), deadline);
                case CANCEL_OVERRIDE -> cancelOverride(target.model(), deadline);
                case LIST_OVERRIDES -> new Overridden(target.model().name(), Action.LIST_OVERRIDES, Outcome.REPORTED,
                        override(target.model(), deadline));
            };
        } catch (RekognitionCallException e) {
            return new Failed(target.model().name(), command.action(), e);
        } catch (RuntimeException e) {
            // A fault of this function's own, not Rekognition's.
            return new Failed(target.model().name(), command.action(),
                    new RekognitionCallException(Kind.CLIENT_FAULT, "InternalError", null, String.valueOf(e)));
        }
    }

    /**
     * A start or a stop. A schedule's or an idle stop's first reads the model's override (one ListTagsForResource)
     * and skips the model while it is in force; if the override cannot be read, the action fails, so that retries,
     * the dead-letter queue and the alarms apply, rather than act against a person's wish. A person's start or stop
     * always happens; after a person's stop the override is read, so the answer can say one was in force.
     */
    private ModelResult act(Command command, Command.Target target, Deadline deadline) {
        Action action = command.action();
        ModelConfig model = target.model();
        if (command.origin().followsOverrides()) {
            Instant until = governingEnd(action, override(model, deadline));
            if (until != null) {
                return new Skipped(model.name(), action, until, command.origin());
            }
            return action == Action.START ? start(target, deadline) : stop(target, deadline);
        }
        if (action == Action.START) {
            return start(target, deadline);
        }
        ModelResult result = stop(target, deadline);
        if (!(result instanceof Done done)) {
            return result;
        }
        Instant until;
        try {
            until = override(model, deadline).keepRunningUntil();
        } catch (RekognitionCallException e) {
            return result; // the stop happened; the override was only to be reported
        }
        if (until == null) {
            return result;
        }
        String remark = "an override (keepRunningUntil " + until + ") is in force: it governs schedules and idle"
                + " stops, not people, so the model was stopped anyway; cancel the override if it no longer applies";
        return new Done(done.model(), done.action(), done.outcome(), done.state(),
                done.note() == null ? remark : done.note() + "; " + remark, done.rekognitionRequestId());
    }

    /** The end of the override that governs this action, or null when none is in force. */
    private static Instant governingEnd(Action action, ModelOverride override) {
        return action == Action.START ? override.skipStartsUntil() : override.keepRunningUntil();
    }

    /** The model's override in force now, read from its tags. */
    private ModelOverride override(ModelConfig model, Deadline deadline) {
        return ModelOverride.fromTags(rekognition.tags(model.projectVersionArn(), deadline)).inForceAt(clock.instant());
    }

    /** Tags the ends given and removes the other's tag: an override replaces the previous one whole. */
    private ModelResult setOverride(ModelConfig model, ModelOverride override, Deadline deadline) {
        rekognition.tag(model.projectVersionArn(), override.toTags(), deadline);
        if (!override.absentTags().isEmpty()) {
            rekognition.untag(model.projectVersionArn(), override.absentTags(), deadline);
        }
        return new Overridden(model.name(), Action.OVERRIDE, Outcome.OVERRIDE_SET, override);
    }

    private ModelResult cancelOverride(ModelConfig model, Deadline deadline) {
        rekognition.untag(model.projectVersionArn(), ModelOverride.TAGS, deadline);
        return new Overridden(model.name(), Action.CANCEL_OVERRIDE, Outcome.OVERRIDE_CANCELLED, ModelOverride.NONE);
    }

    private ModelResult start(Command.Target target, Deadline deadline) {
        ModelConfig model = target.model();
        for (int attempt = 1; ; attempt++) {
            try {
                Acknowledgement ack = rekognition.start(model.projectVersionArn(), target.minInferenceUnits(),
                        target.maxInferenceUnits(), deadline);
                return new Done(model.name(), Action.START, Outcome.STARTED,
                        new ModelState(ack.status(), null, target.minInferenceUnits(), target.maxInferenceUnits()),
                        null, ack.requestId());
            } catch (RekognitionCallException e) {
                if (e.kind() != Kind.RESOURCE_IN_USE) {
                    throw e;
                }
            }
            // Rekognition says the version is busy: ask what it is doing before calling this a failure.
            ModelState state = describe(model, deadline);
            if (state.isStartingOrRunning()) {
                return new Done(model.name(), Action.START, Outcome.ALREADY_RUNNING, state, unitsNote(target, state),
                        null);
            }
            // A model that has just finished stopping stays "in use" for a moment: a start shortly after goes through.
            if (state.isStoppingOrStopped() && attempt <= START_RETRIES_AFTER_A_STOP && waitFits(deadline)
                    && paused()) {
                continue;
            }
            return new Refused(model.name(), Action.START, state, startRefusal(state));
        }
    }

    private static String startRefusal(ModelState state) {
        return switch (state.status() == null ? "" : state.status()) {
            case "STOPPING" -> "model is STOPPING and cannot be started now; start it again once it is STOPPED";
            case "STOPPED" -> "model is STOPPED but Rekognition still reports it in use after "
                    + (START_RETRIES_AFTER_A_STOP + 1) + " tries; start it again in a minute";
            default -> "model is " + state.status() + " and cannot be started now";
        };
    }

    /** Another start is worth its wait only if a start and a status lookup still fit after it. */
    private static boolean waitFits(Deadline deadline) {
        return deadline.remaining().compareTo(START_RETRY_WAIT.plus(TIME_FOR_A_START_AND_A_LOOKUP)) > 0;
    }

    private boolean paused() {
        try {
            pause.pause(START_RETRY_WAIT);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A stop is about the bill. Rekognition refuses to stop a model that is not running (ResourceInUse, or
     * InvalidParameter for some states); the model's state then says whether that is success: stopping or stopped
     * already, or in any state that bills nothing, the stop had nothing to do. Training cannot be stopped, and a
     * STARTING model cannot be stopped until it is RUNNING: both are refused with the state.
     */
    private ModelResult stop(Command.Target target, Deadline deadline) {
        ModelConfig model = target.model();
        RekognitionCallException refusal;
        try {
            Acknowledgement ack = rekognition.stop(model.projectVersionArn(), deadline);
            return new Done(model.name(), Action.STOP, Outcome.STOPPED, new ModelState(ack.status(), null, null, null),
                    null, ack.requestId());
        } catch (RekognitionCallException e) {
            if (e.kind() != Kind.RESOURCE_IN_USE && e.kind() != Kind.INVALID_PARAMETER) {
                throw e;
            }
            refusal = e;
        }
        ModelState state = describe(model, deadline);
        if (state.isStoppingOrStopped()) {
            return new Done(model.name(), Action.STOP, Outcome.ALREADY_STOPPED, state, null, null);
        }
        if (state.isNotRunning()) {
            return new Done(model.name(), Action.STOP, Outcome.NOT_RUNNING, state,
                    "model is " + state.status() + ": it is not running, so there is nothing to stop", null);
        }
        if (state.isTraining()) {
            return new Refused(model.name(), Action.STOP, state,
                    "model is TRAINING_IN_PROGRESS: a model that is training cannot be stopped");
        }
        if ("STARTING".equals(state.status())) {
            return new Refused(model.name(), Action.STOP, state, "model is STARTING: Rekognition cannot stop a model"
                    + " until it is RUNNING; stop it again then");
        }
        // Running, yet the stop was refused: that is Rekognition's answer to report, not a state to explain.
        throw refusal;
    }

    /** The model's state, its override in force and the schedules' next start and stop. */
    private ModelResult status(Command.Target target, Deadline deadline) {
        ModelConfig model = target.model();
        ModelState state = describe(model, deadline);
        ModelOverride override;
        String note = null;
        try {
            override = override(model, deadline);
        } catch (RekognitionCallException e) {
            override = null;
            note = "the model's override could not be read (" + e.errorCode() + "); the next actions do not show it";
        }
        List<NextAction> next = nextActions.of(model.name(), clock.instant(),
                override == null ? ModelOverride.NONE : override);
        return new Reported(model.name(), state, override, next, note);
    }

    private ModelState describe(ModelConfig model, Deadline deadline) {
        return rekognition.describe(model.projectVersionArn(), model.projectArn(), deadline);
    }

    /** Says so when the running units differ from those asked: Rekognition cannot change them without a restart. */
    private static String unitsNote(Command.Target target, ModelState state) {
        if (state.minInferenceUnits() == null) {
            return null;
        }
        long runningMax = state.maxInferenceUnits() == null ? state.minInferenceUnits() : state.maxInferenceUnits();
        long askedMax = target.maxInferenceUnits() == null ? target.minInferenceUnits() : target.maxInferenceUnits();
        if (state.minInferenceUnits().equals(target.minInferenceUnits()) && runningMax == askedMax) {
            return null;
        }
        return "running with " + state.minInferenceUnits() + ".." + runningMax + " inference units, not the "
                + target.minInferenceUnits() + ".." + askedMax + " asked; stop and start the model to change them";
    }

    /** The request the action would send first, built as the real call builds it. */
    private static Planned plan(Action action, Command.Target target, ModelOverride override) {
        ModelConfig model = target.model();
        ProjectVersionArn arn = model.projectVersionArn();
        RekognitionRequest request = switch (action) {
            case START -> RekognitionRequests.start(arn, target.minInferenceUnits(), target.maxInferenceUnits());
            case STOP -> RekognitionRequests.stop(arn);
            case STATUS -> model.projectArn().<RekognitionRequest>map(p -> RekognitionRequests.describeVersion(p, arn))
                    .orElseGet(() -> RekognitionRequests.findProject(arn));
            case OVERRIDE -> RekognitionRequests.tag(arn, override.toTags());
            case CANCEL_OVERRIDE -> RekognitionRequests.untag(arn, ModelOverride.TAGS);
            case LIST_OVERRIDES -> RekognitionRequests.listTags(arn);
        };
        return new Planned(model.name(), action, arn.region(), request);
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(MAX_PARALLEL_MODELS, r -> {
                        Thread t = new Thread(r, "model-action");
                        t.setDaemon(true);
                        return t;
                    });
                }
                p = pool;
            }
        }
        return p;
    }
}
