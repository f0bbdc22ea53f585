# skupper-router-compatible image running the C# skrouterd.
# Keeps the image contract Skupper relies on: /home/skrouterd/bin/launch.sh as CMD, QDROUTERD_CONF /
# QDROUTERD_CONF_TYPE handling, ${VAR} expansion of the config, user 10000, and skrouterd on PATH.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# skrouterd and the tools Skupper execs in the router container (skstat, skmanage) share one self-contained folder.
RUN for p in src/Router.Daemon/Router.Daemon.csproj src/Router.Cli.Skstat/Router.Cli.Skstat.csproj \
        src/Router.Cli.Skmanage/Router.Cli.Skmanage.csproj; do \
        dotnet publish "$p" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -p:DebugType=none -o /out || exit 1; \
    done

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 ca-certificates openssl hostname iputils-ping \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 10000 --create-home --home-dir /home/skrouterd runner
COPY --from=build /out /usr/lib/skrouterd
RUN ln -s /usr/lib/skrouterd/skrouterd /usr/sbin/skrouterd \
    && for t in skstat skmanage; do ln -s /usr/lib/skrouterd/$t /usr/bin/$t; done
COPY docker/ /home/skrouterd/bin/
ENV QDROUTERD_HOME=/home/skrouterd
WORKDIR /home/skrouterd/bin
RUN mkdir -p /home/skrouterd/etc && chown -R 10000 /home/skrouterd
USER 10000
# 9090: the HTTP listener Skupper's probes use (/healthz) and Prometheus scrapes (/metrics).
EXPOSE 5672 55672 5671 9090
CMD ["/home/skrouterd/bin/launch.sh"]
