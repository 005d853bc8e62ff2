package io.github.customlabels.scheduler.infra.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a command asks the function to do with its models. */
public enum Action {
    START, STOP, STATUS;

    /** The spelling used in commands and in cdk.json. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Action> parse(String value) {
        return Arrays.stream(values()).filter(action -> action.value().equals(value)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(Action::value).collect(Collectors.joining("|"));
    }
}
