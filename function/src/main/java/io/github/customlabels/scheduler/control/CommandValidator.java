package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.InferenceUnits;
import io.github.customlabels.scheduler.contract.ModelCatalog;
import io.github.customlabels.scheduler.contract.ModelConfig;
import io.github.customlabels.scheduler.control.InvalidCommandException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Applies this deployment's rules to a request: the model must be configured and stay within its ceiling. */
final class CommandValidator {

    private final ModelCatalog catalog;
    private final Clock clock;
    private final Duration maxOverride;

    CommandValidator(ModelCatalog catalog, Clock clock, Duration maxOverride) {
        this.catalog = catalog;
        this.clock = clock;
        this.maxOverride = maxOverride;
    }

    Command validate(CommandRequest request) {
        List<String> problems = new ArrayList<>();
        Action action = request.action() == null ? Action.START : request.action();
        if (action != Action.START) {
            if (request.minInferenceUnits() != null) {
                problems.add("minInferenceUnits applies only to start, not to " + action.wireName());
            }
            if (request.maxInferenceUnits() != null) {
                problems.add("maxInferenceUnits applies only to start, not to " + action.wireName());
            }
        }
        if (action == Action.OVERRIDE) {
            overrideProblems(request.override(), problems);
        }
        List<ModelConfig> models = resolveModels(request, problems);
        List<Command.Target> targets = new ArrayList<>();
        for (ModelConfig model : models) {
            targets.add(action == Action.START ? startTarget(model, request, problems)
                    : new Command.Target(model, null, null));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCommandException(problems);
        }
        return new Command(action, targets, request.dryRun(), request.override(), request.origin());
    }

    /** An override ends in the future, and no later than this deployment allows; every end is checked. */
    private void overrideProblems(ModelOverride override, List<String> problems) {
        if (override == null || override.isEmpty()) {
            problems.add("an override needs keepRunningUntil, skipStartsUntil or both: an ISO-8601 time with an"
                    + " offset, e.g. 2026-12-01T22:00:00+01:00");
            return;
        }
        Instant now = clock.instant();
        Instant latest = now.plus(maxOverride);
        endProblems("keepRunningUntil", override.keepRunningUntil(), now, latest, problems);
        endProblems("skipStartsUntil", override.skipStartsUntil(), now, latest, problems);
    }

    private void endProblems(String field, Instant end, Instant now, Instant latest, List<String> problems) {
        if (end == null) {
            return;
        }
        if (!end.isAfter(now)) {
            problems.add(field + " " + end + " is not in the future (it is now " + now.truncatedTo(ChronoUnit.SECONDS)
                    + "); give a later time");
        } else if (end.isAfter(latest)) {
            problems.add(field + " " + end + " is more than " + maxOverride.toDays() + " days ahead, the most this"
                    + " deployment allows (overrides.maxDays); give a time before "
                    + latest.truncatedTo(ChronoUnit.SECONDS) + " and renew the override then");
        }
    }

    private List<ModelConfig> resolveModels(CommandRequest request, List<String> problems) {
        boolean byArn = request.projectVersionArn() != null;
        if (byArn && !request.models().isEmpty()) {
            problems.add("name the model either by 'model'/'models' or by 'projectVersionArn', not both");
            return List.of();
        }
        if (byArn) {
            Optional<ModelConfig> model = catalog.byProjectVersionArn(request.projectVersionArn());
            if (model.isEmpty()) {
                // The ARN is well-formed (checked when the command was read) but not on the allow-list.
                throw new InvalidCommandException(Reason.UNKNOWN_MODEL, List.of(
                        "projectVersionArn " + request.projectVersionArn() + " is not a model configured in this deployment"));
            }
            return List.of(model.get());
        }
        if (request.models().isEmpty()) {
            problems.add("no model named: give 'model' (a configured model name), 'models' or 'projectVersionArn'");
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>(request.models());
        List<ModelConfig> models = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : unique) {
            catalog.byName(name).ifPresentOrElse(models::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            String configured = catalog.all().isEmpty() ? "none"
                    : String.join(", ", catalog.all().stream().map(ModelConfig::name).toList());
            List<String> messages = unknown.stream()
                    .map(n -> "model '" + n + "' is not configured in this deployment (configured: " + configured + ")")
                    .toList();
            if (problems.isEmpty() && unknown.size() == unique.size()) {
                throw new InvalidCommandException(Reason.UNKNOWN_MODEL, messages);
            }
            problems.addAll(messages);
        }
        return models;
    }

    private static Command.Target startTarget(ModelConfig model, CommandRequest request, List<String> problems) {
        long min = request.minInferenceUnits() != null ? request.minInferenceUnits() : model.minInferenceUnits();
        Long max = request.maxInferenceUnits();
        if (max == null && model.maxInferenceUnits() != null && model.maxInferenceUnits() >= min) {
            max = model.maxInferenceUnits();
        }
        String prefix = "model '" + model.name() + "': ";
        if (max != null && min > max) {
            problems.add(prefix + "minInferenceUnits (" + min + ") must not exceed maxInferenceUnits (" + max + ")");
        }
        if (min > model.inferenceUnitCeiling()) {
            problems.add(prefix + "minInferenceUnits " + min + " exceeds the ceiling of "
                    + model.inferenceUnitCeiling() + " inference units configured for this model");
        } else if (min > InferenceUnits.MAX) {
            problems.add(prefix + "minInferenceUnits " + min + " exceeds " + InferenceUnits.MAX);
        }
        if (max != null && max > model.inferenceUnitCeiling()) {
            problems.add(prefix + "maxInferenceUnits " + max + " exceeds the ceiling of "
                    + model.inferenceUnitCeiling() + " inference units configured for this model");
        } else if (max != null && max > InferenceUnits.MAX) {
            problems.add(prefix + "maxInferenceUnits " + max + " exceeds " + InferenceUnits.MAX);
        }
        return new Command.Target(model, min, max);
    }
}
