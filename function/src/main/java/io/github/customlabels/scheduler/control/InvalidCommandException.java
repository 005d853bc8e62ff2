package io.github.customlabels.scheduler.control;

import java.util.List;

/** A command that cannot be run, with every problem found in it. Nothing was sent to Rekognition. */
public final class InvalidCommandException extends RuntimeException {

    /** Why the command was refused, which decides the answer's status. */
    public enum Reason {
        /** The command is malformed or breaks a rule (HTTP 400). */
        INVALID,
        /** The command names a model this deployment does not have (HTTP 404). */
        UNKNOWN_MODEL
    }

    private final Reason reason;
    private final List<String> problems;

    public InvalidCommandException(Reason reason, List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public InvalidCommandException(List<String> problems) {
        this(Reason.INVALID, problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }
}
