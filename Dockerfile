# Production image: build the self-contained jar and its run script with Maven on JDK 25, run them on a JRE 25 as a
# non-root user (25: virtual threads no longer pin on synchronized blocks inside libraries; the ahead-of-time
# cache). Both images keep Java in /opt/java/openjdk, the path the run script is written with.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY config config
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bot \
 && mkdir -p /app/config /data && chown bot /app /data
WORKDIR /app
COPY --from=build /src/target/gemini-telegram-bot.jar /src/target/gemini-telegram-bot /app/
COPY config/bot.conf /app/config/bot.conf
ENV BOT_DATA_DIR=/data \
    BOT_HTTP_PORT=8080 \
    BOT_HTTP_HOST=0.0.0.0
EXPOSE 8080
# The run script (README) passes the serial GC and a 16 MB initial heap, and keeps the ahead-of-time cache: the
# container's first run records it and writes /app/gemini-telegram-bot.aot when it is stopped (a few seconds more
# on that stop: compose.yaml's stop_grace_period), later starts of the container use it. JAVA_OPTS adds to that.
# A small footprint (docs/benchmarks.md): the model's latency, not the JIT, bounds an LLM bot, so C1 suffices.
# For sustained loads of hundreds of messages a second, override JAVA_OPTS without -XX:TieredStopAtLevel=1.
# An OutOfMemoryError exits (compose restarts the bot; the inbox finishes what was in flight).
# -Xmx256m leaves room for files sent to Gemini: ~10 x MEDIA_MEMORY_MB / MEDIA_MAX_REQUEST_MB (20 MB) at the peak
# (config/bot.conf, "media"); the serial collector grows the heap only when needed, so an idle bot stays small.
ENV JAVA_OPTS="-Xmx256m -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2
VOLUME ["/data"]
USER bot
# Liveness through /livez (README, "Health and metrics"). The JRE image has neither curl nor wget, and a java
# one-liner would start a second JVM every time: bash's /dev/tcp sends the request. /readyz is for monitoring
# (it is 503 while Telegram or Gemini is down, which a restart would not cure).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${BOT_HTTP_PORT} && printf 'GET /livez HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM (docker stop) lets answers in flight finish, commits the store and exits 0.
ENTRYPOINT ["/app/gemini-telegram-bot"]
