package io.github.customlabels.scheduler.trigger;

/**
 * A command ran but at least one model's action did not happen. The message is the full JSON result,
 * so the failure destination or DLQ shows which model failed and why.
 */
public final class CommandFailedException extends RuntimeException {

    public CommandFailedException(String resultJson) {
        // No stack trace: this is an outcome to report, not a bug to debug.
        super(resultJson, null, false, false);
    }
}
