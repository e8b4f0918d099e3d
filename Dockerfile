# The credit-score service image: the packaged service on a JRE 17 base, run as a non-root
# user. It copies what `mvn -B package` made, so build that first:
#
#   tools/image/build                 # all of it, with podman, on a JRE base made from Debian packages
#
# or by hand, with any JRE 17 base given by its digest:
#
#   mvn -B package -DskipTests
#   docker build --build-arg BASE_IMAGE=<registry>/credit-score-jre@sha256:<digest> \
#     --build-arg CREATED="$(git log -1 --format=%cI)" -t credit-score:0.1.0 .
#
# Only the files named in .dockerignore reach the build: DynamoDB Local (target/embedded/)
# stays out of the image, and the ONNX Runtime and XGBoost4J jars come from
# target/image-lib/ (`mvn package` writes them there with only the natives of linux
# x86_64) instead of target/lib/. The SBOM of the service's libraries
# (target/credit-score.cdx.json, CycloneDX) is in the image beside the jar.

# The base image, by digest (no default: a tag could change under the same name).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}

ARG BASE_IMAGE
ARG VERSION=0.1.0
ARG REVISION=unknown
# The date of the commit built (tools/image/build), so that the same commit gives the same label.
ARG CREATED=unknown
# Where the source is (the chart's `sources`) and its licence, as an SPDX expression: the
# service is proprietary, which SPDX writes as a LicenseRef.
ARG SOURCE=https://git.example.com/vpbank/credit-score
ARG LICENSES=LicenseRef-Proprietary
LABEL org.opencontainers.image.title="credit-score" \
      org.opencontainers.image.description="Credit-score prediction service (Apache Camel, ONNX Runtime, XGBoost, DynamoDB)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${BASE_IMAGE}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"

WORKDIR /app
COPY target/lib/ lib/
COPY target/image-lib/ lib/
COPY target/credit-score.jar credit-score.jar
COPY target/credit-score.cdx.json credit-score.cdx.json
COPY routes/ routes/
COPY models/ models/

ENV ROUTES_DIR=/app/routes
ENV MODELS_DIR=/app/models
# Bundles read from S3 are written here; the chart mounts a volume of its own instead.
ENV MODEL_CACHE_DIR=/tmp/model-cache
# Without a bucket the model archive is a folder; the image's own folders are not writable.
ENV MODEL_ARCHIVE_DIR=/tmp/model-archive
# The JVM's options, all of them, in one place that a deployment replaces whole (the chart
# sets JAVA_TOOL_OPTIONS from jvm.*): the heap is a share of the container's memory limit,
# leaving room for the models' native memory, and an out-of-memory error ends the process
# so that it is restarted. Options on the command line would win over this variable, so
# the entry point has none.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 8080 9876
ENTRYPOINT ["java", "-jar", "/app/credit-score.jar"]
