# skupper-router-compatible image running the C# skrouterd.
# Keeps the image contract Skupper relies on: /home/skrouterd/bin/launch.sh as CMD, QDROUTERD_CONF /
# QDROUTERD_CONF_TYPE handling, ${VAR} expansion of the config, user 10000, and skrouterd on PATH.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Router.Daemon/Router.Daemon.csproj -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=true -p:DebugType=none -o /out

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 ca-certificates openssl hostname iputils-ping \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 10000 --create-home --home-dir /home/skrouterd runner
COPY --from=build /out /usr/lib/skrouterd
RUN ln -s /usr/lib/skrouterd/skrouterd /usr/sbin/skrouterd \
    && for t in skstat skmanage; do [ -x /usr/lib/skrouterd/$t ] && ln -s /usr/lib/skrouterd/$t /usr/bin/$t || true; done
COPY docker/ /home/skrouterd/bin/
ENV QDROUTERD_HOME=/home/skrouterd
WORKDIR /home/skrouterd/bin
RUN mkdir -p /home/skrouterd/etc && chown -R 10000 /home/skrouterd
USER 10000
EXPOSE 5672 55672 5671
CMD ["/home/skrouterd/bin/launch.sh"]
