package io.github.customlabels.scheduler.rekognition;

/**
 * What Rekognition reports about a model version. The status is kept as the service's text so that
 * values added to the service later are shown rather than rejected.
 */
public record ModelState(String status, String statusMessage, Long minInferenceUnits, Long maxInferenceUnits) {

    public boolean isStartingOrRunning() {
        return "STARTING".equals(status) || "RUNNING".equals(status);
    }

    public boolean isStoppingOrStopped() {
        return "STOPPING".equals(status) || "STOPPED".equals(status);
    }

    /** Training: a state no stop can end, and one a start cannot begin from. */
    public boolean isTraining() {
        return "TRAINING_IN_PROGRESS".equals(status);
    }

    /**
     * True when the model bills no inference hours and is not about to: every status but STARTING, RUNNING, STOPPING
     * and TRAINING_IN_PROGRESS, including statuses added to the service later (STOPPED, TRAINING_COMPLETED, FAILED,
     * EXPIRED, DEPRECATED, COPYING_COMPLETED...). A stop of such a model has nothing to do.
     */
    public boolean isNotRunning() {
        return status != null && !isStartingOrRunning() && !isStoppingOrStopped() && !isTraining();
    }
}
