package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.CronSchedule;
import io.github.customlabels.scheduler.contract.Metrics;
import io.github.customlabels.scheduler.contract.Outcome;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import io.github.customlabels.scheduler.infra.config.ScheduleConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for the deployment: what the schedules do and when, the alarms, and per model its inference
 * units, the function's outcomes and Rekognition's latency; then the function and the dead-letter queue.
 */
public final class OperationsDashboard extends Construct {

    /**
     * What the dashboard shows.
     *
     * @param function the alias every trigger invokes
     * @param alarms the alarms whose state the dashboard lists (operational first, then idle stop)
     */
    public record Props(String dashboardName, List<ModelConfig> models, List<ScheduleConfig> schedules,
                        IFunction function, IQueue deadLetterQueue, List<IAlarm> alarms) {

        public Props {
            Objects.requireNonNull(dashboardName, "dashboardName");
            models = List.copyOf(models);
            schedules = List.copyOf(schedules);
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            alarms = List.copyOf(alarms);
        }
    }

    /**
     * One count per model and command, by how it ended: the function's outcomes under the metric names it writes,
     * except REPORTED and PLANNED, which change nothing, and the setting and cancelling of overrides, which change
     * no model (their effect is SkippedByOverride, graphed with the rest).
     */
    public static final List<String> OUTCOMES = Arrays.stream(Outcome.values())
            .filter(outcome -> outcome != Outcome.REPORTED && outcome != Outcome.PLANNED
                    && outcome != Outcome.OVERRIDE_SET && outcome != Outcome.OVERRIDE_CANCELLED)
            .map(Metrics::metricName)
            .toList();

    /** CloudWatch's limits per dashboard, and per alarm status widget. */
    static final int MAX_WIDGETS = 500;
    static final int MAX_METRICS = 2500;
    static final int MAX_ALARMS_PER_WIDGET = 100;
    /** A model's row: units, outcomes and latency, with two, one per outcome, and two metrics. */
    static final int WIDGETS_PER_MODEL = 3;
    static final int METRICS_PER_MODEL = 2 + OUTCOMES.size() + 2;
    /** The schedules table lists this many; the rest are counted, so the text stays readable and small. */
    static final int MAX_SCHEDULE_ROWS = 50;

    static final Duration PERIOD = Duration.minutes(5);
    private static final int WIDTH = 24;
    private static final int GRAPH_HEIGHT = 6;

    private final Dashboard dashboard;

    public OperationsDashboard(Construct scope, String id, Props props) {
        super(scope, id);
        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.dashboardName())
                .defaultInterval(Duration.days(7))
                .build();
        int topHeight = Math.max(GRAPH_HEIGHT, Math.min(props.schedules().size(), MAX_SCHEDULE_ROWS) + 6);
        List<IWidget> top = new ArrayList<>();
        top.add(schedules(props.schedules(), topHeight));
        for (int i = 0; i < props.alarms().size(); i += MAX_ALARMS_PER_WIDGET) {
            top.add(alarmStatus(props.alarms().subList(i, Math.min(props.alarms().size(), i + MAX_ALARMS_PER_WIDGET)),
                    topHeight));
        }
        dashboard.addWidgets(top.toArray(IWidget[]::new));
        int shown = modelRows(props.models().size(), top.size(), props.alarms().size());
        for (ModelConfig model : props.models().subList(0, shown)) {
            dashboard.addWidgets(inferenceUnits(model), outcomes(model), latency(model));
        }
        if (shown < props.models().size()) {
            dashboard.addWidgets(TextWidget.Builder.create()
                    .markdown("The " + (props.models().size() - shown) + " models after " + props.models().get(shown - 1)
                            .name() + " have no row here: a dashboard holds " + MAX_WIDGETS + " widgets and "
                            + MAX_METRICS + " metrics. Their metrics are in namespace " + Metrics.NAMESPACE
                            + " (dimension " + Metrics.MODEL_DIMENSION + ") and AWS/Rekognition.")
                    .width(WIDTH)
                    .height(2)
                    .build());
        }
        dashboard.addWidgets(functionHealth(props.function()), deadLetters(props.deadLetterQueue()));
    }

    /** How many models get a row within the dashboard's limits, beside the top widgets and the last two graphs. */
    static int modelRows(int models, int topWidgets, int alarms) {
        int fixedWidgets = topWidgets + 3;
        int fixedMetrics = alarms + 4;
        int byWidgets = (MAX_WIDGETS - fixedWidgets) / WIDGETS_PER_MODEL;
        int byMetrics = (MAX_METRICS - fixedMetrics) / METRICS_PER_MODEL;
        return Math.max(1, Math.min(models, Math.min(byWidgets, byMetrics)));
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /**
     * The schedules as a Markdown table, local times in words. A dashboard is static text, so it says what each
     * schedule does and when; the next run's date is what {@code cdk synth} prints.
     */
    static String schedulesMarkdown(List<ScheduleConfig> schedules) {
        StringBuilder markdown = new StringBuilder("## Schedules\n\n");
        if (schedules.isEmpty()) {
            return markdown.append("No schedules are configured: models start and stop only through the API, "
                    + "events and idle stop.").toString();
        }
        markdown.append("| schedule | does | when | purpose |\n|---|---|---|---|\n");
        for (ScheduleConfig schedule : schedules.subList(0, Math.min(schedules.size(), MAX_SCHEDULE_ROWS))) {
            markdown.append("| ").append(cell(schedule.name()))
                    .append(" | ").append(cell(schedule.command().describe("", ModelSchedules.MAX_DESCRIPTION)))
                    .append(" | ").append(cell(CronSchedule.parse(schedule.cron()).describe() + " "
                            + schedule.timezone()))
                    .append(" | ").append(cell(schedule.description() == null ? "" : schedule.description()))
                    .append(" |\n");
        }
        if (schedules.size() > MAX_SCHEDULE_ROWS) {
            markdown.append("\nand ").append(schedules.size() - MAX_SCHEDULE_ROWS)
                    .append(" more schedules: see the schedule group in EventBridge Scheduler.\n");
        }
        return markdown.append("\nEventBridge Scheduler keeps these local times across daylight saving; "
                + "a failed run alarms and lands in the dead-letter queue.").toString();
    }

    /** Markdown table cells end at a pipe, and a line break would end the row. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private static IWidget schedules(List<ScheduleConfig> schedules, int height) {
        return TextWidget.Builder.create()
                .markdown(schedulesMarkdown(schedules))
                .width(WIDTH / 2)
                .height(height)
                .build();
    }

    private static IWidget alarmStatus(List<IAlarm> alarms, int height) {
        return AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(alarms)
                .width(WIDTH / 2)
                .height(height)
                .build();
    }

    /**
     * Rekognition publishes these per model in the model's own region; a dashboard can show another region's
     * metrics when the metric names it, so a model in us-east-1 graphs from a stack in eu-west-1.
     */
    private static IWidget inferenceUnits(ModelConfig model) {
        return GraphWidget.Builder.create()
                .title(model.name() + ": inference units (" + model.region() + ")")
                .left(List.of(rekognitionUnits(model, "InServiceInferenceUnits", "in service"),
                        rekognitionUnits(model, "DesiredInferenceUnits", "desired")))
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .period(PERIOD)
                .width(WIDTH / 3)
                .height(GRAPH_HEIGHT)
                .build();
    }

    private static Metric rekognitionUnits(ModelConfig model, String metricName, String label) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("ProjectName", model.projectName());
        dimensions.put("VersionName", model.versionName());
        return Metric.Builder.create()
                .namespace("AWS/Rekognition")
                .metricName(metricName)
                .dimensionsMap(dimensions)
                .region(model.region())
                .statistic("Maximum")
                .period(PERIOD)
                .label(label)
                .build();
    }

    private static IWidget outcomes(ModelConfig model) {
        List<IMetric> metrics = new ArrayList<>();
        for (String outcome : OUTCOMES) {
            metrics.add(functionMetric(model, outcome, "Sum", outcome));
        }
        return GraphWidget.Builder.create()
                .title(model.name() + ": outcomes (count per 5 min)")
                .left(metrics)
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .period(PERIOD)
                .width(WIDTH / 3)
                .height(GRAPH_HEIGHT)
                .build();
    }

    private static IWidget latency(ModelConfig model) {
        return GraphWidget.Builder.create()
                .title(model.name() + ": Rekognition latency (ms)")
                .left(List.of(functionMetric(model, Metrics.LATENCY_METRIC, "p50", "p50"),
                        functionMetric(model, Metrics.LATENCY_METRIC, "p99", "p99")))
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .period(PERIOD)
                .width(WIDTH / 3)
                .height(GRAPH_HEIGHT)
                .build();
    }

    private static Metric functionMetric(ModelConfig model, String metricName, String statistic, String label) {
        return Metric.Builder.create()
                .namespace(Metrics.NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(Map.of(Metrics.MODEL_DIMENSION, model.name()))
                .statistic(statistic)
                .period(PERIOD)
                .label(label)
                .build();
    }

    private static IWidget functionHealth(IFunction function) {
        MetricOptions sum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
        return GraphWidget.Builder.create()
                .title("Function (alias " + SchedulerFunction.ALIAS_NAME + "): invocations, errors, throttles")
                .left(List.of(function.metricInvocations(sum), function.metricErrors(sum),
                        function.metricThrottles(sum)))
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .period(PERIOD)
                .width(WIDTH / 2)
                .height(GRAPH_HEIGHT)
                .build();
    }

    private static IWidget deadLetters(IQueue queue) {
        return GraphWidget.Builder.create()
                .title("Dead-letter queue: messages waiting")
                .left(List.of(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum")
                        .period(PERIOD)
                        .build())))
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .period(PERIOD)
                .width(WIDTH / 2)
                .height(GRAPH_HEIGHT)
                .build();
    }
}
