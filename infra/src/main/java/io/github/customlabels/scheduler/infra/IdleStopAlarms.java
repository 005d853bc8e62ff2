package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmActionConfig;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.constructs.Construct;

/**
 * One alarm per model with idleStopMinutes that has the function stop the model while it runs and nobody calls it.
 *
 * <p>The alarm watches {@link #EXPRESSION}: 1 for a five-minute period in which the model had inference units in
 * service and no DetectCustomLabels call succeeded, else 0. The two halves are not equally precise. Rekognition
 * publishes SuccessfulRequestCount per operation and region only (dimension Operation), not per model, so a call to
 * any Custom Labels model in the region counts as traffic for every model there: the alarm catches "this model runs
 * and the region is quiet", not "nobody calls this model". InServiceInferenceUnits is per model (ProjectName,
 * VersionName), and that half makes the alarm about this model and lets it re-arm: once the model is stopped it
 * reports no units, the expression drops to 0 and the alarm returns to OK, ready to fire again after the next start.
 * An alarm on the request count alone would stay in ALARM after the stop, and a state that never changes never
 * invokes its action again, so a model started by a schedule could then run idle for good.
 */
public final class IdleStopAlarms extends Construct {

    /** What the alarms are built from: the function they invoke and the models with idleStopMinutes. */
    public record Props(IFunction target, List<ModelConfig> models) {

        public Props {
            Objects.requireNonNull(target, "target");
            models = List.copyOf(models);
        }
    }

    static final Duration PERIOD = Duration.minutes(5);

    /**
     * Running and unused. FILL turns a period without data points into 0: a stopped model reports no units at all,
     * and a quiet region reports no requests at all. Metric math treats any non-zero condition as true.
     */
    static final String EXPRESSION = "IF(FILL(units, 0) > 0 AND FILL(requests, 0) < 1, 1, 0)";

    /**
     * Lambda keeps a function's (here: the alias's) resource policy under 20 KB, and each alarm's permission is a
     * statement of about 480 characters plus its alarm's name. The alarms may use this much of it; the API's
     * permissions and the policy's own text keep the rest.
     */
    static final int MAX_PERMISSION_CHARACTERS = 16_000;
    static final int PERMISSION_CHARACTERS = 480;

    static final String ALARM_PRINCIPAL = "lambda.alarms.cloudwatch.amazonaws.com";

    private final List<Alarm> alarms = new ArrayList<>();

    public IdleStopAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        checkSameRegion(props.models());
        String stackName = Stack.of(this).getStackName();
        for (ModelConfig model : props.models()) {
            Alarm alarm = Alarm.Builder.create(this, model.name())
                    .alarmName(alarmName(stackName, model.name()))
                    .alarmDescription("Model " + model.name() + " has had inference units in service for "
                            + model.idleStopMinutes() + " minutes without a successful DetectCustomLabels request in "
                            + region() + ": the alarm action stops it. Requests to any Custom Labels model in the "
                            + "region count, since Rekognition does not publish them per model.")
                    .metric(runningWithoutRequests(model))
                    .threshold(1)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .evaluationPeriods(periods(model.idleStopMinutes()))
                    // No data at all means the model reports no units, so it is not running: nothing to stop, and the
                    // alarm goes back to OK, which is what re-arms it for the next start.
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build();
            alarm.addAlarmAction(new InvokeFunction(props.target()));
            alarms.add(alarm);
        }
        allowAlarmsToInvoke(props.target(), stackName);
    }

    /**
     * Each alarm may invoke the alias, and only for itself: a permission per alarm, its SourceArn the alarm's ARN.
     * Past the room the alias's 20 KB resource policy has for them, one permission covers this stack's idle-stop
     * alarms by name instead ({@code <stack>-*-idle} in this account and region): the only alarms it can match
     * are named after this stack, and the function stops models only for the alarm names in its configuration, so
     * another alarm matching the name would invoke it to no effect.
     */
    private void allowAlarmsToInvoke(IFunction target, String stackName) {
        int characters = alarms.stream().mapToInt(alarm -> PERMISSION_CHARACTERS + alarm.getNode().getId().length()
                + stackName.length() + "--idle".length()).sum();
        Stack stack = Stack.of(this);
        if (characters <= MAX_PERMISSION_CHARACTERS) {
            for (Alarm alarm : alarms) {
                target.addPermission("IdleStop" + alarm.getNode().getId(), Permission.builder()
                        .principal(new ServicePrincipal(ALARM_PRINCIPAL))
                        .action("lambda:InvokeFunction")
                        .sourceAccount(stack.getAccount())
                        .sourceArn(alarm.getAlarmArn())
                        .build());
            }
        } else {
            target.addPermission("IdleStopAlarms", Permission.builder()
                    .principal(new ServicePrincipal(ALARM_PRINCIPAL))
                    .action("lambda:InvokeFunction")
                    .sourceAccount(stack.getAccount())
                    .sourceArn(stack.formatArn(software.amazon.awscdk.ArnComponents.builder()
                            .service("cloudwatch")
                            .resource("alarm")
                            .resourceName(alarmName(stackName, "*"))
                            .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME)
                            .build()))
                    .build());
        }
    }

    /** The alarm's name, which the function also receives (its configuration's idleStopAlarms) to tell which models an alarm stops. */
    public static String alarmName(String stackName, String modelName) {
        return SchedulerConfig.idleStopAlarmName(stackName, modelName);
    }

    /** Each idle-stop alarm's name and the one model it stops, as the function's configuration lists them. */
    public static Map<String, List<String>> alarmsByName(String stackName, List<ModelConfig> models) {
        Map<String, List<String>> alarms = new LinkedHashMap<>();
        models.forEach(model -> alarms.put(alarmName(stackName, model.name()), List.of(model.name())));
        return alarms;
    }

    /**
     * The alarm action that invokes the function. The CDK's LambdaAction also adds the permission, under an id that
     * is the same for every alarm unless a feature flag is set, so a second alarm broke synth; the permissions are
     * added above instead, one id per alarm.
     */
    private record InvokeFunction(IFunction target) implements IAlarmAction {

        @Override
        public AlarmActionConfig bind(Construct scope, IAlarm alarm) {
            return AlarmActionConfig.builder().alarmActionArn(target.getFunctionArn()).build();
        }
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** Whole five-minute periods covering the idle time, rounded up. */
    static int periods(int idleStopMinutes) {
        return (idleStopMinutes + 4) / 5;
    }

    private static MathExpression runningWithoutRequests(ModelConfig model) {
        // Ordered maps: the metrics and dimensions are written in this order, so every synth gives the same template.
        Map<String, IMetric> metrics = new LinkedHashMap<>();
        metrics.put("units", inServiceInferenceUnits(model));
        metrics.put("requests", detectCustomLabelsRequests());
        return MathExpression.Builder.create()
                .expression(EXPRESSION)
                .usingMetrics(metrics)
                .label(model.name() + " running without DetectCustomLabels requests")
                .period(PERIOD)
                .build();
    }

    /** Published per model while it runs; a stopped model publishes nothing. */
    private static Metric inServiceInferenceUnits(ModelConfig model) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("ProjectName", model.projectName());
        dimensions.put("VersionName", model.versionName());
        return Metric.Builder.create()
                .namespace("AWS/Rekognition")
                .metricName("InServiceInferenceUnits")
                .dimensionsMap(dimensions)
                .statistic("Maximum")
                .period(PERIOD)
                .build();
    }

    /** Published per operation and region only: every Custom Labels model in the region shares it. */
    private static Metric detectCustomLabelsRequests() {
        return Metric.Builder.create()
                .namespace("AWS/Rekognition")
                .metricName("SuccessfulRequestCount")
                .dimensionsMap(Map.of("Operation", "DetectCustomLabels"))
                .statistic("Sum")
                .period(PERIOD)
                .build();
    }

    /** An alarm watches metrics of its own region only, and the metrics live in the model's region. */
    private void checkSameRegion(List<ModelConfig> models) {
        List<String> problems = new ArrayList<>();
        for (ModelConfig model : models) {
            String key = "models." + model.name() + ".idleStopMinutes";
            if (Token.isUnresolved(region())) {
                problems.add(key + ": the stack's region is unknown at synth, so the alarm cannot be checked to "
                        + "be in " + model.region() + " where the model's metrics are; set \"region\": \""
                        + model.region() + "\" in the cdk.json context (or AWS_REGION)");
            } else if (!region().equals(model.region())) {
                problems.add(key + ": the model runs in " + model.region() + " but the stack deploys to " + region()
                        + ", and a CloudWatch alarm only sees metrics of its own region; deploy the stack to "
                        + model.region() + " (\"region\" in the cdk.json context) or remove idleStopMinutes");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private String region() {
        return Stack.of(this).getRegion();
    }
}
