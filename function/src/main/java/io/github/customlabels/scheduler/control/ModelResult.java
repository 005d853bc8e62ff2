package io.github.customlabels.scheduler.control;

import io.github.customlabels.scheduler.rekognition.ModelState;
import io.github.customlabels.scheduler.rekognition.RekognitionCallException;
import io.github.customlabels.scheduler.rekognition.RekognitionRequests;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;

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
     * @param verification what became of the model's start verification, or null when there is none to speak of
     */
    record Done(String model, Action action, Outcome outcome, ModelState state, String note,
                String rekognitionRequestId, FollowUp verification) implements ModelResult {

        public Done(String model, Action action, Outcome outcome, ModelState state, String note,
                    String rekognitionRequestId) {
            this(model, action, outcome, state, note, rekognitionRequestId, null);
        }

        /** The same result, with what became of the model's start verification. */
        public Done withVerification(FollowUp followUp) {
            return new Done(model, action, outcome, state, note, rekognitionRequestId, followUp);
        }
    }

    /**
     * Dry run: the very request object that would have been sent, and the region it would go to.
     *
     * @param sdkRequest built by {@link RekognitionRequests}, as the real call builds it
     */
    record Planned(String model, Action action, String region, RekognitionRequest sdkRequest) implements ModelResult {
        @Override
        public Outcome outcome() {
            return Outcome.PLANNED;
        }

        /** The operation the request calls, e.g. StartProjectVersion. */
        public String operation() {
            return RekognitionRequests.operation(sdkRequest);
        }

        /** The request's fields by their wire names, e.g. {@code {"ProjectVersionArn": ..., "MinInferenceUnits": 1}}. */
        public Map<String, Object> request() {
            return RekognitionRequests.wireFields(sdkRequest);
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
