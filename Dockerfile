# The runtime image of every Keikyo service. It holds one static binary, `keikyo` (the CLI),
# with each service's executable name as a link to it, so the Swift runtime and libraries are
# stored once. Build it with scripts/build-images.sh, which compiles on the host
# (swift build -c release --static-swift-stdlib) and stages the context in .build-image/.
# Nothing here pulls: debian:bookworm-slim is built locally by scripts/make-base-image.sh.
FROM debian:bookworm-slim

COPY bin/ /usr/local/bin/
COPY --chown=10001:10001 data/ /var/lib/keikyo/
# The tokens file and the services' own tokens (`keikyo tokens init`), in a volume of their own.
COPY --chown=10001:10001 data/ /var/lib/keikyo-trust/

ENV KEIKYO_DATA_DIR=/var/lib/keikyo
# pg_dump and pg_restore, for `keikyo backup` and `keikyo restore` on PostgreSQL.
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/15/bin
USER 10001:10001
WORKDIR /var/lib/keikyo
VOLUME ["/var/lib/keikyo"]

# The service handles SIGTERM as PID 1: GOAWAY to clients, calls in flight finish, then exit.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=5 \
  CMD ["/usr/local/bin/keikyo", "health", "--local", "--timeout", "2"]
ENTRYPOINT ["/usr/local/bin/keikyo"]
