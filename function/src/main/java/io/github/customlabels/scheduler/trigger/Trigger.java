package io.github.customlabels.scheduler.trigger;

import io.github.customlabels.scheduler.contract.json.Json;
import io.github.customlabels.scheduler.verification.VerificationRequest;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The kinds of event the handler accepts, told apart by their shape before any of them is bound; and the words for
 * what was received when it is none of them (an SQS message, a load balancer's request, another service's event).
 */
enum Trigger {
    API_GATEWAY_REST("api-rest", "an API Gateway REST request (payload 1.0)"),
    API_GATEWAY_HTTP("api-http", "an HTTP API or function URL request (payload 2.0)"),
    CLOUDWATCH_METRIC_ALARM("alarm", "a CloudWatch metric alarm action"),
    CLOUDWATCH_COMPOSITE_ALARM("alarm", "a CloudWatch composite alarm action"),
    EVENTBRIDGE("eventbridge", "an EventBridge event"),
    COMMAND("command", "a command"),
    VERIFICATION("verification", "a check of a start, sent by its one-time schedule"),
    UNKNOWN("unknown", "an unrecognised event");

    /** The sources of EventBridge's own scheduled events; custom events may not use the {@code aws.} prefix. */
    private static final List<String> SCHEDULED_SOURCES = List.of("aws.events", "aws.scheduler");

    private final String logName;
    private final String shape;

    Trigger(String logName, String shape) {
        this.logName = logName;
        this.shape = shape;
    }

    String logName() {
        return logName;
    }

    /** The shape in words, for error messages. */
    String shape() {
        return shape;
    }

    boolean isHttp() {
        return this == API_GATEWAY_REST || this == API_GATEWAY_HTTP;
    }

    static Trigger of(JsonNode event) {
        if (!event.isObject()) {
            return UNKNOWN;
        }
        var fields = event.asObject();
        Optional<JsonNode> context = Json.field(event, "requestContext");
        if (context.isPresent() && Json.field(context.get(), "elb").isEmpty()) {
            if (fields.containsKey("httpMethod")) {
                return API_GATEWAY_REST;
            }
            if (Json.field(context.get(), "http").isPresent()) {
                return API_GATEWAY_HTTP;
            }
        }
        String source = Json.string(event, "source").orElse(null);
        if ("aws.cloudwatch".equals(source) && fields.containsKey("alarmData")) {
            return Json.path(event, "alarmData", "configuration", "alarmRule").isPresent()
                    ? CLOUDWATCH_COMPOSITE_ALARM : CLOUDWATCH_METRIC_ALARM;
        }
        if (source != null && fields.containsKey("detail-type") && fields.containsKey("detail")) {
            boolean awsService = source.startsWith("aws.") && !SCHEDULED_SOURCES.contains(source);
            return awsService ? UNKNOWN : EVENTBRIDGE;
        }
        if (VerificationRequest.looksLikeVerification(event)) {
            return VERIFICATION;
        }
        return CommandReader.looksLikeCommand(event) ? COMMAND : UNKNOWN;
    }

    /** Why an event is refused: what it looks like, and what the function accepts. */
    static String unrecognised(JsonNode event) {
        return "unrecognised event: expected a command (action, model, models, projectVersionArn, ...), an EventBridge"
                + " schedule or custom event, an API Gateway request or a CloudWatch alarm action, got " + received(event);
    }

    private static String received(JsonNode event) {
        if (!event.isObject()) {
            return Json.typeOf(event);
        }
        if (Json.path(event, "requestContext", "elb").isPresent()) {
            return "an Application Load Balancer request";
        }
        Optional<JsonNode> records = Json.field(event, "Records").filter(JsonNode::isArray)
                .filter(r -> !r.asArray().isEmpty());
        if (records.isPresent()) {
            JsonNode first = records.get().asArray().get(0);
            String source = Json.string(first, "eventSource").or(() -> Json.string(first, "EventSource")).orElse("?");
            return switch (source) {
                case "aws:sqs" -> "an SQS message";
                case "aws:sns" -> "an SNS notification";
                case "aws:s3" -> "an S3 event notification";
                default -> "a batch of records from " + Texts.quote(source);
            };
        }
        Optional<String> source = Json.string(event, "source");
        if (source.isPresent() && event.asObject().containsKey("detail-type")) {
            return "an EventBridge event from the AWS service " + Texts.quote(source.get()) + " (detail-type "
                    + Texts.quote(Json.string(event, "detail-type").orElse("?")) + ")";
        }
        return "an object with fields " + Texts.clip(String.join(", ",
                event.asObject().keySet().stream().sorted().limit(10).toList()));
    }
}
