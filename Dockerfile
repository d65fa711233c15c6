# syntax=docker/dockerfile:1
# UpDown: one fat jar on a slim JRE. Multi-arch: both base images are published for linux/amd64 and linux/arm64,
# so the same file builds on the ARM VPS and on an x86 laptop. Tests are not run here (CI runs `mvn -B verify`).

# ---- build: the fat jar ----------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# everything `package` reads: the POM, the defaults it bundles (conf/), the checkstyle rules its `validate` phase
# checks src/main against (config/), and the main sources. DockerBuildIT runs exactly these lines' build.
COPY pom.xml ./
COPY conf ./conf
COPY config ./config
COPY src/main ./src/main
# the Maven repository is cached between builds on the VPS, so a rebuild after `git pull` downloads nothing new
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# ---- runtime ---------------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# fonts for XChart's headless PNG charts (AWT needs fontconfig and at least one font)
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 updown \
 && useradd --system --uid 10001 --gid updown --home-dir /app --shell /usr/sbin/nologin updown
# DATA_DIR=data resolves against the working directory: /app/data, the volume
WORKDIR /app
COPY --from=build /src/target/updown.jar /app/updown.jar
# the JVM flags for a small box: their one place (see the file); JAVA_OPTS adds to them per deployment
COPY deploy/jvm.options /app/jvm.options
RUN mkdir -p /app/data && chown updown:updown /app/data
# AppCDS: a short offline `simulate` (loopback only) records the classes the bot loads into /app/updown.jsa; every
# start then maps them instead of parsing them from the jar (faster start, less metaspace). If the training run
# fails the image still builds, and the JVM starts without the archive (a missing archive is silently ignored).
RUN DATA_DIR=/tmp/cds-train DASHBOARD_PORT=0 RECORD_ENABLED=false \
    java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/updown.jsa -jar /app/updown.jar \
      simulate --windows 1 --speed 600 >/dev/null 2>&1 \
 || echo "AppCDS training run failed: the bot will start without the class archive"; \
    rm -rf /tmp/cds-train
USER updown
VOLUME ["/app/data"]
ENV DATA_DIR=data \
    JAVA_OPTS=""
# the dashboard and its GET /health (set DASHBOARD_HOST=0.0.0.0 inside the container; compose does)
EXPOSE 8080
# healthy = the trader wrote data/health within HEALTH_MAX_AGE_MS (120 s); `updown.jar health` is the tested check.
# Its own JVM is kept tiny; the start period covers a slow first start (migrations, first market scan).
HEALTHCHECK --interval=60s --timeout=30s --start-period=120s --retries=3 \
  CMD ["java", "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", "/app/updown.jar", "health"]
# SIGTERM -> the bot stops ticking, finishes its write, closes sockets and exits 0 within 10 s
STOPSIGNAL SIGTERM
# exec: java becomes the container's main process and receives the signals itself
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options -XX:SharedArchiveFile=/app/updown.jsa $JAVA_OPTS -jar /app/updown.jar \"$@\"", "updown"]
CMD ["run"]
