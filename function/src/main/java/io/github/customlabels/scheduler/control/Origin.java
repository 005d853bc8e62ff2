package io.github.customlabels.scheduler.control;

/**
 * Who sent a command. Overrides govern the deployment's own automation (its schedules and idle-stop alarms), never a
 * person or another system acting on purpose (an API call, a direct command, a custom event).
 */
public sealed interface Origin {

    /** The words for logs and answers, e.g. {@code schedule weekday-warm-up}. */
    String describe();

    /** True when an override in force makes this origin's start or stop skip the model. */
    default boolean followsOverrides() {
        return !(this instanceof Person);
    }

    /** An API call, a direct invoke or a custom event: it acts whatever override is in force, and is told of it. */
    record Person() implements Origin {
        @Override
        public String describe() {
            return "a person";
        }
    }

    /** A schedule: the stack's (named by the schedule's marker) or a plain scheduled rule. */
    record Schedule(String name) implements Origin {
        @Override
        public String describe() {
            return "schedule " + name;
        }
    }

    /** An idle-stop alarm. */
    record IdleStop(String alarm) implements Origin {
        @Override
        public String describe() {
            return "idle-stop alarm " + alarm;
        }
    }

    Origin PERSON = new Person();
}
