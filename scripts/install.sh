#!/usr/bin/env bash
# Installs a self-contained skrouterd (ReadyToRun, linux-x64) under PREFIX (default /usr/local):
#   PREFIX/lib/skrouterd/   the published files (skrouterd, skstat and skmanage share them)
#   PREFIX/bin/skrouterd    on PATH (Skupper gateway bundles run `skrouterd` from PATH)
#   PREFIX/bin/skstat, PREFIX/bin/skmanage   the management tools (Skupper execs them in the router container)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
dest="$prefix/lib/skrouterd"
mkdir -p "$dest" "$prefix/bin"
for project in src/Router.Daemon/Router.Daemon.csproj src/Router.Cli.Skstat/Router.Cli.Skstat.csproj \
    src/Router.Cli.Skmanage/Router.Cli.Skmanage.csproj; do
    dotnet publish "$project" -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=true -p:DebugType=none -nologo -o "$dest"
done
for tool in skrouterd skstat skmanage; do
    if [ -x "$dest/$tool" ]; then
        ln -sf "$dest/$tool" "$prefix/bin/$tool"
    fi
done
echo "installed: $prefix/bin/skrouterd ($("$prefix/bin/skrouterd" -v))"
