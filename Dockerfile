# podgrep image: built from this repository with the README's build command.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

# a JDK, not a JRE: the local node (used when PODGREP_ELASTICSEARCH_URL is empty) self-attaches an agent (jdk.attach)
FROM eclipse-temurin:25-jdk
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin podgrep \
 && mkdir -p /data && chown podgrep:podgrep /data && chmod 0700 /data
WORKDIR /app
COPY --from=build /src/search-api/target/podgrep.jar /app/podgrep.jar
# the local-node home, used only when PODGREP_ELASTICSEARCH_URL is empty
COPY --from=build /src/search-api/target/elasticsearch-home /app/elasticsearch-home
ENV PODGREP_DATA_DIR=/data
VOLUME ["/data"]
# podgrep never needs root: it runs as an unprivileged user that owns only /data
USER podgrep
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=10 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
# explicit heap: the app's own (the local node, when used, is a child JVM with podgrep.elasticsearch.heap);
# an out-of-memory error stops the container so that it is restarted instead of limping on
ENTRYPOINT ["java", "-Xms256m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/podgrep.jar"]
