# Build on the builder's own platform and cross-compile: the program is pure Go, so a multi-arch
# image (docker buildx build --platform linux/amd64,linux/arm64 .) needs no emulation.
# The Go release is pinned to the one go.mod asks for (a test keeps the two equal): a floating
# golang:1.26 tag, cached from before that patch, refused to build (the image sets
# GOTOOLCHAIN=local), and a pinned tag builds the same binary tomorrow.
FROM --platform=$BUILDPLATFORM golang:1.26.8-bookworm AS build
WORKDIR /src

# Modules in a layer of their own, keyed on go.mod/go.sum only, so source edits reuse it.
COPY go.mod go.sum ./
RUN go mod download

COPY . .
ARG TARGETOS TARGETARCH
# The release the image is built from: docker build --build-arg VERSION=v1.2.0 .
ARG VERSION=devel
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags="-s -w -X main.Version=${VERSION} -X main.BuildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)" -o /careergraph .

# Alpine rather than distroless: distroless has no shell or HTTP client, so nothing in it could
# probe /readyz; busybox's wget here serves the HEALTHCHECK below and docker-compose.yml's.
FROM alpine:3.22
# tzdata: the server calls time.LoadLocation("Europe/Helsinki") and Alpine ships no zone files.
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S -g 10001 careergraph \
 && adduser -S -D -H -u 10001 -G careergraph -h /data careergraph \
 && mkdir /data \
 && chown careergraph:careergraph /data
COPY --from=build /careergraph /usr/local/bin/careergraph
# Refuses a GOMEMLIMIT that the Go runtime cannot read, in plain words, before the runtime stops
# the process with a stack trace (see the script).
COPY deploy/entrypoint.sh /usr/local/bin/careergraph-entrypoint

# Without DATABASE_URL the server falls back to SQLite at ./careergraph.db, so the working
# directory must be writable by the runtime user and worth keeping.
WORKDIR /data
VOLUME /data
# Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001

EXPOSE 8080
# Shell form so a PORT override in the container's environment is honoured.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD wget -q -O /dev/null "http://127.0.0.1:${PORT:-8080}/readyz" || exit 1

ENTRYPOINT ["careergraph-entrypoint"]
CMD ["serve"]
