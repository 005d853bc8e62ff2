package io.github.customlabels.scheduler.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EventBridge cron evaluated in a time zone, as EventBridge Scheduler fires it, and put into words. */
class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void firesOnTheNextWeekdayAtSevenLocalTime() {
        CronSchedule warmUp = CronSchedule.parse("0 7 ? * MON-FRI *");

        // Friday 2026-11-27 at 09:00 in Berlin: the next weekday is Monday.
        Optional<ZonedDateTime> next = warmUp.nextAfter(berlin(2026, 11, 27, 9, 0), BERLIN);

        assertEquals(Optional.of(ZonedDateTime.of(2026, 11, 30, 7, 0, 0, 0, BERLIN)), next);
    }

    @Test
    void staysAtSevenLocalTimeAcrossTheChangeToWinterTime() {
        CronSchedule warmUp = CronSchedule.parse("0 7 ? * MON-FRI *");

        // Friday 2026-10-23 in summer time; clocks go back on Sunday the 25th.
        ZonedDateTime next = warmUp.nextAfter(berlin(2026, 10, 23, 8, 0), BERLIN).orElseThrow();

        assertEquals(LocalDateTime.of(2026, 10, 26, 7, 0), next.toLocalDateTime());
        assertEquals(ZoneOffset.ofHours(1), next.getOffset());
        assertEquals(Instant.parse("2026-10-26T06:00:00Z"), next.toInstant());
    }

    @Test
    void staysAtSevenLocalTimeAcrossTheChangeToSummerTime() {
        CronSchedule warmUp = CronSchedule.parse("0 7 ? * MON-FRI *");

        // Friday 2026-03-27 in winter time; clocks go forward on Sunday the 29th.
        ZonedDateTime next = warmUp.nextAfter(berlin(2026, 3, 27, 8, 0), BERLIN).orElseThrow();

        assertEquals(Instant.parse("2026-03-30T05:00:00Z"), next.toInstant());
        assertEquals(ZoneOffset.ofHours(2), next.getOffset());
    }

    @ParameterizedTest(name = "after {0} comes {1}")
    @CsvSource({
            "2026-11-24T07:59:59, 2026-11-24T08:00",
            "2026-11-24T08:00:00, 2026-11-24T08:30",
            "2026-11-24T09:10:00, 2026-11-24T09:30",
            "2026-11-24T18:29:00, 2026-11-24T18:30",
            "2026-11-24T18:30:00, 2026-11-25T08:00",
            "2026-11-27T18:45:00, 2026-11-30T08:00"})
    void firesEveryHalfHourFromEightToHalfPastSixOnWeekdays(LocalDateTime now, LocalDateTime expected) {
        CronSchedule keepRunning = CronSchedule.parse("0/30 8-18 ? * MON-FRI *");

        ZonedDateTime next = keepRunning.nextAfter(now.atZone(BERLIN).toInstant(), BERLIN).orElseThrow();

        assertEquals(expected, next.toLocalDateTime());
    }

    @Test
    void skipsALocalTimeTheClocksJumpOver() {
        CronSchedule nightly = CronSchedule.parse("30 2 * * ? *");

        // 02:30 does not exist in Berlin on 2026-03-29: EventBridge Scheduler skips that day's run.
        ZonedDateTime next = nightly.nextAfter(berlin(2026, 3, 28, 3, 0), BERLIN).orElseThrow();

        assertEquals(ZonedDateTime.of(2026, 3, 30, 2, 30, 0, 0, BERLIN), next);
    }

    @Test
    void firesOnceAtTheFirstOfTwoIdenticalLocalTimes() {
        CronSchedule nightly = CronSchedule.parse("30 2 * * ? *");

        ZonedDateTime first = nightly.nextAfter(berlin(2026, 10, 24, 3, 0), BERLIN).orElseThrow();
        // 02:45 summer time on 2026-10-25: the second 02:30 (winter time) is still ahead, but does not fire.
        ZonedDateTime after = nightly.nextAfter(Instant.parse("2026-10-25T00:45:00Z"), BERLIN).orElseThrow();

        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), first.toInstant());
        assertEquals(ZonedDateTime.of(2026, 10, 26, 2, 30, 0, 0, BERLIN), after);
    }

    @Test
    void firesOnTheConfiguredDayOfTheMonth() {
        CronSchedule monthly = CronSchedule.parse("15 6 1 * ? *");

        ZonedDateTime next = monthly.nextAfter(berlin(2026, 11, 24, 12, 0), BERLIN).orElseThrow();

        assertEquals(ZonedDateTime.of(2026, 12, 1, 6, 15, 0, 0, BERLIN), next);
    }

    @Test
    void waitsForTheNextLeapDay() {
        CronSchedule leapDay = CronSchedule.parse("0 12 29 FEB ? *");

        ZonedDateTime next = leapDay.nextAfter(berlin(2026, 11, 24, 12, 0), BERLIN).orElseThrow();

        assertEquals(ZonedDateTime.of(2028, 2, 29, 12, 0, 0, 0, BERLIN), next);
    }

    @Test
    void readsNamesWrappingRangesAndListsAsEventBridgeDoes() {
        // Sunday is 1 in EventBridge; FRI-MON wraps over the weekend.
        CronSchedule weekend = CronSchedule.parse("0 22 ? * fri-mon *");

        ZonedDateTime next = weekend.nextAfter(berlin(2026, 11, 24, 12, 0), BERLIN).orElseThrow();

        assertEquals(ZonedDateTime.of(2026, 11, 27, 22, 0, 0, 0, BERLIN), next);
        assertEquals("on Mon, Fri, Sat, Sun at 22:00", weekend.describe());
        assertEquals(CronSchedule.parse("0 22 ? * 6,7,1,2 *").describe(), weekend.describe());
    }

    @Test
    void neverFiresOnceItsYearsHavePassed() {
        CronSchedule past = CronSchedule.parse("0 7 1 1 ? 2025");

        assertEquals(Optional.empty(), past.nextAfter(berlin(2026, 11, 24, 12, 0), BERLIN));
        assertTrue(past.supported());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0 7 L * ? *",
            "0 7 15W * ? *",
            "0 7 ? * 6L *",
            "0 7 ? * 2#1 *"})
    void leavesLastWeekdayAndNthDayToEventBridge(String expression) {
        CronSchedule cron = CronSchedule.parse(expression);

        assertFalse(cron.supported());
        assertEquals(Optional.empty(), cron.nextAfter(berlin(2026, 11, 24, 12, 0), BERLIN));
        assertEquals("cron(" + expression + ")", cron.describe());
    }

    @ParameterizedTest(name = "{0} is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "0 7 ? * MON-FRI *        | weekdays at 07:00",
            "0 19 ? * 2-6 *           | weekdays at 19:00",
            "0/30 8-18 ? * MON-FRI *  | weekdays every 30 min from 08:00 to 18:30",
            "5/15 8-17 ? * MON-FRI *  | weekdays every 15 min from 08:05 to 17:50",
            "30 7 * * ? *             | daily at 07:30",
            "*/15 * * * ? *           | every 15 min",
            "10 * * * ? *             | hourly at :10",
            "0 9-17 ? * MON-FRI *     | weekdays hourly from 09:00 to 17:00",
            "0 7,12,17 ? * SAT,SUN *  | weekends at 07:00, 12:00, 17:00",
            "0 7 ? * MON,WED,FRI *    | on Mon, Wed, Fri at 07:00",
            "15 6 1 * ? *             | on day 1 of the month at 06:15",
            "0 8 ? JUL-AUG MON-FRI *  | weekdays in Jul, Aug at 08:00",
            "0,45 8 ? * MON-FRI *     | cron(0,45 8 ? * MON-FRI *)",
            "0 7 ? * MON-FRI 2027     | cron(0 7 ? * MON-FRI 2027)"})
    void describesCommonPatternsInWords(String expression, String words) {
        assertEquals(words, CronSchedule.parse(expression).describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0 25 ? * MON-FRI *   | hours \"25\": 25 is outside 0-23",
            "60 7 ? * MON-FRI *   | minutes \"60\": 60 is outside 0-59",
            "0 7 32 * ? *         | day-of-month \"32\": 32 is outside 1-31",
            "0 7 ? 13 MON *       | month \"13\": 13 is outside 1-12",
            "0 7 ? * 0 *          | day-of-week \"0\": 0 is outside 1-7",
            "0 7 ? * MON-FRX *    | day-of-week \"MON-FRX\": \"FRX\" is not a number or one of SUN,MON,TUE,WED,THU,FRI,SAT",
            "0/0 7 ? * MON *      | minutes \"0/0\": step 0 is outside 1-60",
            "0 7 ? * MON 1969     | year \"1969\": 1969 is outside 1970-2199",
            "0 7-8-9 ? * MON *    | hours \"7-8-9\": \"7-8-9\" is not a range such as 8-18"})
    void namesTheFieldAndTheValueOutOfRange(String expression, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CronSchedule.parse(expression));

        assertEquals(message, error.getMessage());
    }

    private static Instant berlin(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, BERLIN).toInstant();
    }
}
