package io.github.customlabels.scheduler.verification;

import java.time.Instant;

/** How one check of a start ended: one of a few shapes, each answered and logged as it says. */
public sealed interface CheckOutcome {

    String model();

    /** The word the answer and the log use, e.g. {@code VERIFIED}. */
    String outcome();

    /** The model is RUNNING: the start is verified. */
    record Verified(String model, double minutesToRunning) implements CheckOutcome {
        @Override
        public String outcome() {
            return "VERIFIED";
        }
    }

    /** Still starting (or not known yet): the next check is scheduled. */
    record NextCheck(String model, String status, int check, String schedule, Instant at) implements CheckOutcome {
        @Override
        public String outcome() {
            return "NEXT_CHECK_SCHEDULED";
        }
    }

    /**
     * Not verified, with alarm and notification.
     *
     * @param reason FAILED (a state that never becomes RUNNING), TIMED_OUT, or NOT_FOLLOWED_UP (no next check)
     */
    record NotVerified(String model, String reason, String status, String statusMessage) implements CheckOutcome {
        @Override
        public String outcome() {
            return "NOT_VERIFIED";
        }
    }

    /** The model was stopped before it was RUNNING, or a newer start took over: this start's checks end, quietly. */
    record Ended(String model, String why) implements CheckOutcome {
        @Override
        public String outcome() {
            return "ENDED";
        }
    }
}
