package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.CronSchedule;
import io.github.customlabels.scheduler.infra.config.AlarmOptions;
import io.github.customlabels.scheduler.infra.config.ApiOptions;
import io.github.customlabels.scheduler.infra.config.Command;
import io.github.customlabels.scheduler.infra.config.DeploymentConfig;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import io.github.customlabels.scheduler.infra.config.ScheduleConfig;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cdk synth} prints on stderr before the stack is synthesized: the models and their units, the schedules
 * with their next run in local time, where alarms go and the API's URL shape, to check before a deploy. Plain ASCII,
 * since stderr's encoding is the terminal's; stdout stays the CDK CLI's.
 */
final class SynthSummary {

    private static final DateTimeFormatter NEXT_RUN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ENGLISH);

    private SynthSummary() {
    }

    /**
     * The summary, ending in a line break.
     *
     * @param region the stack's region, or null when the CDK CLI decides it at deploy
     * @param clock the "now" the schedules' next runs follow
     */
    static String render(DeploymentConfig config, String stackName, String region, Clock clock) {
        StringBuilder out = new StringBuilder();
        out.append("Custom Labels Scheduler - stack ").append(stackName).append(" in ")
                .append(region == null ? "the CLI's default region" : region).append('\n');
        out.append("  models:\n");
        out.append(table("    ", models(config)));
        if (config.schedules().isEmpty()) {
            out.append("  schedules: none (models start and stop through the API, events and idle stop)\n");
        } else {
            out.append("  schedules:\n");
            out.append(table("    ", schedules(config.schedules(), clock)));
        }
        out.append("  alarms: function errors, throttles, dead letters -> ").append(notification(config.alarms()))
                .append('\n');
        out.append("  dashboard: ").append(stackName).append('\n');
        out.append(api(config.api(), region));
        return out.toString();
    }

    private static List<List<String>> models(DeploymentConfig config) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelConfig model : config.models().values()) {
            String units = model.maxInferenceUnits() == null
                    ? model.minInferenceUnits() + (model.minInferenceUnits() == 1 ? " unit" : " units")
                    : model.minInferenceUnits() + ".." + model.maxInferenceUnits() + " units";
            rows.add(List.of(model.name(), model.region(), units + " (ceiling " + model.inferenceUnitCeiling() + ")",
                    model.idleStop().map(minutes -> "idle stop after " + minutes + " min").orElse("")));
        }
        return rows;
    }

    private static List<List<String>> schedules(List<ScheduleConfig> schedules, Clock clock) {
        List<List<String>> rows = new ArrayList<>();
        for (ScheduleConfig schedule : schedules) {
            rows.add(List.of(schedule.name(), schedule.command().describe(), schedule.cron(), schedule.timezone(),
                    "next: " + nextRun(schedule, clock)));
        }
        return rows;
    }

    private static String nextRun(ScheduleConfig schedule, Clock clock) {
        CronSchedule cron = CronSchedule.parse(schedule.cron());
        if (!cron.supported()) {
            return "see cron (L, W and # are left to EventBridge)";
        }
        return cron.nextAfter(clock.instant(), ZoneId.of(schedule.timezone()))
                .map(NEXT_RUN::format)
                .orElse("never (every year it names has passed)");
    }

    private static String notification(AlarmOptions alarms) {
        if (alarms.topicArnIfConfigured().isPresent()) {
            return "SNS topic " + alarms.topicArn();
        }
        if (alarms.emailIfConfigured().isPresent()) {
            return "email " + alarms.email() + " (confirm the subscription SNS mails after the deploy)";
        }
        return "CloudWatch only (set alarms.email or alarms.topicArn to be notified)";
    }

    private static String api(ApiOptions api, String region) {
        String host = "<api-id>.execute-api." + (region == null ? "<region>" : region) + ".amazonaws.com"
                + (region != null && region.startsWith("cn-") ? ".cn" : "");
        List<String> auth = new ArrayList<>(List.of("IAM", "SigV4"));
        if (api.apiKeyRequired()) {
            auth.add("x-api-key");
        }
        if (!api.allowedPrincipals().isEmpty()) {
            auth.add(api.allowedPrincipals().size() == 1 ? "1 principal allowed"
                    : api.allowedPrincipals().size() + " principals allowed");
        }
        String base = "https://" + host + "/" + api.stageName();
        return "  API: POST " + base + "/models/{name}/start  (" + String.join(", ", auth) + ")\n"
                + "       also POST .../models/{name}/stop, GET .../models/{name}, GET .../models\n";
    }

    /** Rows as columns padded to their widest cell, two spaces apart, without trailing blanks. */
    private static String table(String indent, List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]) + "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
