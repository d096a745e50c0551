# Production image: build the self-contained jar with Maven on a JDK 21, run it on a JRE as a non-root user.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY config config
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bot \
 && mkdir -p /app/config /data && chown bot /data
WORKDIR /app
COPY --from=build /src/target/gemini-telegram-bot.jar /app/gemini-telegram-bot.jar
COPY config/bot.conf /app/config/bot.conf
ENV BOT_DATA_DIR=/data
VOLUME ["/data"]
USER bot
# SIGTERM (docker stop) lets answers in flight finish, commits the store and exits 0.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/gemini-telegram-bot.jar"]
