#!/usr/bin/env bash
# Run by `./mvnw verify` (the root pom's test-prerequisites profile, in the validate phase, before
# anything is compiled; builds with -DskipTests skip it): the programs the tests start, beyond Java.
#   required: influxd (InfluxDB 1.x), chromium and chromedriver (the page's browser test), wrk (the
#             benchmarks' smoke test)
#   optional: dockerd, docker-compose and debootstrap for ComposeStackIT, the Docker deployment run
#             for real; without them it is skipped, and says why
# As root with apt-get, whatever is missing is installed. Otherwise, when a required program is
# missing, this stops the build with what to install. With everything there it installs nothing
# and asks no package index, so a second run costs only these checks.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
executable() { [ -n "$1" ] && [ -x "$1" ]; }

ubuntu=false
if [ -r /etc/os-release ] && grep -qE '^(ID|ID_LIKE)=.*ubuntu' /etc/os-release; then ubuntu=true; fi
if $ubuntu; then chromium_package=chromium-browser driver_package=chromium-chromedriver
else chromium_package=chromium driver_package=chromium-driver; fi

required=() programs=()
if [ -n "${CRYPTOVIZ_INFLUXD:-}" ]; then
  executable "$CRYPTOVIZ_INFLUXD" || { echo "CRYPTOVIZ_INFLUXD=$CRYPTOVIZ_INFLUXD is not an executable" >&2; exit 1; }
elif ! have influxd; then required+=(influxdb); programs+=("influxd (InfluxDB 1.x)"); fi
if [ -n "${CRYPTOVIZ_CHROMIUM:-}" ]; then
  executable "$CRYPTOVIZ_CHROMIUM" || { echo "CRYPTOVIZ_CHROMIUM=$CRYPTOVIZ_CHROMIUM is not an executable" >&2; exit 1; }
elif ! [ -x /usr/bin/chromium ]; then required+=("$chromium_package"); programs+=(/usr/bin/chromium); fi
if [ -n "${CRYPTOVIZ_CHROMEDRIVER:-}" ]; then
  executable "$CRYPTOVIZ_CHROMEDRIVER" || { echo "CRYPTOVIZ_CHROMEDRIVER=$CRYPTOVIZ_CHROMEDRIVER is not an executable" >&2; exit 1; }
elif ! [ -x /usr/bin/chromedriver ]; then required+=("$driver_package"); programs+=(/usr/bin/chromedriver); fi
have wrk || { required+=(wrk); programs+=("wrk (on the PATH)"); }

optional=()
have dockerd || docker info >/dev/null 2>&1 || optional+=(docker.io)
have docker-compose || docker compose version >/dev/null 2>&1 || optional+=(docker-compose)
have debootstrap || optional+=(debootstrap)

missing=("${required[@]}" "${optional[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what the tests need: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

if [ ${#required[@]} -eq 0 ]; then
  echo "Note: without ${optional[*]} the Docker deployment test (ComposeStackIT) is skipped."
  exit 0
fi

listed="$(printf ', %s' "${programs[@]}")"
cat >&2 <<MESSAGE

The tests need programs that are not installed here: ${listed#, }.
Install them (as root, ./mvnw verify does this itself):

    sudo apt-get install -y ${required[*]}

or, where they are installed elsewhere, point the tests at them:

    export CRYPTOVIZ_INFLUXD=/path/to/influxd CRYPTOVIZ_CHROMIUM=/path/to/chromium CRYPTOVIZ_CHROMEDRIVER=/path/to/chromedriver
    (wrk is looked up on the PATH)
MESSAGE
if [ ${#optional[@]} -gt 0 ]; then
  cat >&2 <<MESSAGE
Optional, for the Docker deployment test (ComposeStackIT, skipped without them; it needs root to
start dockerd, or an engine already running): sudo apt-get install -y ${optional[*]}
MESSAGE
fi
echo >&2
exit 1
