package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.ConfigException;
import io.github.customlabels.scheduler.infra.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.LambdaAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/** One alarm per model with idleStopMinutes that has the function stop the model once DetectCustomLabels goes quiet. */
public final class IdleStopAlarms extends Construct {

    /** What the alarms are built from: the function they invoke and the models with idleStopMinutes. */
    public record Props(IFunction target, List<ModelConfig> models) {

        public Props {
            Objects.requireNonNull(target, "target");
            models = List.copyOf(models);
        }
    }

    static final Duration PERIOD = Duration.minutes(5);

    private final List<Alarm> alarms = new ArrayList<>();

    public IdleStopAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        checkSameRegion(props.models());
        String stackName = Stack.of(this).getStackName();
        for (ModelConfig model : props.models()) {
            Alarm alarm = Alarm.Builder.create(this, model.name())
                    .alarmName(alarmName(stackName, model.name()))
                    .alarmDescription("No DetectCustomLabels request in " + region() + " for "
                            + model.idleStopMinutes() + " minutes: stops model " + model.name() + ". The metric "
                            + "counts every Custom Labels model in the region, not only this one.")
                    .metric(detectCustomLabelsRequests())
                    .threshold(1)
                    .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .evaluationPeriods(periods(model.idleStopMinutes()))
                    // A stopped or unused model sends no data points at all: that is exactly the idle case.
                    .treatMissingData(TreatMissingData.BREACHING)
                    .build();
            alarm.addAlarmAction(new LambdaAction(props.target()));
            alarms.add(alarm);
        }
    }

    /** The alarm's name, which the function also receives (IDLE_STOP_ALARMS) to tell which models an alarm stops. */
    public static String alarmName(String stackName, String modelName) {
        return stackName + "-" + modelName + "-idle";
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    static int periods(int idleStopMinutes) {
        return (idleStopMinutes + 4) / 5;
    }

    /**
     * Rekognition publishes SuccessfulRequestCount per operation and region only (dimension Operation), not per
     * model: any DetectCustomLabels call in the region, to any model, keeps every idle alarm there from firing.
     */
    private static Metric detectCustomLabelsRequests() {
        return Metric.Builder.create()
                .namespace("AWS/Rekognition")
                .metricName("SuccessfulRequestCount")
                .dimensionsMap(Map.of("Operation", "DetectCustomLabels"))
                .statistic("Sum")
                .period(PERIOD)
                .build();
    }

    /** An alarm watches metrics of its own region only, and the metric lives in the model's region. */
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
