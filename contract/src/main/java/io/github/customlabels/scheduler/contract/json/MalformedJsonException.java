package io.github.customlabels.scheduler.contract.json;

/** The payload could not be read as JSON. */
public final class MalformedJsonException extends RuntimeException {

    public MalformedJsonException(String message) {
        super(message, null, false, false);
    }
}
