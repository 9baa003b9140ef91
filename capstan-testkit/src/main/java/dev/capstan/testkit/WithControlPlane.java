package dev.capstan.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the local control plane. Test methods and lifecycle methods may
 * declare parameters of type {@link io.fabric8.kubernetes.client.KubernetesClient},
 * {@link TestNamespace} and {@link dev.capstan.localcluster.LocalControlPlane}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ControlPlaneExtension.class)
public @interface WithControlPlane {
}
