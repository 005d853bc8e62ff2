package io.github.customlabels.scheduler.trigger;

/**
 * The edge for one kind of event, typed as the runtime binds it: it translates the event into a request for the
 * service (or an immediate answer) and describes the event for the invocation's log line. It runs nothing itself.
 *
 * @param <E> the event type, as {@code aws-lambda-java-events} names it
 */
interface TriggerAdapter<E> {

    Translation translate(E event);

    /** What the invocation line records about the event beyond its trigger: the HTTP method, the alarm. */
    default void describe(E event, InvocationLog log) {
    }

    /**
     * How the trigger learns of an unexpected failure of the function itself: by default the invocation fails with
     * a message naming the request id; HTTP triggers answer 500 instead. The stack trace is in the log only.
     */
    default Reply internalError(String requestId) {
        return Reply.failed(new InternalErrorException(requestId), "ERROR", java.util.List.of());
    }
}
