package io.github.customlabels.scheduler.infra;

import static io.github.customlabels.scheduler.infra.TestConfigs.list;
import static io.github.customlabels.scheduler.infra.TestConfigs.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated configurations the size of a real team's: models spread over four regions (the stack's first), every
 * other one with its projectArn, idle stop on each model in the stack's region, and schedules that start, stop and
 * report several models each in several time zones.
 */
final class TeamConfigs {

    static final List<String> REGIONS = List.of(TestStacks.REGION, "us-east-1", "ap-southeast-2", "eu-central-1");
    private static final List<String> TIMEZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Tokyo",
            "Australia/Sydney", "UTC");
    private static final List<String> ACTIONS = List.of("start", "stop", "status");
    static final int MODELS_PER_SCHEDULE = 5;

    private TeamConfigs() {
    }

    static Map<String, Object> team(int models, int schedules) {
        Map<String, Object> modelMap = new LinkedHashMap<>();
        for (int i = 0; i < models; i++) {
            String region = REGIONS.get(i % REGIONS.size());
            String project = "inspection-line-" + (i / 2);
            String name = "model-" + String.format("%03d", i);
            Map<String, Object> model = map(
                    "projectVersionArn", "arn:aws:rekognition:" + region + ":123456789012:project/" + project
                            + "/version/" + project + ".2026-11-" + String.format("%02d", 1 + i % 28) + "/"
                            + (1761955200000L + i),
                    "minInferenceUnits", 1,
                    "maxInferenceUnits", 1 + i % 3,
                    "inferenceUnitCeiling", 4);
            if (i % 2 == 0) {
                model.put("projectArn", "arn:aws:rekognition:" + region + ":123456789012:project/" + project + "/"
                        + (1761900000000L + i));
            }
            if (region.equals(TestStacks.REGION)) {
                model.put("idleStopMinutes", 30 + i % 90);
            }
            modelMap.put(name, model);
        }
        List<String> names = new ArrayList<>(modelMap.keySet());
        List<Object> scheduleList = new ArrayList<>();
        for (int i = 0; i < schedules; i++) {
            String action = ACTIONS.get(i % ACTIONS.size());
            List<Object> scheduled = list();
            for (int m = 0; m < MODELS_PER_SCHEDULE; m++) {
                scheduled.add(names.get((i * MODELS_PER_SCHEDULE + m) % names.size()));
            }
            scheduleList.add(map("name", "team-" + action + "-" + String.format("%03d", i),
                    "cron", (i % 60) + " " + (6 + i % 14) + " ? * MON-FRI *",
                    "timezone", TIMEZONES.get(i % TIMEZONES.size()),
                    "action", action,
                    "models", scheduled));
        }
        return map("models", modelMap, "schedules", scheduleList);
    }

    /** The names of the models {@link #team} puts in the stack's region, which all stop when idle. */
    static List<String> inStackRegion(Map<String, Object> context) {
        return TestConfigs.models(context).keySet().stream()
                .filter(name -> TestConfigs.model(context, name).containsKey("idleStopMinutes"))
                .toList();
    }
}
