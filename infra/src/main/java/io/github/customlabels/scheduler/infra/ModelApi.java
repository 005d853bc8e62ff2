package io.github.customlabels.scheduler.infra;

import io.github.customlabels.scheduler.infra.config.ApiOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** The REST API over the configured models: IAM-authorized, validated, throttled and logged, proxied to the function. */
public final class ModelApi extends Construct {

    /** What the API is built from. */
    public record Props(IFunction handler, ApiOptions options, RetentionDays accessLogRetention) {

        public Props {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(accessLogRetention, "accessLogRetention");
        }
    }

    private static final Map<String, Boolean> NAME_REQUIRED = Map.of("method.request.path.name", true);

    private final RestApi api;

    public ModelApi(Construct scope, String id, Props props) {
        super(scope, id);
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.accessLogRetention())
                .build();
        ApiOptions options = props.options();
        this.api = RestApi.Builder.create(this, "RestApi")
                .restApiName(Stack.of(this).getStackName() + "-models")
                .description("Starts, stops and reports on Rekognition Custom Labels models")
                // Callers are other systems signing with SigV4, mostly from inside AWS: no edge distribution needed.
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // Access logs need the account's API Gateway CloudWatch role. It is one setting per account and
                // region, possibly used by other APIs, so it stays when this stack is deleted.
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(options.stageName())
                        .throttlingRateLimit(options.throttlingRateLimit())
                        .throttlingBurstLimit(options.throttlingBurstLimit())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        .metricsEnabled(true)
                        .build())
                .defaultMethodOptions(MethodOptions.builder()
                        .authorizationType(AuthorizationType.IAM)
                        .build())
                .build();
        // The stack publishes the URL as ApiUrl; the RestApi's own generated output would only repeat it.
        api.getNode().tryRemoveChild("Endpoint");
        addRoutes(props.handler());
    }

    public RestApi restApi() {
        return api;
    }

    /** The invoke URL of the stage, ending in "/". */
    public String url() {
        return api.getUrl();
    }

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
        MethodOptions read = MethodOptions.builder()
                .requestParameters(NAME_REQUIRED)
                .requestValidator(pathOnly)
                .build();
        MethodOptions act = MethodOptions.builder()
                .requestParameters(NAME_REQUIRED)
                .requestValidator(pathAndBody)
                .requestModels(Map.of("application/json", actionRequestModel()))
                .build();

        IResource models = api.getRoot().addResource("models");
        models.addMethod("GET", integration);
        IResource model = models.addResource("{name}");
        model.addMethod("GET", integration, read);
        model.addResource("start").addMethod("POST", integration, act);
        model.addResource("stop").addMethod("POST", integration, act);
    }

    /** The optional body of start and stop; the function checks the rest (units against the model's ceiling). */
    private Model actionRequestModel() {
        JsonSchema units = JsonSchema.builder()
                .type(JsonSchemaType.INTEGER)
                .minimum(1)
                .maximum(1L << 60)
                .build();
        return api.addModel("ModelActionRequest", ModelOptions.builder()
                .modelName("ModelActionRequest")
                .contentType("application/json")
                .schema(JsonSchema.builder()
                        .schema(JsonSchemaVersion.DRAFT4)
                        .title("ModelActionRequest")
                        .type(JsonSchemaType.OBJECT)
                        .properties(Map.of(
                                "minInferenceUnits", units,
                                "maxInferenceUnits", units,
                                "dryRun", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build()))
                        .additionalProperties(false)
                        .build())
                .build());
    }
}
