package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.control.ModelResult.Done;
import io.github.customlabels.scheduler.control.ModelResult.Failed;
import io.github.customlabels.scheduler.control.ModelResult.Planned;
import io.github.customlabels.scheduler.control.ModelResult.Refused;
import io.github.customlabels.scheduler.rekognition.Acknowledgement;
import io.github.customlabels.scheduler.rekognition.Deadline;
import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException.Kind;
import io.github.customlabels.scheduler.rekognition.RekognitionGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one place where model rules live: validate a command against the configured models, then start,
 * stop or describe each model, treating "already there" as success.
 */
public final class ModelControlService {

    /** Several models run side by side, but never more at once than this, to stay clear of throttling. */
    static final int MAX_PARALLEL_MODELS = 4;

    private final ModelCatalog catalog;
    private final RekognitionGateway rekognition;
    private final CommandValidator validator;
    private final boolean dryRunOnly;
    private volatile ExecutorService pool;

    public ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition) {
        this(catalog, rekognition, false);
    }

    private ModelControlService(ModelCatalog catalog, RekognitionGateway rekognition, boolean dryRunOnly) {
        this.catalog = catalog;
        this.rekognition = rekognition;
        this.validator = new CommandValidator(catalog);
        this.dryRunOnly = dryRunOnly;
    }

    /** The same service, treating every command as a dry run: nothing is ever sent (local tries). */
    public ModelControlService dryRunOnly() {
        return new ModelControlService(catalog, rekognition, true);
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
            return new Failed(target.model().name(), command.action(),
                    new RekognitionCallException(Kind.SERVICE_ERROR, "InternalError", null, String.valueOf(e)));
        }
    }

    private ModelResult start(Command.Target target, Deadline deadline) {
        ModelConfig model = target.model();
        try {
            Acknowledgement ack = rekognition.start(model.projectVersionArn(), target.minInferenceUnits(),
                    target.maxInferenceUnits(), deadline);
            return new Done(model.name(), Action.START, Outcome.STARTED,
                    new ModelState(ack.status(), null, target.minInferenceUnits(), target.maxInferenceUnits()), null,
                    ack.requestId());
        } catch (RekognitionCallException e) {
            if (e.kind() != Kind.RESOURCE_IN_USE) {
                throw e;
            }
        }
        // Rekognition says the version is busy: ask what it is doing before calling this a failure.
        ModelState state = describe(model, deadline);
        if (state.isStartingOrRunning()) {
            return new Done(model.name(), Action.START, Outcome.ALREADY_RUNNING, state, unitsNote(target, state), null);
        }
        return new Refused(model.name(), Action.START, state,
                "model is " + state.status() + " and cannot be started now"
                        + ("STOPPING".equals(state.status()) ? "; start it again once it is STOPPED" : ""));
    }

    private ModelResult stop(Command.Target target, Deadline deadline) {
        ModelConfig model = target.model();
        try {
            Acknowledgement ack = rekognition.stop(model.projectVersionArn(), deadline);
            return new Done(model.name(), Action.STOP, Outcome.STOPPED, new ModelState(ack.status(), null, null, null),
                    null, ack.requestId());
        } catch (RekognitionCallException e) {
            if (e.kind() != Kind.RESOURCE_IN_USE) {
                throw e;
            }
        }
        ModelState state = describe(model, deadline);
        if (state.isStoppingOrStopped()) {
            return new Done(model.name(), Action.STOP, Outcome.ALREADY_STOPPED, state, null, null);
        }
        return new Refused(model.name(), Action.STOP, state,
                "model is " + state.status() + " and cannot be stopped now"
                        + ("STARTING".equals(state.status()) ? "; stop it again once it is RUNNING" : ""));
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

    private static Planned plan(Action action, Command.Target target) {
        ModelConfig model = target.model();
        Map<String, Object> request = new LinkedHashMap<>();
        String operation;
        switch (action) {
            case START -> {
                operation = "StartProjectVersion";
                request.put("ProjectVersionArn", model.projectVersionArn().value());
                request.put("MinInferenceUnits", target.minInferenceUnits());
                if (target.maxInferenceUnits() != null) {
                    request.put("MaxInferenceUnits", target.maxInferenceUnits());
                }
            }
            case STOP -> {
                operation = "StopProjectVersion";
                request.put("ProjectVersionArn", model.projectVersionArn().value());
            }
            default -> {
                operation = "DescribeProjectVersions";
                request.put("ProjectArn", model.projectArn().orElse("(found with DescribeProjects)"));
                request.put("VersionNames", List.of(model.projectVersionArn().versionName()));
            }
        }
        return new Planned(model.name(), action, operation, model.projectVersionArn().region(), request);
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
