package dev.capstan.engine;

/**
 * How healthy a resource is. The order is from best to worst, which is how an application's
 * health is the worst of its resources'.
 */
public enum HealthStatus {
    HEALTHY("Healthy"),
    SUSPENDED("Suspended"),
    PROGRESSING("Progressing"),
    MISSING("Missing"),
    DEGRADED("Degraded"),
    UNKNOWN("Unknown");

    private final String display;

    HealthStatus(String display) {
        this.display = display;
    }

    /** The name users see: {@code Healthy}, {@code Progressing}, ... */
    public String display() {
        return display;
    }

    public boolean isWorseThan(HealthStatus other) {
        return ordinal() > other.ordinal();
    }

    @Override
    public String toString() {
        return display;
    }
}
