package io.github.customlabels.scheduler.infra.config;

import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_PROJECT;
import static io.github.customlabels.scheduler.infra.TestConfigs.DEFECTS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.LOGOS_VERSION;
import static io.github.customlabels.scheduler.infra.TestConfigs.list;
import static io.github.customlabels.scheduler.infra.TestConfigs.map;
import static io.github.customlabels.scheduler.infra.TestConfigs.model;
import static io.github.customlabels.scheduler.infra.TestConfigs.models;
import static io.github.customlabels.scheduler.infra.TestConfigs.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.InferenceUnits;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.infra.TestConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of the cdk.json context: good configurations resolve their defaults, bad ones name the key and the fix. */
class DeploymentConfigTest {

    private static final String OPERATORS = "arn:aws:iam::123456789012:role/ops/model-operators";

    @Test
    void resolvesTheExampleWithItsDefaults() {
        DeploymentConfig config = DeploymentConfig.parse(TestConfigs.example());

        ModelConfig defects = config.models().get("defects");
        assertEquals(expectedModel("defects", DEFECTS_VERSION, DEFECTS_PROJECT, 1, 2L, 4, 60), defects);
        assertEquals(expectedModel("logos", LOGOS_VERSION, null, 1, null, 1, null), config.models().get("logos"));
        assertEquals(Optional.empty(), config.defaultCommandIfConfigured());
        assertEquals(FunctionOptions.DEFAULTS, config.function());
        assertEquals(new ApiOptions("prod", 5, 10, List.of(), false), config.api());
        assertEquals(new AlarmOptions(null, null), config.alarms());
        assertNull(config.region());
    }

    @Test
    void readsWhereAlarmsNotify() {
        Map<String, Object> topic = TestConfigs.example();
        topic.put("alarms", map("topicArn", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:ops_alerts-1"));
        Map<String, Object> email = TestConfigs.example();
        email.put("alarms", map("email", "model-ops+alerts@example.co.uk"));

        AlarmOptions toTopic = DeploymentConfig.parse(topic).alarms();

        assertEquals(new AlarmOptions("arn:aws-us-gov:sns:us-gov-west-1:123456789012:ops_alerts-1", null), toTopic);
        assertEquals("us-gov-west-1", toTopic.topicRegion().orElseThrow());
        assertEquals(new AlarmOptions(null, "model-ops+alerts@example.co.uk"), DeploymentConfig.parse(email).alarms());
    }

    @Test
    void readsTheApiLocks() {
        Map<String, Object> context = TestConfigs.example();
        String pipeline = "arn:aws-us-gov:iam::210987654321:user/ci/training-pipeline";
        context.put("api", map("allowedPrincipals", list(OPERATORS, pipeline), "apiKeyRequired", true));

        ApiOptions api = DeploymentConfig.parse(context).api();

        assertEquals(new ApiOptions("prod", 5, 10, List.of(OPERATORS, pipeline), true), api);
    }

    @Test
    void defaultsTheCeilingToMaxElseMin() {
        Map<String, Object> context = TestConfigs.example();
        model(context, "defects").remove("inferenceUnitCeiling");
        model(context, "logos").put("minInferenceUnits", 3);

        DeploymentConfig config = DeploymentConfig.parse(withoutSchedules(context));

        assertEquals(2, config.models().get("defects").inferenceUnitCeiling());
        assertEquals(3, config.models().get("logos").inferenceUnitCeiling());
    }

    @Test
    void parsesSchedulesWithActionDefaultingToStart() {
        DeploymentConfig config = DeploymentConfig.parse(TestConfigs.example());

        ScheduleConfig keepRunning = config.schedules().get(2);
        assertEquals("keep-running", keepRunning.name());
        assertEquals("0/30 8-18 ? * MON-FRI *", keepRunning.cron());
        assertEquals("Europe/Berlin", keepRunning.timezone());
        assertEquals(new Command(Action.START, List.of("defects"), 2L, 4L), keepRunning.command());
    }

    @Test
    void derivesTheProjectPatternFromTheVersionArn() {
        ModelConfig logos = DeploymentConfig.parse(TestConfigs.example()).models().get("logos");

        assertEquals("arn:aws:rekognition:us-east-1:123456789012:project/logos/*", logos.projectArnPattern());
        assertEquals("us-east-1", logos.region());
    }

    @Test
    void acceptsUnitsUpToTheProductsOneBound() {
        Map<String, Object> context = TestConfigs.defectsOnly();
        model(context, "defects").put("inferenceUnitCeiling", InferenceUnits.MAX);

        assertEquals(InferenceUnits.MAX, DeploymentConfig.parse(context).models().get("defects").inferenceUnitCeiling());
    }

    @Test
    void leavesTheDefaultCommandToTheFunctionWhenNoneIsConfigured() {
        Map<String, Object> context = TestConfigs.example();
        context.put("defaultCommand", map("action", "stop", "models", list("logos")));

        assertEquals(Optional.of(new Command(Action.STOP, List.of("logos"), null, null)),
                DeploymentConfig.parse(context).defaultCommandIfConfigured());
        assertEquals(Optional.empty(), DeploymentConfig.parse(TestConfigs.example()).defaultCommandIfConfigured());
    }

    @Test
    void readsWholeNumbersGivenAsDecimals() {
        Map<String, Object> context = TestConfigs.defectsOnly();
        model(context, "defects").put("minInferenceUnits", 2.0);

        assertEquals(2, DeploymentConfig.parse(context).models().get("defects").minInferenceUnits());
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                bad("a version ARN that is not one", "models.defects.projectVersionArn",
                        c -> model(c, "defects").put("projectVersionArn", "arn:aws:rekognition:eu-west-1:123:project/x")),
                bad("a model without version ARN", "models.logos.projectVersionArn: required",
                        c -> model(c, "logos").remove("projectVersionArn")),
                bad("a project ARN of another project", "models.defects.projectArn: belongs to another project",
                        c -> model(c, "defects").put("projectArn",
                                "arn:aws:rekognition:eu-west-1:123456789012:project/other/1761900000000")),
                bad("a malformed project ARN", "models.defects.projectArn",
                        c -> model(c, "defects").put("projectArn", DEFECTS_VERSION)),
                bad("min above max", "models.defects.maxInferenceUnits: 2 is below minInferenceUnits 3",
                        c -> model(c, "defects").put("minInferenceUnits", 3)),
                bad("a ceiling below max", "models.defects.inferenceUnitCeiling: 1 is below the model's own "
                        + "maxInferenceUnits 2", c -> model(c, "defects").put("inferenceUnitCeiling", 1)),
                bad("zero units", "models.logos.minInferenceUnits: 0 is out of range",
                        c -> model(c, "logos").put("minInferenceUnits", 0)),
                bad("units above the 32-bit field the API carries them in", "models.defects.inferenceUnitCeiling: "
                        + "2147483648 is out of range; use 1 to 2147483647 inference units",
                        c -> model(c, "defects").put("inferenceUnitCeiling", InferenceUnits.MAX + 1)),
                bad("a schedule of more models than a command takes", "schedules[0] (weekday-warm-up).models: names "
                        + "51 models; a command takes at most 50", DeploymentConfigTest::fiftyOneModelsInASchedule),
                bad("fractional units", "models.logos.minInferenceUnits: 1.5 must be a whole number",
                        c -> model(c, "logos").put("minInferenceUnits", 1.5)),
                bad("units as a string", "models.logos.minInferenceUnits: must be a number",
                        c -> model(c, "logos").put("minInferenceUnits", "1")),
                bad("an idle stop under five minutes", "models.defects.idleStopMinutes: 2 is out of range",
                        c -> model(c, "defects").put("idleStopMinutes", 2)),
                bad("a misspelt model key", "models.logos.minInferenceUnit: unknown key",
                        c -> model(c, "logos").put("minInferenceUnit", 1)),
                bad("a wrongly cased model key", "models.logos.ProjectArn: unknown key; did you mean \"projectArn\"?",
                        c -> model(c, "logos").put("ProjectArn", DEFECTS_PROJECT)),
                bad("a model name with a space", "models.my model: model name must match",
                        c -> models(c).put("my model", map("projectVersionArn", LOGOS_VERSION))),
                bad("no models", "models: required", c -> {
                    c.remove("models");
                    c.remove("schedules");
                }),
                bad("a schedule above a model's ceiling",
                        "schedules[2] (keep-running).maxInferenceUnits: 5 exceeds model \"defects\"'s "
                                + "inferenceUnitCeiling 4", c -> schedule(c, 2).put("maxInferenceUnits", 5)),
                bad("a schedule min above its max", "schedules[2] (keep-running).minInferenceUnits: 4 is above "
                        + "maxInferenceUnits 3", c -> {
                    schedule(c, 2).put("minInferenceUnits", 4);
                    schedule(c, 2).put("maxInferenceUnits", 3);
                }),
                bad("a schedule max below the model's min", "schedules[0] (weekday-warm-up).maxInferenceUnits: 1 is "
                        + "below model \"logos\"'s minInferenceUnits 2", c -> {
                    model(c, "logos").put("minInferenceUnits", 2);
                    schedule(c, 0).put("maxInferenceUnits", 1);
                }),
                bad("units on a stop schedule", "schedules[1] (weekday-cool-down): minInferenceUnits/maxInferenceUnits "
                        + "only apply to action start", c -> schedule(c, 1).put("minInferenceUnits", 1)),
                bad("an unknown model in a schedule", "schedules[1] (weekday-cool-down).models: \"defect\" is not a "
                        + "configured model", c -> schedule(c, 1).put("models", list("defect", "logos"))),
                bad("a schedule without models", "schedules[0] (weekday-warm-up).models: required",
                        c -> schedule(c, 0).remove("models")),
                bad("an empty model list", "schedules[0] (weekday-warm-up).models: must be a non-empty list",
                        c -> schedule(c, 0).put("models", list())),
                bad("an unknown action", "schedules[0] (weekday-warm-up).action: \"restart\" is not an action a "
                        + "schedule can take; use one of start|stop|status", c -> schedule(c, 0).put("action", "restart")),
                bad("a schedule that sets an override", "schedules[0] (weekday-warm-up).action: \"override\" is not "
                        + "an action a schedule can take", c -> schedule(c, 0).put("action", "override")),
                bad("an override maximum of zero days", "overrides.maxDays: 0 is out of range; use 1 to 365 days",
                        c -> c.put("overrides", new LinkedHashMap<>(Map.of("maxDays", 0)))),
                bad("a verification timeout over a day", "verification.timeoutMinutes: 1441 is out of range; use 1 "
                        + "to 1440 minutes from a start by which the model must be RUNNING",
                        c -> c.put("verification", map("timeoutMinutes", 1441))),
                bad("a first check of zero minutes", "verification.firstCheckMinutes: 0 is out of range; use 1 to "
                        + "1440 minutes from a start to its first check",
                        c -> c.put("verification", map("firstCheckMinutes", 0))),
                bad("a first check at the timeout", "verification.firstCheckMinutes: 30 must be less than "
                        + "verification.timeoutMinutes 30, or no check would run before the deadline; lower it or "
                        + "raise timeoutMinutes",
                        c -> c.put("verification", map("timeoutMinutes", 30, "firstCheckMinutes", 30))),
                bad("a timeout below the default first check", "verification.firstCheckMinutes: 10 (the default) "
                        + "must be less than verification.timeoutMinutes 8",
                        c -> c.put("verification", map("timeoutMinutes", 8))),
                bad("a check interval beyond the timeout", "verification.checkEveryMinutes: 60 must be less than "
                        + "verification.timeoutMinutes 40",
                        c -> c.put("verification", map("checkEveryMinutes", 60))),
                bad("a fractional check interval", "verification.checkEveryMinutes: 2.5 must be a whole number of "
                        + "minutes between checks", c -> c.put("verification", map("checkEveryMinutes", 2.5))),
                bad("a verification option misspelt", "verification.timeoutminutes: unknown key; did you mean "
                        + "\"timeoutMinutes\"?", c -> c.put("verification", map("timeoutminutes", 30))),
                bad("verification as a number", "verification: must be an object",
                        c -> c.put("verification", 40)),
                bad("an override option misspelt", "overrides.maxdays: unknown key; did you mean \"maxDays\"?",
                        c -> c.put("overrides", new LinkedHashMap<>(Map.of("maxdays", 7)))),
                bad("a time zone that is not IANA", "schedules[0] (weekday-warm-up).timezone: \"CET+1\" is not an "
                        + "IANA time zone", c -> schedule(c, 0).put("timezone", "CET+1")),
                bad("a UTC offset as time zone", "schedules[0] (weekday-warm-up).timezone",
                        c -> schedule(c, 0).put("timezone", "+02:00")),
                bad("a missing time zone", "schedules[0] (weekday-warm-up).timezone: required",
                        c -> schedule(c, 0).remove("timezone")),
                bad("a five-field cron", "schedules[0] (weekday-warm-up).cron: \"0 7 ? * MON-FRI\" has 5 fields",
                        c -> schedule(c, 0).put("cron", "0 7 ? * MON-FRI")),
                bad("a cron with both days given", "schedules[0] (weekday-warm-up).cron: \"0 7 1 * MON-FRI *\": "
                        + "exactly one of day-of-month", c -> schedule(c, 0).put("cron", "0 7 1 * MON-FRI *")),
                bad("a cron with neither day '?'", "exactly one of day-of-month (3rd field) and day-of-week",
                        c -> schedule(c, 0).put("cron", "0 7 * * * *")),
                bad("a cron with a bad character", "schedules[0] (weekday-warm-up).cron: \"7h\" is not a valid hours",
                        c -> schedule(c, 0).put("cron", "0 7h ? * MON-FRI *")),
                bad("a wrapped cron", "schedules[0] (weekday-warm-up).cron: give the six fields without",
                        c -> schedule(c, 0).put("cron", "cron(0 7 ? * MON-FRI *)")),
                bad("a duplicate schedule name", "schedules[1] (weekday-warm-up).name: \"weekday-warm-up\" is used "
                        + "by another schedule", c -> schedule(c, 1).put("name", "weekday-warm-up")),
                bad("a schedule name with a space", "schedules[0] (warm up).name: must match",
                        c -> schedule(c, 0).put("name", "warm up")),
                bad("a misspelt schedule key", "schedules[0] (weekday-warm-up).timeZone: unknown key; did you mean "
                        + "\"timezone\"?", c -> schedule(c, 0).put("timeZone", "UTC")),
                bad("schedules that are not a list", "schedules: must be a list",
                        c -> c.put("schedules", map("name", "x"))),
                bad("a default command for an unknown model", "defaultCommand.models: \"nope\" is not a configured "
                        + "model", c -> c.put("defaultCommand", map("models", list("nope")))),
                bad("a default command above the ceiling", "defaultCommand.minInferenceUnits: 9 exceeds model "
                        + "\"defects\"'s inferenceUnitCeiling 4", c -> c.put("defaultCommand",
                        map("minInferenceUnits", 9))),
                bad("an unknown default command key", "defaultCommand.model: unknown key",
                        c -> c.put("defaultCommand", map("model", "defects"))),
                bad("a log retention CloudWatch does not offer", "function.logRetentionDays: 31 is not a CloudWatch "
                        + "Logs retention period", c -> c.put("function", map("logRetentionDays", 31))),
                bad("memory above Lambda's maximum", "function.memorySize: 20000 is out of range",
                        c -> c.put("function", map("memorySize", 20000))),
                bad("a timeout above 15 minutes", "function.timeoutSeconds: 901 is out of range",
                        c -> c.put("function", map("timeoutSeconds", 901))),
                bad("snapStart as a string", "function.snapStart: must be true or false",
                        c -> c.put("function", map("snapStart", "yes"))),
                bad("an unknown function key", "function.memory: unknown key",
                        c -> c.put("function", map("memory", 512))),
                bad("a stage name with a slash", "api.stageName: \"prod/v1\" must match",
                        c -> c.put("api", map("stageName", "prod/v1"))),
                bad("a zero rate limit", "api.throttlingRateLimit: must be above 0",
                        c -> c.put("api", map("throttlingRateLimit", 0))),
                bad("an unknown api key", "api.cors: unknown key", c -> c.put("api", map("cors", true))),
                bad("allowed principals as a string", "api.allowedPrincipals: must be a non-empty list of IAM role "
                        + "or user ARNs", c -> c.put("api", map("allowedPrincipals", OPERATORS))),
                bad("no allowed principals", "api.allowedPrincipals: must be a non-empty list",
                        c -> c.put("api", map("allowedPrincipals", list()))),
                bad("a principal that is not an ARN", "api.allowedPrincipals: \"model-operators\" is not an IAM role "
                        + "or user ARN", c -> c.put("api", map("allowedPrincipals", list("model-operators")))),
                bad("an account root as principal", "api.allowedPrincipals: \"arn:aws:iam::123456789012:root\" is "
                        + "not an IAM role or user ARN", c -> c.put("api", map("allowedPrincipals",
                        list("arn:aws:iam::123456789012:root")))),
                bad("a wildcard principal", "api.allowedPrincipals: \"arn:aws:iam::123456789012:role/*\" is not",
                        c -> c.put("api", map("allowedPrincipals", list("arn:aws:iam::123456789012:role/*")))),
                bad("an assumed-role session as principal", "is not an IAM role or user ARN",
                        c -> c.put("api", map("allowedPrincipals",
                                list("arn:aws:sts::123456789012:assumed-role/model-operators/alice")))),
                bad("a principal listed twice", "api.allowedPrincipals: \"" + OPERATORS + "\" is listed twice",
                        c -> c.put("api", map("allowedPrincipals", list(OPERATORS, OPERATORS)))),
                bad("a principal that is not a string", "api.allowedPrincipals: must list ARNs as strings",
                        c -> c.put("api", map("allowedPrincipals", list(123456789012L)))),
                bad("apiKeyRequired as a string", "api.apiKeyRequired: must be true or false",
                        c -> c.put("api", map("apiKeyRequired", "yes"))),
                bad("a region that is not one", "region: \"Ireland\" is not an AWS region",
                        c -> c.put("region", "Ireland")),
                bad("an hour out of range", "schedules[0] (weekday-warm-up).cron: \"0 25 ? * MON-FRI *\": hours "
                        + "\"25\": 25 is outside 0-23; EventBridge allows minutes 0-59, hours 0-23",
                        c -> schedule(c, 0).put("cron", "0 25 ? * MON-FRI *")),
                bad("a day name that is not one", "schedules[0] (weekday-warm-up).cron: \"0 7 ? * MON-FRY *\": "
                        + "day-of-week \"MON-FRY\": \"FRY\" is not a number or one of SUN,MON,TUE,WED,THU,FRI,SAT",
                        c -> schedule(c, 0).put("cron", "0 7 ? * MON-FRY *")),
                bad("day-of-week 0", "day-of-week \"0\": 0 is outside 1-7; EventBridge allows",
                        c -> schedule(c, 0).put("cron", "0 7 ? * 0 *")),
                bad("a topic ARN that is not one", "alarms.topicArn: \"ops-alerts\" is not an SNS topic ARN; give the "
                        + "ARN of an existing topic", c -> c.put("alarms", map("topicArn", "ops-alerts"))),
                bad("a queue ARN as topic", "alarms.topicArn: \"arn:aws:sqs:eu-west-1:123456789012:q\" is not an "
                        + "SNS topic ARN", c -> c.put("alarms", map("topicArn", "arn:aws:sqs:eu-west-1:123456789012:q"))),
                bad("a FIFO topic", "alarms.topicArn: \"arn:aws:sns:eu-west-1:123456789012:ops.fifo\" is a FIFO "
                        + "topic, and CloudWatch alarms can only notify a standard topic",
                        c -> c.put("alarms", map("topicArn", "arn:aws:sns:eu-west-1:123456789012:ops.fifo"))),
                bad("an email without a domain", "alarms.email: \"ops\" is not an email address; give one address",
                        c -> c.put("alarms", map("email", "ops"))),
                bad("two email addresses", "alarms.email: \"a@example.com, b@example.com\" is not an email address",
                        c -> c.put("alarms", map("email", "a@example.com, b@example.com"))),
                bad("an email list", "alarms.email: must be a non-empty string",
                        c -> c.put("alarms", map("email", list("ops@example.com")))),
                bad("both a topic and an email", "alarms: topicArn and email are both set; keep one",
                        c -> c.put("alarms", map("topicArn", "arn:aws:sns:eu-west-1:123456789012:ops",
                                "email", "ops@example.com"))),
                bad("an unknown alarms key", "alarms.emails: unknown key; expected one of [topicArn, email]",
                        c -> c.put("alarms", map("emails", "ops@example.com"))),
                bad("alarms as a string", "alarms: must be an object",
                        c -> c.put("alarms", "ops@example.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void rejectsAConfigurationNamingTheKey(String description, String expected,
                                          Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> context = TestConfigs.example();
        breakIt.accept(context);

        ConfigException error = assertThrows(ConfigException.class, () -> DeploymentConfig.parse(context));

        assertTrue(error.problems().stream().anyMatch(problem -> problem.contains(expected)),
                "expected a problem containing <" + expected + "> in:\n" + error.getMessage());
    }

    @Test
    void readsTheVerificationTimingsAndDefaultsTheRest() {
        assertEquals(new VerificationOptions(10, 5, 40), DeploymentConfig.parse(TestConfigs.example()).verification());

        Map<String, Object> context = TestConfigs.example();
        context.put("verification", map("timeoutMinutes", 90, "checkEveryMinutes", 15));

        assertEquals(new VerificationOptions(10, 15, 90), DeploymentConfig.parse(context).verification());
    }

    @Test
    void doesNotCompareATimingWithATimeoutAlreadyReportedBroken() {
        Map<String, Object> context = TestConfigs.example();
        context.put("verification", map("timeoutMinutes", "forty", "firstCheckMinutes", 45));

        ConfigException error = assertThrows(ConfigException.class, () -> DeploymentConfig.parse(context));

        assertEquals(List.of("verification.timeoutMinutes: must be a number, not \"forty\""), error.problems());
    }

    @Test
    void listsEveryProblemInOneMessage() {
        Map<String, Object> context = TestConfigs.example();
        model(context, "defects").put("minInferenceUnits", 3);
        schedule(context, 0).put("timezone", "Mars/Olympus");
        schedule(context, 1).put("name", "weekday-warm-up");
        context.put("function", map("logRetentionDays", 31));

        ConfigException error = assertThrows(ConfigException.class, () -> DeploymentConfig.parse(context));

        assertEquals(4, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().startsWith("Invalid configuration in cdk.json \"context\" (4 problems):"));
        error.problems().forEach(problem -> assertTrue(error.getMessage().contains("\n  - " + problem)));
    }

    @Test
    void explainsWhatAModelVersionArnLooksLike() {
        Map<String, Object> context = TestConfigs.example();
        model(context, "logos").put("projectVersionArn", "logos");

        ConfigException error = assertThrows(ConfigException.class, () -> DeploymentConfig.parse(context));

        assertEquals(List.of("models.logos.projectVersionArn: \"logos\" is not a model version ARN; copy it from the "
                + "Rekognition console or DescribeProjectVersions, it looks like "
                + "arn:aws:rekognition:<region>:<account>:project/<project>/version/<version>/<number>"),
                error.problems());
    }

    private static Map<String, Object> withoutSchedules(Map<String, Object> context) {
        context.remove("schedules");
        return context;
    }

    private static Arguments bad(String description, String expected, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(description, expected, breakIt);
    }

    private static void fiftyOneModelsInASchedule(Map<String, Object> context) {
        List<Object> names = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            String name = "model-" + i;
            models(context).put(name, map("projectVersionArn", DEFECTS_VERSION.replace("/1761955200000", "/" + i)));
            names.add(name);
        }
        schedule(context, 0).put("models", names);
    }

    private static ModelConfig expectedModel(String name, String versionArn, String projectArn, long min, Long max,
                                             long ceiling, Integer idleStopMinutes) {
        return new ModelConfig(new io.github.customlabels.scheduler.contract.ModelConfig(name,
                ProjectVersionArn.parse(versionArn).orElseThrow(), Optional.ofNullable(projectArn), min, max, ceiling),
                idleStopMinutes);
    }
}
