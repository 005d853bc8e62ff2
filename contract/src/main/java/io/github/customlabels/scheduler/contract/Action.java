package io.github.customlabels.scheduler.contract;

import java.util.Locale;
import java.util.Optional;

/** What a command asks for a model. */
public enum Action {
    START,
    STOP,
    STATUS,
    /** Set the model's override (keep running until, skip starts until). */
    OVERRIDE,
    /** Remove the model's override. */
    CANCEL_OVERRIDE,
    /** Read the model's override in force, and nothing else. */
    LIST_OVERRIDES;

    /** The action named in a command ({@code start}, {@code stop}, {@code status}, {@code cancel-override}...). */
    public static Optional<Action> parse(String name) {
        for (Action action : values()) {
            if (action.wireName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used in commands and answers, words joined by '-'. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the actions a schedule may send: start, stop and status. Overrides are set by people. */
    public boolean schedulable() {
        return this == START || this == STOP || this == STATUS;
    }
}
