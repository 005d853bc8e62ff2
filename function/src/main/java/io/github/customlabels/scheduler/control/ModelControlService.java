package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.control.ModelResult.Done;
import io.github.customlabels.scheduler.control.ModelResult.Failed;
import io.github.customlabels.scheduler.control.ModelResult.Planned;
import io.github.customlabels.scheduler.control.ModelResult.Refused;
import io.github.customlabels.scheduler.rekognition.Acknowledgement;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.ProjectVersionArn;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import io.github.customlabels.scheduler.rekognition.RekognitionRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;

/**
 * The one place where model rules live: validate a command against the configured models, then start,
 * stop or describe each model, treating "already there" as success.
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

    private final ModelCatalog catalog;
    private final RekognitionGateway rekognition;
    private final CommandValidator validator;
    private final boolean dryRunOnly;
    private final Pause pause;
    private volatile ExecutorService pool;

    public ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition) {
        this(catalog, rekognition, d -> Thread.sleep(d.toMillis()));
    }

    ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition, Pause pause) {
        this(catalog, rekognition, false, pause);
    }

    private ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition, boolean dryRunOnly,
                                Pause pause) {
        this.catalog = catalog;
        this.rekognition = rekognition;
        this.validator = new CommandValidator(catalog);
        this.dryRunOnly = dryRunOnly;
        this.pause = pause;
    }

    /** The same service, treating every command as a dry run: nothing is ever sent (local tries). */
    public ModelControlService dryRunOnly() {
        return new ModelControlService(catalog, rekognition, true, pause);
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Checks a request against the configured models and ceilings; throws {@link InvalidCommandException}. */
    public Command validate(CommandRequest request) {
        Command command = validator.validate(request);
        return dryRunOnly && !command.dryRun() ? new Command(command.action(), command.targets(), true) : command;
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
            return plan(command.action(), target);
        }
        try {
            return switch (command.action()) {
                case START -> start(target, deadline);
                case STOP -> stop(target, deadline);
                case STATUS -> status(target, deadline);
            };
        } catch (RekognitionCallException e) {
            return new Failed(target.model().name(), command.action(), e);
        } catch (RuntimeException e) {
            // A fault of this function's own, not Rekognition's.
            return new Failed(target.model().name(), command.action(),
                    new RekognitionCallException(Kind.CLIENT_FAULT, "InternalError", null, String.valueOf(e)));
        }
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

    private ModelResult status(Command.Target target, Deadline deadline) {
        ModelConfig model = target.model();
        return new Done(model.name(), Action.STATUS, Outcome.REPORTED, describe(model, deadline), null, null);
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
    private static Planned plan(Action action, Command.Target target) {
        ModelConfig model = target.model();
        ProjectVersionArn arn = model.projectVersionArn();
        RekognitionRequest request = switch (action) {
            case START -> RekognitionRequests.start(arn, target.minInferenceUnits(), target.maxInferenceUnits());
            case STOP -> RekognitionRequests.stop(arn);
            case STATUS -> model.projectArn().<RekognitionRequest>map(p -> RekognitionRequests.describeVersion(p, arn))
                    .orElseGet(() -> RekognitionRequests.findProject(arn));
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
