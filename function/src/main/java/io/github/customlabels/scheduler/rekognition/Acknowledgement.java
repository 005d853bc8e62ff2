package io.github.customlabels.scheduler.rekognition;

/** Rekognition's answer to a start or stop: the status it reports and the id of its request. */
public record Acknowledgement(String status, String requestId) {
}
