package dev.capstan.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * When and how an application is synced without a person asking.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncPolicy extends KeepsUnknownFields {

    @JsonPropertyDescription("Sync automatically whenever the application is OutOfSync.")
    private Automated automated;

    @JsonPropertyDescription("Sync options such as CreateNamespace=true or PruneLast=true.")
    private List<String> syncOptions;

    @JsonPropertyDescription("How failed syncs are retried.")
    private RetryStrategy retry;

    public Automated getAutomated() {
        return automated;
    }

    public void setAutomated(Automated automated) {
        this.automated = automated;
    }

    public List<String> getSyncOptions() {
        return syncOptions;
    }

    public void setSyncOptions(List<String> syncOptions) {
        this.syncOptions = syncOptions;
    }

    public RetryStrategy getRetry() {
        return retry;
    }

    public void setRetry(RetryStrategy retry) {
        this.retry = retry;
    }

    /**
     * Automatic sync.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Automated extends KeepsUnknownFields {

        @JsonPropertyDescription("Delete resources that are no longer in Git.")
        private Boolean prune;

        @JsonPropertyDescription("Sync again when the live state drifts, not only when Git changes.")
        private Boolean selfHeal;

        @JsonPropertyDescription("Allow a sync that would prune every resource of the application.")
        private Boolean allowEmpty;

        public Boolean getPrune() {
            return prune;
        }

        public void setPrune(Boolean prune) {
            this.prune = prune;
        }

        public Boolean getSelfHeal() {
            return selfHeal;
        }

        public void setSelfHeal(Boolean selfHeal) {
            this.selfHeal = selfHeal;
        }

        public Boolean getAllowEmpty() {
            return allowEmpty;
        }

        public void setAllowEmpty(Boolean allowEmpty) {
            this.allowEmpty = allowEmpty;
        }
    }
}
