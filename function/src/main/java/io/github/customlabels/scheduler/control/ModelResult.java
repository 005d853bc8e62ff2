package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import java.util.Map;

/** The result of one action on one model: one of a few shapes. */
public sealed interface ModelResult {

    String model();

    Action action();

    Outcome outcome();

    /** True when the action happened or was not needed. */
    default boolean succeeded() {
        return !(this instanceof Refused) && !(this instanceof Failed);
    }

    /**
     * The action took effect, or the model already was where it was asked to be.
     *
     * @param note a remark for the caller (for example units that differ from those asked), or null
     * @param rekognitionRequestId the id of Rekognition's request that changed the model, or null
     */
    record Done(String model, Action action, Outcome outcome, ModelState state, String note,
                String rekognitionRequestId) implements ModelResult {
    }

    /** Dry run: the request that would have been sent. */
    record Planned(String model, Action action, String operation, String region, Map<String, Object> request)
            implements ModelResult {
        @Override
        public Outcome outcome() {
            return Outcome.PLANNED;
        }
    }

    /** The model's state forbids the action; nothing changed. */
    record Refused(String model, Action action, ModelState state, String reason) implements ModelResult {
        @Override
        public Outcome outcome() {
            return Outcome.REFUSED;
        }
    }

    /** Rekognition did not do what was asked. */
    record Failed(String model, Action action, RekognitionCallException error) implements ModelResult {
        @Override
        public Outcome outcome() {
            return Outcome.FAILED;
        }
    }
}
