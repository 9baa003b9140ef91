package dev.capstan.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The order of a custom resource's printer columns, by name. The CRD generator orders them by
 * JSON path, which would put AGE first; the build reorders the generated CRD by this list.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PrinterColumnOrder {

    /** Every printer column's name, in the order {@code kubectl get} shows them. */
    String[] value();
}
