package io.github.customlabels.scheduler.infra.config;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.contract.CronSchedule;
import io.github.customlabels.scheduler.contract.InferenceUnits;
import io.github.customlabels.scheduler.contract.ProjectArn;
import io.github.customlabels.scheduler.contract.ProjectVersionArn;
import io.github.customlabels.scheduler.contract.SchedulerConfig;
import io.github.customlabels.scheduler.contract.VerificationSettings;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns cdk.json context into a {@link DeploymentConfig}, collecting every problem with the key it concerns and its fix. */
final class ConfigParser {


    private static final Pattern STAGE_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d+$");

    /**
     * An IAM role or user ARN. Account roots (every principal of an account) and wildcards are left out on purpose:
     * the API's lock names principals one by one, and denies everyone else by comparing aws:PrincipalArn, which for
     * a role session is the role's ARN.
     */
    static final Pattern IAM_PRINCIPAL_ARN = Pattern.compile(
            "^arn:aws(-[a-z]+)*:iam::\\d{12}:(role|user)/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$");

    /** Characters EventBridge allows in each cron field, in field order. */
    private static final List<Pattern> CRON_FIELDS = List.of(
            Pattern.compile("^[0-9,\\-*/]+$"),
            Pattern.compile("^[0-9,\\-*/]+$"),
            Pattern.compile("^[0-9,\\-*?/LW]+$"),
            Pattern.compile("^[0-9A-Za-z,\\-*/]+$"),
            Pattern.compile("^[0-9A-Za-z,\\-*?/L#]+$"),
            Pattern.compile("^[0-9,\\-*/]+$"));
    private static final List<String> CRON_FIELD_NAMES =
            List.of("minutes", "hours", "day-of-month", "month", "day-of-week", "year");


    private static final List<String> MODEL_KEYS = List.of("projectVersionArn", "projectArn", "minInferenceUnits",
            "maxInferenceUnits", "inferenceUnitCeiling", "idleStopMinutes");
    private static final List<String> SCHEDULE_KEYS = List.of("name", "cron", "timezone", "action", "models",
            "minInferenceUnits", "maxInferenceUnits", "description");
    private static final List<String> COMMAND_KEYS = List.of("action", "models", "minInferenceUnits",
            "maxInferenceUnits");
    private static final List<String> FUNCTION_KEYS = List.of("memorySize", "timeoutSeconds", "logRetentionDays",
            "snapStart", "reservedConcurrency");
    private static final List<String> API_KEYS = List.of("stageName", "throttlingRateLimit", "throttlingBurstLimit",
            "allowedPrincipals", "apiKeyRequired");
    private static final List<String> ALARM_KEYS = List.of("topicArn", "email");
    private static final List<String> OVERRIDE_KEYS = List.of("maxDays");
    private static final List<String> VERIFICATION_KEYS = List.of("timeoutMinutes", "firstCheckMinutes",
            "checkEveryMinutes");

    /** Deliberately loose: SNS confirms the address by mail, so this only catches what is plainly not one. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    private final List<String> problems = new ArrayList<>();

    /** Every name under "models", valid or not, so a broken model is reported once and not again where it is used. */
    private final Set<String> configuredModelNames = new HashSet<>();

    DeploymentConfig parse(Map<String, ?> context) {
        Map<String, ModelConfig> models = models(context.get("models"));
        List<ScheduleConfig> schedules = schedules(context.get("schedules"), models);
        Command defaultCommand = defaultCommand(context.get("defaultCommand"), models);
        FunctionOptions function = function(context.get("function"));
        ApiOptions api = api(context.get("api"));
        AlarmOptions alarms = alarms(context.get("alarms"));
        String region = region(context.get("region"));
        int overrideMaxDays = overrideMaxDays(context.get("overrides"));
        VerificationOptions verification = verification(context.get("verification"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DeploymentConfig(models, schedules, defaultCommand, function, api, alarms, region, overrideMaxDays,
                verification);
    }

    private Map<String, ModelConfig> models(Object value) {
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        if (value == null) {
            problem("models", "required; add at least one model, e.g. \"models\": {\"defects\": "
                    + "{\"projectVersionArn\": \"arn:aws:rekognition:...:project/P/version/V/123\"}}");
            return models;
        }
        Map<String, Object> entries = object("models", value);
        if (entries == null) {
            return models;
        }
        if (entries.isEmpty()) {
            problem("models", "is empty; add at least one model");
        }
        configuredModelNames.addAll(entries.keySet());
        entries.forEach((name, modelValue) -> {
            String key = "models." + name;
            if (!CommandShape.isModelName(name)) {
                problem(key, "model name must match " + CommandShape.MODEL_NAME.pattern()
                        + " (letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters)");
            }
            ModelConfig model = model(key, name, modelValue);
            if (model != null) {
                models.put(name, model);
            }
        });
        return models;
    }

    private ModelConfig model(String key, String name, Object value) {
        Map<String, Object> fields = object(key, value);
        if (fields == null) {
            return null;
        }
        rejectUnknownKeys(key, fields, MODEL_KEYS);
        int before = problems.size();

        String versionArn = string(key + ".projectVersionArn", fields.get("projectVersionArn"), true);
        ProjectVersionArn version = null;
        if (versionArn != null) {
            version = ProjectVersionArn.parse(versionArn).orElse(null);
            if (version == null) {
                problem(key + ".projectVersionArn", "\"" + versionArn + "\" is not a model version ARN; copy it from "
                        + "the Rekognition console or DescribeProjectVersions, it looks like "
                        + "arn:aws:rekognition:<region>:<account>:project/<project>/version/<version>/<number>");
            }
        }

        String projectArn = string(key + ".projectArn", fields.get("projectArn"), false);
        if (projectArn != null) {
            if (!ProjectArn.isValid(projectArn)) {
                problem(key + ".projectArn", "\"" + projectArn + "\" is not a project ARN; it looks like "
                        + "arn:aws:rekognition:<region>:<account>:project/<project>/<number>, or leave it out "
                        + "to have the function look it up");
            } else if (version != null && !projectArn.startsWith("arn:" + version.partition() + ":rekognition:"
                    + version.region() + ":" + version.account() + ":project/" + version.projectName() + "/")) {
                problem(key + ".projectArn", "belongs to another project, region or account than projectVersionArn;"
                        + " give the ARN of project \"" + version.projectName() + "\" in " + version.region()
                        + ", account " + version.account());
            }
        }

        Long min = units(key + ".minInferenceUnits", fields.get("minInferenceUnits"));
        long minUnits = min == null ? 1 : min;
        Long max = units(key + ".maxInferenceUnits", fields.get("maxInferenceUnits"));
        if (max != null && max < minUnits) {
            problem(key + ".maxInferenceUnits", max + " is below minInferenceUnits " + minUnits
                    + "; raise it or lower minInferenceUnits");
        }
        Long ceiling = units(key + ".inferenceUnitCeiling", fields.get("inferenceUnitCeiling"));
        long resolvedCeiling = ceiling != null ? ceiling
                : io.github.customlabels.scheduler.contract.ModelConfig.defaultCeiling(minUnits, max);
        if (ceiling != null && (ceiling < minUnits || (max != null && ceiling < max))) {
            problem(key + ".inferenceUnitCeiling", ceiling + " is below the model's own "
                    + (max != null && ceiling < max ? "maxInferenceUnits " + max : "minInferenceUnits " + minUnits)
                    + "; raise the ceiling or leave it out (it defaults to maxInferenceUnits, else minInferenceUnits)");
        }
        Long idle = integer(key + ".idleStopMinutes", fields.get("idleStopMinutes"), 5, 1440,
                "minutes without DetectCustomLabels requests before the model is stopped");

        if (problems.size() > before) {
            return null;
        }
        return new ModelConfig(new io.github.customlabels.scheduler.contract.ModelConfig(name, version,
                Optional.ofNullable(projectArn), minUnits, max, resolvedCeiling), idle == null ? null : idle.intValue());
    }

    private List<ScheduleConfig> schedules(Object value, Map<String, ModelConfig> models) {
        List<ScheduleConfig> schedules = new ArrayList<>();
        if (value == null) {
            return schedules;
        }
        if (!(value instanceof List<?> list)) {
            problem("schedules", "must be a list of schedules, e.g. [{\"name\": \"warm-up\", \"cron\": "
                    + "\"0 7 ? * MON-FRI *\", \"timezone\": \"Europe/Berlin\", \"models\": [\"defects\"]}]");
            return schedules;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String key = "schedules[" + i + "]";
            Map<String, Object> fields = object(key, list.get(i));
            if (fields == null) {
                continue;
            }
            int before = problems.size();

            String name = string(key + ".name", fields.get("name"), true);
            if (name != null) {
                key = "schedules[" + i + "] (" + name + ")";
                if (!CommandShape.isScheduleName(name)) {
                    problem(key + ".name", "must match " + CommandShape.SCHEDULE_NAME.pattern()
                            + " (letters, digits, '.', '_' and '-', at most 64 characters)");
                } else if (!names.add(name)) {
                    problem(key + ".name", "\"" + name + "\" is used by another schedule; schedule names must be unique");
                }
            }
            rejectUnknownKeys(key, fields, SCHEDULE_KEYS);
            String cron = cron(key + ".cron", fields.get("cron"));
            String timezone = timezone(key + ".timezone", fields.get("timezone"));
            Command command = command(key, fields, models, false);
            String description = string(key + ".description", fields.get("description"), false);
            if (description != null && description.length() > 512) {
                problem(key + ".description", "is " + description.length() + " characters; EventBridge Scheduler "
                        + "allows at most 512");
            }
            if (problems.size() == before) {
                schedules.add(new ScheduleConfig(name, cron, timezone, command, description));
            }
        }
        return schedules;
    }

    private Command defaultCommand(Object value, Map<String, ModelConfig> models) {
        if (value == null) {
            // The function's own default: start every configured model (written as no command at all, so it never
            // passes a command's model limit however many models there are).
            return null;
        }
        Map<String, Object> fields = object("defaultCommand", value);
        if (fields == null) {
            return null;
        }
        rejectUnknownKeys("defaultCommand", fields, COMMAND_KEYS);
        return command("defaultCommand", fields, models, true);
    }

    /** The command a schedule or the default command sends; its models and units checked against the models. */
    private Command command(String key, Map<String, Object> fields, Map<String, ModelConfig> models,
                            boolean modelsDefaultToAll) {
        int before = problems.size();
        Action action = Action.START;
        String actionValue = string(key + ".action", fields.get("action"), false);
        if (actionValue != null) {
            action = Action.parse(actionValue).filter(Action::schedulable).orElse(null);
            if (action == null) {
                // Overrides are set by people, through the API or a command, never by a schedule.
                problem(key + ".action", "\"" + actionValue + "\" is not an action a schedule can take; use one of "
                        + Arrays.stream(Action.values()).filter(Action::schedulable).map(Action::wireName)
                        .collect(Collectors.joining("|")));
            }
        }

        List<String> names = new ArrayList<>();
        Object modelsValue = fields.get("models");
        if (modelsValue == null && modelsDefaultToAll) {
            names.addAll(models.keySet());
        } else if (!(modelsValue instanceof List<?> list) || list.isEmpty()) {
            problem(key + ".models", (modelsValue == null ? "required; " : "must be ")
                    + "a non-empty list of configured model names, e.g. [\""
                    + models.keySet().stream().findFirst().orElse("defects") + "\"]");
        } else {
            for (Object entry : list) {
                if (!(entry instanceof String name)) {
                    problem(key + ".models", "must list model names as strings; found " + describe(entry));
                } else if (!configuredModelNames.contains(name)) {
                    problem(key + ".models", "\"" + name + "\" is not a configured model; configure it under "
                            + "\"models\" or use one of " + new TreeSet<>(configuredModelNames));
                } else if (names.contains(name)) {
                    problem(key + ".models", "\"" + name + "\" is listed twice; list each model once");
                } else {
                    names.add(name);
                }
            }
            if (list.size() > CommandShape.MAX_MODELS) {
                problem(key + ".models", "names " + list.size() + " models; a command takes at most "
                        + CommandShape.MAX_MODELS + " (the function refuses more), so split it into several with the "
                        + "same cron and timezone");
            }
        }

        Long min = units(key + ".minInferenceUnits", fields.get("minInferenceUnits"));
        Long max = units(key + ".maxInferenceUnits", fields.get("maxInferenceUnits"));
        if ((min != null || max != null) && action != null && action != Action.START) {
            problem(key, "minInferenceUnits/maxInferenceUnits only apply to action start; remove them from this "
                    + action.wireName() + " command");
        } else if (min != null && max != null && min > max) {
            problem(key + ".minInferenceUnits", min + " is above maxInferenceUnits " + max
                    + "; lower it or raise maxInferenceUnits");
        } else {
            for (String name : names) {
                ModelConfig model = models.get(name);
                if (model == null) {
                    continue;
                }
                long effectiveMin = min != null ? min : model.minInferenceUnits();
                if (min != null && min > model.inferenceUnitCeiling()) {
                    problem(key + ".minInferenceUnits", min + " exceeds model \"" + name + "\"'s inferenceUnitCeiling "
                            + model.inferenceUnitCeiling() + "; lower it or raise models." + name
                            + ".inferenceUnitCeiling");
                }
                if (max != null && max > model.inferenceUnitCeiling()) {
                    problem(key + ".maxInferenceUnits", max + " exceeds model \"" + name + "\"'s inferenceUnitCeiling "
                            + model.inferenceUnitCeiling() + "; lower it or raise models." + name
                            + ".inferenceUnitCeiling");
                }
                if (max != null && min == null && max < effectiveMin) {
                    problem(key + ".maxInferenceUnits", max + " is below model \"" + name
                            + "\"'s minInferenceUnits " + effectiveMin + "; raise it or also set minInferenceUnits");
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Command(action, names, min, max);
    }

    private String cron(String key, Object value) {
        String cron = string(key, value, true);
        if (cron == null) {
            return null;
        }
        String example = "e.g. \"0 7 ? * MON-FRI *\" for 07:00 on weekdays";
        if (cron.trim().startsWith("cron(")) {
            problem(key, "give the six fields without \"cron(...)\", " + example);
            return null;
        }
        String[] fields = cron.trim().split("\\s+");
        if (fields.length != 6) {
            problem(key, "\"" + cron + "\" has " + fields.length + " fields; EventBridge cron needs six: "
                    + String.join(" ", CRON_FIELD_NAMES) + ", " + example);
            return null;
        }
        int before = problems.size();
        for (int i = 0; i < fields.length; i++) {
            if (!CRON_FIELDS.get(i).matcher(fields[i]).matches()) {
                problem(key, "\"" + fields[i] + "\" is not a valid " + CRON_FIELD_NAMES.get(i) + " field in \""
                        + cron + "\"");
            }
        }
        boolean dayOfMonthAny = fields[2].equals("?");
        boolean dayOfWeekAny = fields[4].equals("?");
        if (dayOfMonthAny == dayOfWeekAny) {
            problem(key, "\"" + cron + "\": exactly one of day-of-month (3rd field) and day-of-week (5th field) "
                    + "must be \"?\", " + example);
        }
        if (problems.size() == before) {
            try {
                CronSchedule.parse(cron);
            } catch (IllegalArgumentException e) {
                problem(key, "\"" + cron + "\": " + e.getMessage() + "; EventBridge allows minutes 0-59, hours 0-23, "
                        + "day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 (1 = Sunday) or SUN-SAT, "
                        + "year 1970-2199");
            }
        }
        return problems.size() > before ? null : String.join(" ", fields);
    }

    private String timezone(String key, Object value) {
        String timezone = string(key, value, true);
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            problem(key, "\"" + timezone + "\" is not an IANA time zone; use a name such as Europe/Berlin, "
                    + "America/New_York or UTC");
            return null;
        }
        return timezone;
    }

    private FunctionOptions function(Object value) {
        FunctionOptions defaults = FunctionOptions.DEFAULTS;
        if (value == null) {
            return defaults;
        }
        Map<String, Object> fields = object("function", value);
        if (fields == null) {
            return null;
        }
        rejectUnknownKeys("function", fields, FUNCTION_KEYS);
        Long memory = integer("function.memorySize", fields.get("memorySize"), 128, 10240, "MB");
        Long timeout = integer("function.timeoutSeconds", fields.get("timeoutSeconds"), 1, 900, "seconds");
        Long retention = integer("function.logRetentionDays", fields.get("logRetentionDays"), 1, 3653, "days");
        if (retention != null && !FunctionOptions.LOG_RETENTION_DAYS.contains(retention.intValue())) {
            problem("function.logRetentionDays", retention + " is not a CloudWatch Logs retention period; use one of "
                    + new TreeSet<>(FunctionOptions.LOG_RETENTION_DAYS));
        }
        Boolean snapStart = bool("function.snapStart", fields.get("snapStart"));
        Long reserved = integer("function.reservedConcurrency", fields.get("reservedConcurrency"), 1, 1000,
                "concurrent executions reserved for this function");
        return new FunctionOptions(
                memory == null ? defaults.memorySize() : memory.intValue(),
                timeout == null ? defaults.timeoutSeconds() : timeout.intValue(),
                retention == null ? defaults.logRetentionDays() : retention.intValue(),
                snapStart == null ? defaults.snapStart() : snapStart,
                reserved == null ? null : reserved.intValue());
    }

    private ApiOptions api(Object value) {
        ApiOptions defaults = ApiOptions.DEFAULTS;
        if (value == null) {
            return defaults;
        }
        Map<String, Object> fields = object("api", value);
        if (fields == null) {
            return null;
        }
        rejectUnknownKeys("api", fields, API_KEYS);
        String stage = string("api.stageName", fields.get("stageName"), false);
        if (stage != null && !STAGE_NAME.matcher(stage).matches()) {
            problem("api.stageName", "\"" + stage + "\" must match " + STAGE_NAME.pattern());
        }
        BigDecimal rate = number("api.throttlingRateLimit", fields.get("throttlingRateLimit"));
        if (rate != null && rate.signum() <= 0) {
            problem("api.throttlingRateLimit", "must be above 0 requests per second");
        }
        Long burst = integer("api.throttlingBurstLimit", fields.get("throttlingBurstLimit"), 1, 5000, "requests");
        List<String> principals = principalArns("api.allowedPrincipals", fields.get("allowedPrincipals"));
        Boolean apiKeyRequired = bool("api.apiKeyRequired", fields.get("apiKeyRequired"));
        return new ApiOptions(
                stage == null ? defaults.stageName() : stage,
                rate == null ? defaults.throttlingRateLimit() : rate.doubleValue(),
                burst == null ? defaults.throttlingBurstLimit() : burst.intValue(),
                principals == null ? defaults.allowedPrincipals() : principals,
                apiKeyRequired == null ? defaults.apiKeyRequired() : apiKeyRequired);
    }

    private AlarmOptions alarms(Object value) {
        if (value == null) {
            return AlarmOptions.DEFAULTS;
        }
        Map<String, Object> fields = object("alarms", value);
        if (fields == null) {
            return null;
        }
        rejectUnknownKeys("alarms", fields, ALARM_KEYS);
        int before = problems.size();
        String topicArn = string("alarms.topicArn", fields.get("topicArn"), false);
        if (topicArn != null) {
            if (!AlarmOptions.TOPIC_ARN.matcher(topicArn).matches()) {
                problem("alarms.topicArn", "\"" + topicArn + "\" is not an SNS topic ARN; give the ARN of an existing "
                        + "topic in the stack's region, e.g. arn:aws:sns:eu-west-1:123456789012:ops-alerts, or use "
                        + "alarms.email to have the stack create one");
            } else if (topicArn.endsWith(".fifo")) {
                problem("alarms.topicArn", "\"" + topicArn + "\" is a FIFO topic, and CloudWatch alarms can only "
                        + "notify a standard topic; give a standard topic's ARN, or use alarms.email");
            }
        }
        String email = string("alarms.email", fields.get("email"), false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problem("alarms.email", "\"" + email + "\" is not an email address; give one address such as "
                    + "ops@example.com (to reach several people, use a list address, or alarms.topicArn with a "
                    + "topic you subscribe them to)");
        }
        if (topicArn != null && email != null) {
            problem("alarms", "topicArn and email are both set; keep one: topicArn to notify an existing topic "
                    + "(subscribe the address to it there), or email to have the stack create a topic for it");
        }
        if (problems.size() > before) {
            return null;
        }
        return new AlarmOptions(topicArn, email);
    }

    /** How far ahead a person's override may end: overrides.maxDays, 14 days unless set. */
    private int overrideMaxDays(Object value) {
        if (value == null) {
            return SchedulerConfig.DEFAULT_MAX_OVERRIDE_DAYS;
        }
        Map<String, Object> fields = object("overrides", value);
        if (fields == null) {
            return SchedulerConfig.DEFAULT_MAX_OVERRIDE_DAYS;
        }
        rejectUnknownKeys("overrides", fields, OVERRIDE_KEYS);
        Long days = integer("overrides.maxDays", fields.get("maxDays"), 1, SchedulerConfig.MAX_OVERRIDE_DAYS,
                "days an override (keepRunningUntil, skipStartsUntil) may reach ahead");
        return days == null ? SchedulerConfig.DEFAULT_MAX_OVERRIDE_DAYS : days.intValue();
    }

    /**
     * How starts are followed up: verification.timeoutMinutes (at most a day: a start that takes longer has failed),
     * and the two waits, each shorter than the timeout so that at least one check runs before the deadline.
     */
    private VerificationOptions verification(Object value) {
        VerificationOptions defaults = VerificationOptions.DEFAULTS;
        if (value == null) {
            return defaults;
        }
        Map<String, Object> fields = object("verification", value);
        if (fields == null) {
            return defaults;
        }
        rejectUnknownKeys("verification", fields, VERIFICATION_KEYS);
        int min = VerificationSettings.MIN_MINUTES;
        int max = VerificationSettings.MAX_TIMEOUT_MINUTES;
        Long timeout = integer("verification.timeoutMinutes", fields.get("timeoutMinutes"), min, max,
                "minutes from a start by which the model must be RUNNING");
        Long first = integer("verification.firstCheckMinutes", fields.get("firstCheckMinutes"), min, max,
                "minutes from a start to its first check");
        Long every = integer("verification.checkEveryMinutes", fields.get("checkEveryMinutes"), min, max,
                "minutes between checks");
        VerificationOptions options = new VerificationOptions(
                first == null ? defaults.firstCheckMinutes() : first.intValue(),
                every == null ? defaults.checkEveryMinutes() : every.intValue(),
                timeout == null ? defaults.timeoutMinutes() : timeout.intValue());
        // A value already reported as broken is not compared again.
        if (timeout != null || !fields.containsKey("timeoutMinutes")) {
            shorterThanTimeout(fields, "firstCheckMinutes", first, options.firstCheckMinutes(), options);
            shorterThanTimeout(fields, "checkEveryMinutes", every, options.checkEveryMinutes(), options);
        }
        return options;
    }

    private void shorterThanTimeout(Map<String, Object> fields, String field, Long parsed, int minutes,
                                    VerificationOptions options) {
        boolean configured = fields.containsKey(field);
        if ((configured && parsed == null) || minutes < options.timeoutMinutes()) {
            return;
        }
        String key = "verification." + field;
        problem(key, minutes + (configured ? "" : " (the default)") + " must be less than "
                + "verification.timeoutMinutes " + options.timeoutMinutes() + ", or no check would run before the "
                + "deadline; lower it or raise timeoutMinutes");
    }

    /** The principals the API's resource policy lets in: IAM role or user ARNs, each once. */
    private List<String> principalArns(String key, Object value) {
        if (value == null) {
            return null;
        }
        String example = "e.g. [\"arn:aws:iam::123456789012:role/model-operators\"]";
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problem(key, "must be a non-empty list of IAM role or user ARNs, " + example
                    + "; leave the key out to let in every caller whose IAM policy allows execute-api:Invoke");
            return null;
        }
        List<String> arns = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof String arn)) {
                problem(key, "must list ARNs as strings; found " + describe(entry));
            } else if (!IAM_PRINCIPAL_ARN.matcher(arn).matches()) {
                problem(key, "\"" + arn + "\" is not an IAM role or user ARN; use "
                        + "arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name> (an account root "
                        + "or a wildcard would let in every principal of the account), " + example);
            } else if (arns.contains(arn)) {
                problem(key, "\"" + arn + "\" is listed twice; list each principal once");
            } else {
                arns.add(arn);
            }
        }
        return arns;
    }

    private String region(Object value) {
        String region = string("region", value, false);
        if (region != null && !REGION.matcher(region).matches()) {
            problem("region", "\"" + region + "\" is not an AWS region name such as eu-west-1");
            return null;
        }
        return region;
    }

    private Long units(String key, Object value) {
        return integer(key, value, InferenceUnits.MIN, InferenceUnits.MAX, "inference units");
    }

    private Long integer(String key, Object value, long min, long max, String unit) {
        if (value == null) {
            return null;
        }
        BigDecimal number = number(key, value);
        if (number == null) {
            return null;
        }
        if (number.stripTrailingZeros().scale() > 0) {
            problem(key, number + " must be a whole number of " + unit);
            return null;
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(key, number.toPlainString() + " is out of range; use " + min + " to " + max + " " + unit);
            return null;
        }
        return number.longValueExact();
    }

    private BigDecimal number(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            problem(key, "must be a number, not " + describe(value));
            return null;
        }
        try {
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            problem(key, "must be a finite number, not " + number);
            return null;
        }
    }

    private Boolean bool(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean bool)) {
            problem(key, "must be true or false, not " + describe(value));
            return null;
        }
        return bool;
    }

    private String string(String key, Object value, boolean required) {
        if (value == null) {
            if (required) {
                problem(key, "required");
            }
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            problem(key, "must be a non-empty string, not " + describe(value));
            return null;
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String key, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(key, "must be an object ({...}), not " + describe(value));
            return null;
        }
        return (Map<String, Object>) map;
    }

    private void rejectUnknownKeys(String key, Map<String, Object> fields, List<String> known) {
        for (String field : fields.keySet()) {
            if (!known.contains(field)) {
                String suggestion = known.stream().filter(k -> k.equalsIgnoreCase(field)).findFirst()
                        .map(k -> "did you mean \"" + k + "\"?")
                        .orElse("expected one of " + known);
                problem(key + "." + field, "unknown key; " + suggestion);
            }
        }
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        return value instanceof Map ? "an object" : value instanceof List ? "a list" : String.valueOf(value);
    }

    private void problem(String key, String message) {
        problems.add(key + ": " + message);
    }
}
