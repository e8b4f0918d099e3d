# The credit-score service image: built from the sources, run as a non-root user on a JRE.
# docker build -t credit-score:0.1.0 .

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src/ src/
# The package phase copies the runtime libraries to target/lib; DynamoDB Local, used only
# by the embedded default, goes to target/embedded and stays out of the image.
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17.0.15_6-jre
RUN groupadd --system --gid 10001 credit-score \
 && useradd --system --uid 10001 --gid credit-score --home-dir /app --shell /usr/sbin/nologin credit-score
WORKDIR /app
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/credit-score.jar credit-score.jar
COPY routes/ routes/
COPY models/ models/
ENV ROUTES_DIR=/app/routes MODELS_DIR=/app/models MODEL_CACHE_DIR=/var/cache/credit-score
RUN mkdir -p /var/cache/credit-score && chown credit-score:credit-score /var/cache/credit-score
USER 10001:10001
EXPOSE 8080 9876
# Heap sized from the container's memory limit, leaving room for the models' native memory;
# an out-of-memory error ends the process so that Kubernetes restarts it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/credit-score.jar"]
