package io.github.customlabels.scheduler.contract;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * An EventBridge cron expression (six fields: minutes, hours, day-of-month, month, day-of-week, year), checked against
 * the fields' ranges and evaluated in a time zone to find its next fire time, as EventBridge Scheduler would.
 *
 * <p>Supported: {@code *}, {@code ?}, single values, lists, ranges, {@code /} steps, and the names JAN-DEC and
 * SUN-SAT. A day field with {@code L}, {@code W} or {@code #} (last day, nearest weekday, n-th weekday) is accepted
 * but not evaluated: {@link #supported()} is then false and {@link #nextAfter} gives nothing, so a summary shows the
 * expression instead of a wrong time.
 *
 * <p>Daylight saving follows EventBridge Scheduler: a local time that the clocks skip (spring forward) does not fire
 * that day, and a local time that occurs twice (fall back) fires once, at its first occurrence.
 */
public final class CronSchedule {

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    /** EventBridge numbers days of the week from 1 = Sunday. */
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static final int MAX_YEAR = 2199;

    private enum Field {
        MINUTES("minutes", 0, 59, List.of()),
        HOURS("hours", 0, 23, List.of()),
        DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
        MONTH("month", 1, 12, MONTHS),
        DAY_OF_WEEK("day-of-week", 1, 7, DAYS),
        YEAR("year", 1970, MAX_YEAR, List.of());

        final String label;
        final int min;
        final int max;
        final List<String> names;

        Field(String label, int min, int max, List<String> names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }
    }

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    /** Null when the field uses L or W. */
    private final BitSet daysOfMonth;
    private final BitSet months;
    /** Null when the field uses L or #. */
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final boolean dayOfMonthAny;
    private final boolean dayOfWeekAny;

    private CronSchedule(String expression, BitSet[] sets, boolean dayOfMonthAny, boolean dayOfWeekAny) {
        this.expression = expression;
        this.minutes = sets[0];
        this.hours = sets[1];
        this.daysOfMonth = sets[2];
        this.months = sets[3];
        this.daysOfWeek = sets[4];
        this.years = sets[5];
        this.dayOfMonthAny = dayOfMonthAny;
        this.dayOfWeekAny = dayOfWeekAny;
    }

    /**
     * Reads the six fields; throws {@link IllegalArgumentException} naming the field and the value out of range
     * (e.g. {@code hours "25": 25 is outside 0-23}). Which day field is {@code ?} is checked by the configuration.
     */
    public static CronSchedule parse(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("has " + fields.length + " fields, not six");
        }
        BitSet[] sets = new BitSet[6];
        Field[] kinds = Field.values();
        for (int i = 0; i < 6; i++) {
            sets[i] = parseField(kinds[i], fields[i].toUpperCase(Locale.ROOT));
        }
        return new CronSchedule(String.join(" ", fields), sets, fields[2].equals("?") || fields[2].equals("*"),
                fields[4].equals("?") || fields[4].equals("*"));
    }

    /** The six fields, single-spaced. */
    public String expression() {
        return expression;
    }

    /** False when a day field uses L, W or #, which this evaluator does not compute. */
    public boolean supported() {
        return daysOfMonth != null && daysOfWeek != null;
    }

    /**
     * The first fire time strictly after {@code now}, in {@code zone}; empty when the expression is not
     * {@link #supported()} or never fires again (every year it names has passed).
     */
    public Optional<ZonedDateTime> nextAfter(Instant now, ZoneId zone) {
        if (!supported()) {
            return Optional.empty();
        }
        LocalDateTime start = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.MINUTES);
        int lastYear = years.previousSetBit(MAX_YEAR);
        for (LocalDate date = start.toLocalDate(); date.getYear() <= lastYear; date = date.plusDays(1)) {
            if (!matches(date)) {
                continue;
            }
            for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                    LocalDateTime local = date.atTime(hour, minute);
                    if (local.isBefore(start)) {
                        continue;
                    }
                    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
                    if (offsets.isEmpty()) {
                        continue; // skipped by the clocks going forward
                    }
                    // In an overlap the earlier offset comes first: the first of the two occurrences.
                    ZonedDateTime at = ZonedDateTime.ofLocal(local, zone, offsets.get(0));
                    if (at.toInstant().isAfter(now)) {
                        return Optional.of(at);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The common patterns in words, without the time zone: "weekdays at 07:00", "daily at 19:30",
     * "weekdays every 30 min from 08:00 to 18:30", "on day 1 of the month at 06:15"; anything else as
     * {@code cron(...)}.
     */
    public String describe() {
        String days = describeDays();
        String times = describeTimes();
        if (days == null || times == null) {
            return "cron(" + expression + ")";
        }
        // "every 15 min" says it all; "daily every 15 min" would only repeat it.
        return days.equals("daily") && !times.startsWith("at ") ? times : days + " " + times;
    }

    private boolean matches(LocalDate date) {
        if (!years.get(date.getYear()) || !months.get(date.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = dayOfMonthAny || daysOfMonth.get(date.getDayOfMonth());
        boolean dayOfWeek = dayOfWeekAny || daysOfWeek.get(eventBridgeDayOfWeek(date.getDayOfWeek()));
        return dayOfMonth && dayOfWeek;
    }

    /** Monday is 1 in java.time and 2 in EventBridge, whose week starts with Sunday = 1. */
    private static int eventBridgeDayOfWeek(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private String describeDays() {
        if (!supported() || !isAll(years, Field.YEAR)) {
            return null;
        }
        String days;
        if (!dayOfMonthAny) {
            days = "on day " + list(daysOfMonth, String::valueOf) + " of the month";
        } else if (dayOfWeekAny || isAll(daysOfWeek, Field.DAY_OF_WEEK)) {
            days = "daily";
        } else if (daysOfWeek.equals(range(2, 6))) {
            days = "weekdays";
        } else if (daysOfWeek.equals(set(1, 7))) {
            days = "weekends";
        } else {
            // Listed from Monday, as calendars in most of the world show the week.
            List<String> names = new ArrayList<>();
            for (int day = 2; day <= 8; day++) {
                int value = day == 8 ? 1 : day;
                if (daysOfWeek.get(value)) {
                    names.add(capitalized(DAYS.get(value - 1)));
                }
            }
            days = "on " + String.join(", ", names);
        }
        if (!isAll(months, Field.MONTH)) {
            days += " in " + list(months, month -> capitalized(MONTHS.get(month - 1)));
        }
        return days;
    }

    private String describeTimes() {
        int firstMinute = minutes.nextSetBit(0);
        int lastMinute = minutes.previousSetBit(Field.MINUTES.max);
        int firstHour = hours.nextSetBit(0);
        int lastHour = hours.previousSetBit(Field.HOURS.max);
        boolean singleMinute = minutes.cardinality() == 1;
        if (singleMinute && hours.cardinality() <= 4) {
            List<String> times = new ArrayList<>();
            hours.stream().forEach(hour -> times.add(time(hour, firstMinute)));
            return "at " + String.join(", ", times);
        }
        if (!hours.equals(range(firstHour, lastHour))) {
            return null;
        }
        boolean allDay = isAll(hours, Field.HOURS);
        if (singleMinute) {
            return allDay ? String.format(Locale.ROOT, "hourly at :%02d", firstMinute)
                    : "hourly from " + time(firstHour, firstMinute) + " to " + time(lastHour, firstMinute);
        }
        Integer step = evenStep(minutes, firstMinute);
        if (step == null) {
            return null;
        }
        String every = "every " + step + " min";
        return allDay && firstMinute == 0 ? every
                : every + " from " + time(firstHour, firstMinute) + " to " + time(lastHour, lastMinute);
    }

    /**
     * The step when the minutes fire at an even pace across hours too (first, first + step, ... with the step
     * dividing 60 and the first minute below it: 0/30, 5/15, 0,20,40); else null, as for 0,45 or 20/15.
     */
    private static Integer evenStep(BitSet minutes, int first) {
        int step = minutes.nextSetBit(first + 1) - first;
        if (60 % step != 0 || first >= step) {
            return null;
        }
        BitSet expected = new BitSet();
        for (int minute = first; minute <= Field.MINUTES.max; minute += step) {
            expected.set(minute);
        }
        return expected.equals(minutes) ? step : null;
    }

    private static String time(int hour, int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", hour, minute);
    }

    private static String list(BitSet values, IntFunction<String> name) {
        return values.stream().mapToObj(name).collect(Collectors.joining(", "));
    }

    private static String capitalized(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private static boolean isAll(BitSet values, Field field) {
        return values.equals(range(field.min, field.max));
    }

    private static BitSet range(int from, int to) {
        BitSet bits = new BitSet();
        bits.set(from, to + 1);
        return bits;
    }

    private static BitSet set(int... values) {
        BitSet bits = new BitSet();
        for (int value : values) {
            bits.set(value);
        }
        return bits;
    }

    /** The field's values; null for a day field with L, W or #, which the evaluator leaves to EventBridge. */
    private static BitSet parseField(Field field, String text) {
        if (text.equals("*") || text.equals("?")) {
            return range(field.min, field.max);
        }
        if ((field == Field.DAY_OF_MONTH && (text.contains("L") || text.contains("W")))
                || (field == Field.DAY_OF_WEEK && (text.contains("#") || text.endsWith("L")))) {
            return null;
        }
        BitSet values = new BitSet();
        for (String item : text.split(",", -1)) {
            parseItem(field, text, item, values);
        }
        return values;
    }

    private static void parseItem(Field field, String text, String item, BitSet values) {
        String rangePart = item;
        int step = 1;
        boolean stepped = false;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            rangePart = item.substring(0, slash);
            step = number(field, text, item.substring(slash + 1), 1, field.max - field.min + 1, "step");
            stepped = true;
        }
        int from;
        int to;
        if (rangePart.equals("*")) {
            from = field.min;
            to = field.max;
        } else if (rangePart.contains("-")) {
            String[] bounds = rangePart.split("-", -1);
            if (bounds.length != 2) {
                throw invalid(field, text, "\"" + item + "\" is not a range such as 8-18");
            }
            from = value(field, text, bounds[0]);
            to = value(field, text, bounds[1]);
        } else {
            from = value(field, text, rangePart);
            // "a/step" runs from a to the end of the field's range.
            to = stepped ? field.max : from;
        }
        if (from <= to) {
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        } else {
            // A range that wraps, such as FRI-MON or 22-2: from the start to the field's end, then on from its start.
            int span = field.max - from + 1 + to - field.min + 1;
            for (int offset = 0; offset < span; offset += step) {
                int value = from + offset;
                values.set(value > field.max ? value - (field.max - field.min + 1) : value);
            }
        }
    }

    private static int value(Field field, String text, String token) {
        int index = field.names.indexOf(token);
        if (index >= 0) {
            return field.min + index;
        }
        return number(field, text, token, field.min, field.max, "value");
    }

    private static int number(Field field, String text, String token, int min, int max, String what) {
        if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 4) {
            String expected = field.names.isEmpty() ? "a number" : "a number or one of " + String.join(",", field.names);
            throw invalid(field, text, "\"" + token + "\" is not " + (what.equals("step") ? "a step" : expected));
        }
        int number = Integer.parseInt(token);
        if (number < min || number > max) {
            throw invalid(field, text, (what.equals("step") ? "step " : "") + number + " is outside " + min + "-" + max);
        }
        return number;
    }

    private static IllegalArgumentException invalid(Field field, String text, String problem) {
        return new IllegalArgumentException(field.label + " \"" + text + "\": " + problem);
    }

    @Override
    public String toString() {
        return "cron(" + expression + ")";
    }
}
