# The Capstan controller image: the capstan command on a JRE, run as an unprivileged user.
# Describes the image `capstan install` deploys; CI does not build it. Build the jar first:
#   ./mvnw -B -ntp -pl capstan-cli -am package -DskipTests
#   docker build -t ghcr.io/capstan-dev/capstan:0.1.0-SNAPSHOT .

# Kustomize, built from the pinned recipe the controller would otherwise build itself (the image has no Go).
FROM golang:1.26 AS kustomize
COPY capstan-render-kustomize/src/main/resources/dev/capstan/render/kustomize/recipe/go.mod capstan-render-kustomize/src/main/resources/dev/capstan/render/kustomize/recipe/go.sum /recipe/
WORKDIR /recipe
RUN CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=readonly go build -trimpath -ldflags "-s -w" -o /out/kustomize sigs.k8s.io/kustomize/kustomize/v5

FROM eclipse-temurin:25-jre

# A fixed numeric user, so that runAsNonRoot can check it; the Deployment runs as the same id.
RUN groupadd --system --gid 10001 capstan \
    && useradd --system --uid 10001 --gid capstan --no-create-home --home-dir /tmp --shell /usr/sbin/nologin capstan \
    && mkdir -p /var/cache/capstan && chown capstan:capstan /var/cache/capstan

COPY capstan-cli/target/capstan.jar /opt/capstan/capstan.jar
COPY --from=kustomize /out/kustomize /opt/capstan/bin/kustomize

USER 10001:10001
# The root file system is read-only in the cluster: the Git cache and /tmp are emptyDir volumes.
ENV HOME=/tmp
ENV CAPSTAN_KUSTOMIZE=/opt/capstan/bin/kustomize
# MetaspaceSize: the JIT's method data grows metaspace slowly for minutes after start; from the
# default 21 MB threshold that means full collections of a heap still holding a first sync's garbage.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:MetaspaceSize=128m -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/capstan/capstan.jar"]
CMD ["controller", "--in-cluster"]
