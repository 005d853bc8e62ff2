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
}
