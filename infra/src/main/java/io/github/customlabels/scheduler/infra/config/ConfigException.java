package io.github.customlabels.scheduler.infra.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in the deployment configuration, reported at once so one synth shows them all. */
public final class ConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        return "Invalid configuration in cdk.json \"context\" (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "):"
                + problems.stream().map(problem -> "\n  - " + problem).collect(Collectors.joining());
    }
}
