package dev.capstan.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A project: the guard rails for a group of applications (allowed sources, destinations and
 * kinds, roles and sync windows). Every application names one; {@code default} when unset.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@ShortNames("proj")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppProject extends CustomResource<AppProjectSpec, Void> implements Namespaced {
}
