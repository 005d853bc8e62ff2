package io.github.customlabels.scheduler.trigger;

/** Echoes caller-supplied text into messages safely: short, and with invisible characters made visible. */
final class Texts {

    private static final int MAX_ECHO = 80;

    private Texts() {
    }

    /** The text in single quotes, clipped, with control and non-ASCII characters as \\uXXXX. */
    static String quote(String text) {
        return "'" + clip(text) + "'";
    }

    static String clip(String text) {
        StringBuilder b = new StringBuilder();
        int limit = Math.min(text.length(), MAX_ECHO);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (text.length() > MAX_ECHO) {
            b.append("... (").append(text.length()).append(" characters)");
        }
        return b.toString();
    }
}
