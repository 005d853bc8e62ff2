package io.github.customlabels.scheduler.control;

import java.time.Instant;

/**
 * What became of a model's start verification after a start or a stop: the check that follows a start up until the
 * model is RUNNING, kept as one one-time schedule per model.
 */
public sealed interface FollowUp {

    /** The name of the model's check schedule. */
    String schedule();

    /** The status the answers and logs show, e.g. {@code SCHEDULED}. */
    String status();

    /** A check is pending: the first at {@code firstCheckAt}; the start counts as failed if not RUNNING by the deadline. */
    record Scheduled(String schedule, Instant firstCheckAt, Instant deadline) implements FollowUp {
        @Override
        public String status() {
            return "SCHEDULED";
        }
    }

    /** The model was already starting and a check of an earlier start was pending: it is kept as it is. */
    record AlreadyPending(String schedule) implements FollowUp {
        @Override
        public String status() {
            return "ALREADY_PENDING";
        }
    }

    /** The start was accepted, but no check could be scheduled (Scheduler throttled or denied): nobody follows it up. */
    record NotScheduled(String schedule, String reason) implements FollowUp {
        @Override
        public String status() {
            return "NOT_SCHEDULED";
        }
    }

    /** A stop ended the model's pending check, or there was none ({@code wasPending} false). */
    record Cancelled(String schedule, boolean wasPending) implements FollowUp {
        @Override
        public String status() {
            return wasPending ? "CANCELLED" : "NONE_PENDING";
        }
    }

    /** A stop could not delete the pending check; when it runs it finds the model stopped and ends without alarm. */
    record NotCancelled(String schedule, String reason) implements FollowUp {
        @Override
        public String status() {
            return "NOT_CANCELLED";
        }
    }
}
