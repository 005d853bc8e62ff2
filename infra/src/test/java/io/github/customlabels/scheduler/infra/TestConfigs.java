package io.github.customlabels.scheduler.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configurations as cdk.json context would hold them, built in code and mutable so each test can bend one key. */
public final class TestConfigs {

    public static final String DEFECTS_VERSION =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/version/defects.2026-11-01/1761955200000";
    public static final String DEFECTS_PROJECT =
            "arn:aws:rekognition:eu-west-1:123456789012:project/defects/1761900000000";
    public static final String LOGOS_VERSION =
            "arn:aws:rekognition:us-east-1:123456789012:project/logos/version/logos.2026-10-15/1760486400000";

    private TestConfigs() {
    }

    /**
     * The cdk.json example's models (defects in eu-west-1 with auto-scaling and an idle stop after 60 minutes, logos
     * in us-east-1) and its three schedules, except that keep-running here starts defects with 2..4 units, where
     * cdk.json's starts logos with its defaults, so that the tests cover a schedule's own units; the schedules'
     * descriptions are left out.
     */
    public static Map<String, Object> example() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("models", map(
                "defects", map(
                        "projectVersionArn", DEFECTS_VERSION,
                        "projectArn", DEFECTS_PROJECT,
                        "minInferenceUnits", 1,
                        "maxInferenceUnits", 2,
                        "inferenceUnitCeiling", 4,
                        "idleStopMinutes", 60),
                "logos", map(
                        "projectVersionArn", LOGOS_VERSION,
                        "minInferenceUnits", 1)));
        context.put("schedules", list(
                map("name", "weekday-warm-up", "cron", "0 7 ? * MON-FRI *", "timezone", "Europe/Berlin",
                        "action", "start", "models", list("defects", "logos")),
                map("name", "weekday-cool-down", "cron", "0 19 ? * MON-FRI *", "timezone", "Europe/Berlin",
                        "action", "stop", "models", list("defects", "logos")),
                map("name", "keep-running", "cron", "0/30 8-18 ? * MON-FRI *", "timezone", "Europe/Berlin",
                        "models", list("defects"), "minInferenceUnits", 2, "maxInferenceUnits", 4)));
        return context;
    }

    /** Only the defects model, which has every optional key; no schedules. */
    public static Map<String, Object> defectsOnly() {
        Map<String, Object> context = example();
        models(context).remove("logos");
        context.remove("schedules");
        return context;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> models(Map<String, Object> context) {
        return (Map<String, Object>) context.get("models");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> model(Map<String, Object> context, String name) {
        return (Map<String, Object>) models(context).get(name);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> schedule(Map<String, Object> context, int index) {
        return ((List<Map<String, Object>>) context.get("schedules")).get(index);
    }

    /** A mutable map from alternating keys and values, keeping their order. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A mutable list. */
    public static List<Object> list(Object... values) {
        return new ArrayList<>(List.of(values));
    }
}
