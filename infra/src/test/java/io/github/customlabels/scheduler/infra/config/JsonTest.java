package io.github.customlabels.scheduler.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.customlabels.scheduler.contract.Action;
import io.github.customlabels.scheduler.infra.JsonReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact JSON handed to the function through environment variables and schedule inputs. */
class JsonTest {

    @Test
    void writesObjectsInOrderWithoutWhitespace() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1L);
        value.put("a", List.of("x", true));
        value.put("c", null);

        assertEquals("{\"b\":1,\"a\":[\"x\",true],\"c\":null}", Json.write(value));
    }

    @Test
    void escapesWhatJsonRequires() {
        String text = "quote \" backslash \\ newline \n tab \t bell \u0007";

        String json = Json.write(List.of(text));

        assertEquals("[\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007\"]", json);
        assertEquals(List.of(text), JsonReader.read(json));
    }

    @Test
    void writesCommandsWithUnitsOnlyWhenGiven() {
        assertEquals("{\"action\":\"stop\",\"models\":[\"a\"]}",
                new Command(Action.STOP, List.of("a"), null, null).toJson());
        assertEquals("{\"action\":\"start\",\"models\":[\"a\",\"b\"],\"minInferenceUnits\":1,\"maxInferenceUnits\":3}",
                new Command(Action.START, Arrays.asList("a", "b"), 1L, 3L).toJson());
    }
}
