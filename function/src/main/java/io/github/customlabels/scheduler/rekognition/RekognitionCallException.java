package io.github.customlabels.scheduler.rekognition;

/**
 * A Rekognition call that did not succeed, classified by what the caller can do about it.
 * The service's own message stays in logs; answers carry only the kind and the error code.
 */
public final class RekognitionCallException extends RuntimeException {

    /** What went wrong, in the terms an answer needs. */
    public enum Kind {
        ACCESS_DENIED,
        INVALID_PARAMETER,
        LIMIT_EXCEEDED,
        RESOURCE_IN_USE,
        RESOURCE_NOT_FOUND,
        THROTTLED,
        /** Rekognition failed on its side (InternalServerError, another 5xx), after the SDK's retries. */
        SERVICE_ERROR,
        /** Rekognition answered an error this function has no rule for (an unmodeled 4xx code). */
        REJECTED,
        /**
         * The function's own identity: its credentials could not be loaded, or Rekognition did not accept them
         * (expired, unrecognised, badly signed). A deployment problem, neither the caller's nor Rekognition's.
         */
        IDENTITY,
        /** The deadline passed, or no connection could be made or kept: nothing usable came back in time. */
        UNAVAILABLE,
        /** The SDK failed inside this process for another reason, before Rekognition could answer. */
        CLIENT_FAULT
    }

    private final Kind kind;
    private final String errorCode;
    private final String requestId;

    public RekognitionCallException(Kind kind, String errorCode, String requestId, String serviceMessage) {
        super(serviceMessage, null, false, false);
        this.kind = kind;
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    public Kind kind() {
        return kind;
    }

    /** The service's error code (for example {@code AccessDeniedException}), or a client-side label. */
    public String errorCode() {
        return errorCode;
    }

    /** Rekognition's request id, when the service answered. */
    public String requestId() {
        return requestId;
    }
}
