package dev.capstan.api.v1alpha1;

import io.fabric8.generator.annotation.Min;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * How a failed sync is retried: up to {@code limit} more attempts (a negative limit retries
 * forever), waiting {@code backoff.duration}, multiplied by {@code backoff.factor} after each
 * attempt, at most {@code backoff.maxDuration}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryStrategy extends KeepsUnknownFields {

    @JsonPropertyDescription("Retries after the first attempt; negative means no limit.")
    private Long limit;

    @JsonPropertyDescription("Delay between attempts.")
    private Backoff backoff;

    public Long getLimit() {
        return limit;
    }

    public void setLimit(Long limit) {
        this.limit = limit;
    }

    public Backoff getBackoff() {
        return backoff;
    }

    public void setBackoff(Backoff backoff) {
        this.backoff = backoff;
    }

    /**
     * The delay between sync attempts, growing by a factor up to a cap.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Backoff extends KeepsUnknownFields {

        @JsonPropertyDescription("First delay, a Go duration such as 5s (default) or 2m.")
        private String duration;

        @JsonPropertyDescription("Each delay is the previous one times this factor (default 2).")
        @Min(1)
        private Long factor;

        @JsonPropertyDescription("Longest delay, a Go duration (default 3m).")
        private String maxDuration;

        public String getDuration() {
            return duration;
        }

        public void setDuration(String duration) {
            this.duration = duration;
        }

        public Long getFactor() {
            return factor;
        }

        public void setFactor(Long factor) {
            this.factor = factor;
        }

        public String getMaxDuration() {
            return maxDuration;
        }

        public void setMaxDuration(String maxDuration) {
            this.maxDuration = maxDuration;
        }
    }
}
