package io.github.customlabels.scheduler.control;

import java.util.Locale;
import java.util.Optional;

/** What a command asks for a model. */
public enum Action {
    START,
    STOP,
    STATUS;

    /** The action named in a command ({@code start}, {@code stop}, {@code status}). */
    public static Optional<Action> parse(String name) {
        for (Action action : values()) {
            if (action.wireName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used in commands and answers. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
