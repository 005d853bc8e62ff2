package io.github.customlabels.scheduler.trigger;

/**
 * The function failed in a way it did not foresee (a bug, not bad input or Rekognition). The message names the request
 * id, under which the log holds the stack trace; the exception itself carries none, so the runtime reports no internals.
 */
public final class InternalErrorException extends RuntimeException {

    public InternalErrorException(String requestId) {
        super("internal error in the function, request id " + requestId
                + ": nothing more is known to the caller; the function's log has the details under this request id",
                null, false, false);
    }
}
