package dev.capstan.git;

/** The trees the tests commit. */
final class Fixtures {

    private Fixtures() {
    }

    /** One application, {@code apps/web}, whose ConfigMap carries {@code revision} so commits differ. */
    static FixtureTree apps(String revision) {
        return new FixtureTree()
                .file("apps/web/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                          namespace: default
                        spec:
                          replicas: 2
                        """)
                .file("apps/web/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: web-config
                          namespace: default
                        data:
                          revision: "%s"
                        """.formatted(revision))
                .file("README.md", "# apps\n")
                .link("current", "apps/web");
    }
}
