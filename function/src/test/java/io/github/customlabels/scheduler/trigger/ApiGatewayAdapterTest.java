package io.github.customlabels.scheduler.trigger;

import static io.github.customlabels.scheduler.trigger.Fixtures.CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.contract.CommandShape;
import io.github.customlabels.scheduler.contract.Route;
import io.github.customlabels.scheduler.control.CommandRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** API Gateway events, loaded from {@code events/} as the runtime binds them, become the request the service gets. */
class ApiGatewayAdapterTest {

    private final ApiGatewayAdapter.Rest rest = new ApiGatewayAdapter.Rest(CONFIG.models());
    private final ApiGatewayAdapter.HttpApi httpApi = new ApiGatewayAdapter.HttpApi(CONFIG.models());

    @ParameterizedTest
    @Event(value = "../events/apigw-rest-start.json", type = APIGatewayProxyRequestEvent.class)
    void restStartAsksToStartTheRoutesModelWithTheDecodedBodysUnits(APIGatewayProxyRequestEvent event) {
        assertEquals(CommandRequest.forModel(Action.START, "defects", 1L, 2L, false), request(rest.translate(event)));
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-rest-status.json", type = APIGatewayProxyRequestEvent.class)
    void restStatusAsksForTheModelsStatus(APIGatewayProxyRequestEvent event) {
        assertEquals(CommandRequest.forModel(Action.STATUS, "defects", null, null, false), request(rest.translate(event)));
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-rest-list.json", type = APIGatewayProxyRequestEvent.class)
    void restListAsksForEveryConfiguredModel(APIGatewayProxyRequestEvent event) {
        assertEquals(CommandRequest.forModels(Action.STATUS, List.of("defects", "logos", "gauges")),
                request(rest.translate(event)));
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-http-start.json", type = APIGatewayV2HTTPEvent.class)
    void httpApiStartStripsTheNamedStageAndReadsTheBody(APIGatewayV2HTTPEvent event) {
        assertEquals(CommandRequest.forModel(Action.START, "defects", 1L, null, false), request(httpApi.translate(event)));
    }

    @ParameterizedTest
    @Event(value = "../events/function-url-stop.json", type = APIGatewayV2HTTPEvent.class)
    void functionUrlStopAsksToStopThatModel(APIGatewayV2HTTPEvent event) {
        assertEquals(CommandRequest.forModel(Action.STOP, "logos", null, null, false), request(httpApi.translate(event)));
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-rest-start.json", type = APIGatewayProxyRequestEvent.class)
    void answers413WhenTheDecodedBodyExceedsTheLimitThoughItsEncodingFitsTheCheapBound(APIGatewayProxyRequestEvent event) {
        // 16 KiB + 1 bytes encode to 21,848 characters: under the encoded bound, over the limit once decoded.
        event.setBody(Base64.getEncoder().encodeToString(" ".repeat(ApiGatewayAdapter.MAX_BODY_BYTES + 1)
                .getBytes(StandardCharsets.UTF_8)));

        APIGatewayProxyResponseEvent response = restResponse(rest.translate(event));

        assertEquals(413, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-http-start.json", type = APIGatewayV2HTTPEvent.class)
    void countsTheBodyInBytesNotCharacters(APIGatewayV2HTTPEvent event) {
        // 8,200 two-byte characters: 16,400 bytes, over the limit though there are fewer characters than that.
        event.setBody("\"" + "\u00e9".repeat(8_199) + "\"");

        Translation translation = httpApi.translate(event);

        APIGatewayV2HTTPResponse response = bind(answer(translation).payload(), APIGatewayV2HTTPResponse.class);
        assertEquals(413, response.getStatusCode());
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-rest-status.json", type = APIGatewayProxyRequestEvent.class)
    void answers405WithAllowForAWrongMethodAndSendsNothing(APIGatewayProxyRequestEvent event) {
        event.setHttpMethod("DELETE");

        APIGatewayProxyResponseEvent response = restResponse(rest.translate(event));

        assertEquals(405, response.getStatusCode());
        assertEquals("GET", response.getHeaders().get("Allow"));
        assertTrue(response.getBody().contains("DELETE is not allowed on /models/defects"), response.getBody());
    }

    @ParameterizedTest
    @Event(value = "../events/apigw-rest-status.json", type = APIGatewayProxyRequestEvent.class)
    void everyRouteOfTheContractRunsItsActionAndAcceptsEachBodyFieldItNames(APIGatewayProxyRequestEvent event) {
        for (Route route : Route.values()) {
            event.setHttpMethod(route.method());
            // As API Gateway sends it: the matched resource, its path parameter, and the path.
            event.setResource(route.path());
            event.setPathParameters(route.perModel() ? java.util.Map.of(Route.NAME_PARAMETER, "defects") : null);
            event.setPath(route.path().replace("{" + Route.NAME_PARAMETER + "}", "defects"));
            event.setBody(route.bodyFields().contains(CommandShape.DRY_RUN) ? "{\"dryRun\":true}" : null);

            CommandRequest request = request(rest.translate(event));

            assertEquals(route.action(), request.action(), route.name());
            assertEquals(route.perModel() ? List.of("defects") : List.of("defects", "logos", "gauges"),
                    request.models(), route.name());
        }
    }

    private static CommandRequest request(Translation translation) {
        return assertInstanceOf(Translation.Run.class, translation).request();
    }

    private static Reply answer(Translation translation) {
        return assertInstanceOf(Translation.Answer.class, translation).reply();
    }

    private static APIGatewayProxyResponseEvent restResponse(Translation translation) {
        return bind(answer(translation).payload(), APIGatewayProxyResponseEvent.class);
    }

    /** Reads an answer back as API Gateway's own type: the answer is of the payload version's response shape. */
    private static <T> T bind(byte[] json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, ApiGatewayAdapterTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }
}
