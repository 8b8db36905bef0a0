# Build:  docker build -t slv-service .
# Run:    docker run --rm -p 8080:8080 --memory=4g slv-service
# Stage 1: build the jar with the project's Maven wrapper on a full JDK.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# dependencies in their own layer, so a source change does not download them again
RUN chmod +x mvnw && ./mvnw -B -ntp -q dependency:go-offline || true
COPY src/ src/
# the example markets are packaged too: the OpenAPI examples are built from them
COPY examples/markets/ examples/markets/
COPY docker/HealthCheck.java docker/HealthCheck.java
RUN ./mvnw -B -ntp -DskipTests package \
    && cp target/slv-service-*.jar /app.jar \
    && mkdir /healthcheck && javac --release 17 -d /healthcheck docker/HealthCheck.java

# Stage 2: JRE only, as a non-root user.
FROM eclipse-temurin:17-jre
RUN groupadd --system slv && useradd --system --gid slv --home-dir /app --shell /usr/sbin/nologin slv
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
COPY --from=build /healthcheck/ /app/healthcheck/
USER slv
ENV SERVER_PORT=8080
EXPOSE 8080
# The JRE image is not guaranteed to ship curl or wget: a tiny JDK-only class checks liveness.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-cp", "/app/healthcheck", "HealthCheck", "/actuator/health/liveness"]
# Container-aware heap (75% of the memory limit); exec form so SIGTERM reaches the JVM (graceful shutdown).
# Extra JVM options: JAVA_TOOL_OPTIONS; Spring properties: environment variables (e.g. SLV_JOBS_COMPUTE_THREADS).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseContainerSupport", "-jar", "/app/app.jar"]
