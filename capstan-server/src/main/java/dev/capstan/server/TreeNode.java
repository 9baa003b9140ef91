package dev.capstan.server;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One node of an application's resource tree, in the contract's shape: a managed object (no
 * parents) or one of the objects it made, linked by its owners. A managed object missing from the
 * cluster has health {@code Missing} and no uid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TreeNode(String group, String version, String kind, String namespace, String name, String uid, String resourceVersion,
                String createdAt, List<ParentRef> parentRefs, HealthView health, String healthDecidedBy, String sync,
                boolean managed, List<Info> info, List<String> images) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ParentRef(String group, String kind, String namespace, String name, String uid) {
    }

    record HealthView(String status, String message) {
    }

    record Info(String name, String value) {
    }
}
