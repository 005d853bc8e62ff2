package io.github.customlabels.scheduler.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.contract.InferenceUnits;
import io.github.customlabels.scheduler.contract.Route;
import io.github.customlabels.scheduler.infra.config.ApiOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IApiKey;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The REST API over the configured models: IAM-authorized, validated, throttled and logged, proxied to the function.
 * Optionally locked further to named principals (a resource policy) and to holders of an API key, never instead of IAM.
 */
public final class ModelApi extends Construct {

    /** What the API is built from. */
    public record Props(IFunction handler, ApiOptions options, RetentionDays logRetention) {

        public Props {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(logRetention, "logRetention");
        }
    }

    private static final Map<String, Boolean> NAME_REQUIRED = Map.of("method.request.path." + Route.NAME_PARAMETER, true);

    /** Every method of every stage of this API, in API Gateway's resource policy shorthand. */
    private static final String EVERY_METHOD = "execute-api:/*";

    private final RestApi api;
    private final List<Method> methods = new ArrayList<>();
    private final IApiKey apiKey;

    public ModelApi(Construct scope, String id, Props props) {
        super(scope, id);
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .build();
        ApiOptions options = props.options();
        this.api = RestApi.Builder.create(this, "RestApi")
                .restApiName(Stack.of(this).getStackName() + "-models")
                .description("Starts, stops and reports on Rekognition Custom Labels models")
                // Callers are other systems signing with SigV4, mostly from inside AWS: no edge distribution needed.
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .policy(resourcePolicy(options.allowedPrincipals()).orElse(null))
                // Execution logs need the account's API Gateway CloudWatch role. It is one setting per account and
                // region, possibly used by other APIs, so it stays when this stack is deleted.
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(options.stageName())
                        .throttlingRateLimit(options.throttlingRateLimit())
                        .throttlingBurstLimit(options.throttlingBurstLimit())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        // Execution logs show why API Gateway refused or failed a request (authorization, a body
                        // the validator rejected, the integration). INFO is affordable at an admin API's few
                        // requests; full request and response data (data trace) stays out of the logs.
                        .loggingLevel(MethodLoggingLevel.INFO)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .build())
                .defaultMethodOptions(MethodOptions.builder()
                        .authorizationType(AuthorizationType.IAM)
                        .apiKeyRequired(options.apiKeyRequired())
                        .build())
                .build();
        // The stack publishes the URL as ApiUrl; the RestApi's own generated output would only repeat it.
        api.getNode().tryRemoveChild("Endpoint");
        // API Gateway applies a changed resource policy only with a new deployment, and the CDK's deployment
        // hash covers methods and models but not the policy.
        api.getLatestDeployment().addToLogicalId(Map.of("allowedPrincipals", options.allowedPrincipals()));
        retainExecutionLogsFor(options.stageName(), props.logRetention());
        addRoutes(props.handler());
        this.apiKey = options.apiKeyRequired() ? addUsagePlanAndKey(options) : null;
        suppressAcceptedFindings();
    }

    public RestApi restApi() {
        return api;
    }

    /** The invoke URL of the stage, ending in "/". */
    public String url() {
        return api.getUrl();
    }

    /** The key callers send as x-api-key, when api.apiKeyRequired is set. */
    public Optional<IApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /**
     * IAM authorization alone lets in every principal whose identity policy allows execute-api:Invoke on the API.
     * With allowedPrincipals the API itself also decides: the named principals are allowed, and everyone else is
     * denied, which an identity policy cannot override.
     */
    private static Optional<PolicyDocument> resourcePolicy(List<String> allowedPrincipals) {
        if (allowedPrincipals.isEmpty()) {
            return Optional.empty();
        }
        List<IPrincipal> principals = allowedPrincipals.stream().<IPrincipal>map(ArnPrincipal::new).toList();
        return Optional.of(PolicyDocument.Builder.create()
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .sid("AllowConfiguredPrincipals")
                                .effect(Effect.ALLOW)
                                .principals(principals)
                                .actions(List.of("execute-api:Invoke"))
                                .resources(List.of(EVERY_METHOD))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("DenyEveryoneElse")
                                .effect(Effect.DENY)
                                .principals(List.of(new AnyPrincipal()))
                                .actions(List.of("execute-api:Invoke"))
                                .resources(List.of(EVERY_METHOD))
                                .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", allowedPrincipals)))
                                .build()))
                .build());
    }

    /**
     * API Gateway writes execution logs to a group it names after the API and stage, and creates it without
     * retention if it does not exist. Created here before the stage, the group keeps logs as long as the stack's
     * other logs. The stage name is the configured string, not a reference to the stage, which depends on the group.
     */
    private void retainExecutionLogsFor(String stageName, RetentionDays retention) {
        LogGroup executionLogs = LogGroup.Builder.create(this, "ExecutionLogs")
                .logGroupName(Fn.join("", List.of("API-Gateway-Execution-Logs_", api.getRestApiId(), "/", stageName)))
                .retention(retention)
                .build();
        api.getDeploymentStage().getNode().addDependency(executionLogs);
    }

    /** The key is an extra factor for callers that already sign with IAM; the plan applies the stage throttling to it. */
    private IApiKey addUsagePlanAndKey(ApiOptions options) {
        UsagePlan plan = api.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                .name(Stack.of(this).getStackName() + "-models")
                .description("Callers of the Custom Labels Scheduler API")
                .throttle(ThrottleSettings.builder()
                        .rateLimit(options.throttlingRateLimit())
                        .burstLimit(options.throttlingBurstLimit())
                        .build())
                .apiStages(List.of(UsagePlanPerApiStage.builder()
                        .api(api)
                        .stage(api.getDeploymentStage())
                        .build()))
                .build());
        IApiKey key = api.addApiKey("ApiKey");
        plan.addApiKey(key);
        return key;
    }

    /**
     * One method per route of the contract's route table, with the request model of its body. The function checks
     * what a schema cannot: units against the model's ceiling, an override's ends in the future and within the
     * deployment's maximum.
     */
    private void addRoutes(IFunction handler) {
        // IAM authorization makes the console's test invocations pointless; skipping them halves the permissions.
        LambdaIntegration integration = new LambdaIntegration(handler, LambdaIntegrationOptions.builder()
                .allowTestInvoke(false)
                .build());
        RequestValidator pathOnly = api.addRequestValidator("PathValidator", RequestValidatorOptions.builder()
                .validateRequestParameters(true)
                .build());
        RequestValidator pathAndBody = api.addRequestValidator("PathAndBodyValidator", RequestValidatorOptions.builder()
                .validateRequestParameters(true)
                .validateRequestBody(true)
                .build());
        Map<String, IResource> resources = new TreeMap<>();
        for (Route route : Route.values()) {
            IResource resource = resource(route.segments(), resources);
            if (!route.perModel()) {
                methods.add(resource.addMethod(route.method(), integration));
                continue;
            }
            MethodOptions.Builder options = MethodOptions.builder().requestParameters(NAME_REQUIRED);
            route.bodySchema().ifPresentOrElse(
                    schema -> options.requestValidator(pathAndBody)
                            .requestModels(Map.of("application/json", requestModel(route, schema))),
                    () -> options.requestValidator(pathOnly));
            methods.add(resource.addMethod(route.method(), integration, options.build()));
        }
    }

    /** The resource of a route's path, made once and shared by the routes under it. */
    private IResource resource(List<String> segments, Map<String, IResource> made) {
        IResource resource = api.getRoot();
        for (int i = 0; i < segments.size(); i++) {
            IResource parent = resource;
            String segment = segments.get(i);
            resource = made.computeIfAbsent(String.join("/", segments.subList(0, i + 1)),
                    path -> parent.addResource(segment));
        }
        return resource;
    }

    /** The body a route takes, as a JSON schema of its fields (sorted: the schema is hashed into the deployment). */
    private Model requestModel(Route route, String name) {
        Map<String, JsonSchema> properties = new TreeMap<>();
        for (String field : route.bodyFields()) {
            properties.put(field, switch (CommandShape.typeOf(field)) {
                case UNITS -> JsonSchema.builder().type(JsonSchemaType.INTEGER)
                        .minimum(InferenceUnits.MIN).maximum(InferenceUnits.MAX).build();
                case FLAG -> JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build();
                case TIME -> JsonSchema.builder().type(JsonSchemaType.STRING)
                        .pattern(CommandShape.OFFSET_DATE_TIME).build();
            });
        }
        JsonSchema.Builder schema = JsonSchema.builder()
                .schema(JsonSchemaVersion.DRAFT4)
                .title(name)
                .type(JsonSchemaType.OBJECT)
                .properties(properties)
                .additionalProperties(false);
        if (route.bodyRequiresAField()) {
            schema.minProperties(1);
        }
        return api.addModel(name, ModelOptions.builder()
                .modelName(name)
                .contentType("application/json")
                .schema(schema.build())
                .build());
    }

    /** The AwsSolutions findings this API answers otherwise than the rule asks, each on the resource it concerns. */
    private void suppressAcceptedFindings() {
        NagSuppressions.addResourceSuppressions(methods, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-COG4")
                .reason("IAM (SigV4) authorization instead of Cognito: the callers are AWS principals (services, "
                        + "pipelines, operators with roles), not end users with a user pool identity.")
                .build()));
        NagSuppressions.addResourceSuppressions(api.getDeploymentStage(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-APIG3")
                .reason("No WAF: an IAM-authorized, throttled, low-rate admin API. Unsigned requests are refused "
                        + "before the integration, and a web ACL would cost more each month than the API it guards.")
                .build()));
        NagSuppressions.addResourceSuppressions(api.getNode().findChild("CloudWatchRole"), List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("The account-wide role API Gateway writes execution logs with (set once per account "
                                + "and region, shared with every API there). AWS's managed policy is the documented "
                                + "one and follows the service's needs; a policy scoped to this API would break the "
                                + "logging of the account's other APIs.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs"))
                        .build()));
    }
}
