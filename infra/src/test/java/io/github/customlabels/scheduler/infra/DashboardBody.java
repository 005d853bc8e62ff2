package io.github.customlabels.scheduler.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;

/**
 * A dashboard's body as CloudWatch will read it: the Fn::Join the CDK writes, joined, with each CloudFormation
 * reference in it written as {@code ${Ref:Id}} or {@code ${Id.Attribute}}, then parsed, so tests assert widgets.
 */
public final class DashboardBody {

    private DashboardBody() {
    }

    /** The body of the template's one dashboard. */
    public static Map<String, Object> of(Template template) {
        Capture body = new Capture();
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardBody", body));
        Object value;
        try {
            value = body.asString();
        } catch (RuntimeException notAString) {
            value = body.asObject();
        }
        return JsonReader.readObject(join(value));
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> widgets(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("widgets");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> widget) {
        return (Map<String, Object>) widget.get("properties");
    }

    /** The widget with this title; fails when there is none or more than one. */
    public static Map<String, Object> widget(Map<String, Object> body, String title) {
        List<Map<String, Object>> matching = widgets(body).stream()
                .filter(widget -> title.equals(properties(widget).get("title")))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " widgets titled \"" + title + "\"");
        }
        return matching.get(0);
    }

    private static String join(Object body) {
        if (body instanceof String text) {
            return text;
        }
        @SuppressWarnings("unchecked")
        List<Object> join = (List<Object>) ((Map<String, Object>) body).get("Fn::Join");
        StringBuilder out = new StringBuilder();
        for (Object part : (List<?>) join.get(1)) {
            out.append(part instanceof String text ? text : reference(part));
        }
        return out.toString();
    }

    private static String reference(Object token) {
        Map<?, ?> map = (Map<?, ?>) token;
        if (map.containsKey("Ref")) {
            return "${Ref:" + map.get("Ref") + "}";
        }
        if (map.containsKey("Fn::GetAtt")) {
            List<?> getAtt = (List<?>) map.get("Fn::GetAtt");
            return "${" + getAtt.get(0) + "." + getAtt.get(1) + "}";
        }
        throw new AssertionError("unexpected token in the dashboard body: " + token);
    }
}
