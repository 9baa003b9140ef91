package dev.capstan.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.capstan.api.v1alpha1.Application;

/**
 * Which Applications a list or stream shows, from its query: {@code project} (repeatable),
 * {@code selector} (labels), {@code name} (exactly) and {@code search} (a part of the name, any
 * case). All given must hold.
 */
record ApplicationFilter(List<String> projects, Optional<LabelSelector> selector, Optional<String> name, Optional<String> search) {

    static ApplicationFilter of(Request request) {
        return new ApplicationFilter(request.queryAll("project"), request.query("selector").map(LabelSelector::parse),
                request.query("name"), request.query("search"));
    }

    boolean matches(Application application) {
        String applicationName = application.getMetadata().getName();
        return (projects.isEmpty() || projects.contains(Guard.project(application)))
                && selector.map(labels -> labels.matches(application.getMetadata().getLabels())).orElse(true)
                && name.map(applicationName::equals).orElse(true)
                && search.map(text -> applicationName.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))).orElse(true);
    }
}
