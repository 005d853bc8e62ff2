package io.github.customlabels.benchmark.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.StartProjectVersionRequest;
import software.amazon.awssdk.services.rekognition.model.StartProjectVersionResponse;

/**
 * The benchmark's yardstick: a model starter as the SDK and Lambda documentation samples write it. The client
 * is built once with every default (region and credentials chains, the default HTTP client), the runtime binds
 * the event to a map, and the handler reads {@code model}, {@code minInferenceUnits} and {@code maxInferenceUnits}.
 * Model version ARNs come from {@code MODEL_ARN_<NAME>} environment variables.
 */
public class StartModelHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final RekognitionClient rekognition = RekognitionClient.builder().build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String model = (String) event.get("model");
        String projectVersionArn = System.getenv("MODEL_ARN_" + model.toUpperCase(Locale.ROOT));
        if (projectVersionArn == null) {
            throw new IllegalArgumentException("Unknown model: " + model);
        }
        int minInferenceUnits = ((Number) event.getOrDefault("minInferenceUnits", 1)).intValue();

        StartProjectVersionRequest.Builder request = StartProjectVersionRequest.builder()
                .projectVersionArn(projectVersionArn)
                .minInferenceUnits(minInferenceUnits);
        if (event.get("maxInferenceUnits") != null) {
            request.maxInferenceUnits(((Number) event.get("maxInferenceUnits")).intValue());
        }
        StartProjectVersionResponse response = rekognition.startProjectVersion(request.build());
        context.getLogger().log("Started " + model + " (" + projectVersionArn + "): " + response.statusAsString());

        Map<String, Object> result = new HashMap<>();
        result.put("model", model);
        result.put("status", response.statusAsString());
        return result;
    }
}
