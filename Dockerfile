# podgrep image: built from this repository with the README's build command.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

# a JDK, not a JRE: the local node (used when PODGREP_ELASTICSEARCH_URL is empty) self-attaches an agent (jdk.attach)
FROM eclipse-temurin:25-jdk
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/search-api/target/podgrep.jar /app/podgrep.jar
# the local-node home, used only when PODGREP_ELASTICSEARCH_URL is empty
COPY --from=build /src/search-api/target/elasticsearch-home /app/elasticsearch-home
ENV PODGREP_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=10 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/podgrep.jar"]
