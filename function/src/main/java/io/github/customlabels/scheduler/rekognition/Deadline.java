package io.github.customlabels.scheduler.rekognition;

import java.time.Duration;

/** The moment by which a Rekognition call must have finished, retries included. */
public record Deadline(long expiresAtNanos) {

    /** A deadline this far from now. */
    public static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** The time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
    }

    public boolean isExpired() {
        return remaining().isZero();
    }
}
