package io.github.customlabels.scheduler.contract;

/** What happened to one model, in the words answers, logs and metrics use. */
public enum Outcome {
    /** Rekognition accepted StartProjectVersion. */
    STARTED,
    /** The model was already starting or running: nothing to do. */
    ALREADY_RUNNING,
    /** Rekognition accepted StopProjectVersion. */
    STOPPED,
    /** The model was already stopping or stopped: nothing to do. */
    ALREADY_STOPPED,
    /** Stop: the model is in a state that bills nothing (FAILED, TRAINING_COMPLETED, EXPIRED...): nothing to stop. */
    NOT_RUNNING,
    /** A schedule's or an idle stop's action was left undone: a person's override is in force. A success. */
    SKIPPED_BY_OVERRIDE,
    /** The model's override was set (tagged on the model version). */
    OVERRIDE_SET,
    /** The model's override was removed. */
    OVERRIDE_CANCELLED,
    /** The model's status was read. */
    REPORTED,
    /** Dry run: the request was validated and not sent. */
    PLANNED,
    /** The model's state forbids the action (training, failed, stopping...). */
    REFUSED,
    /** Rekognition could not be asked, or refused the call. */
    FAILED
}
