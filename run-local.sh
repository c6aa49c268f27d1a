#!/usr/bin/env bash
# Runs CryptoViz on this machine without Docker: InfluxDB (influxd), a Kafka broker (KRaft)
# and the three services. Ctrl-C stops everything. Options are those of the dev stack:
#   --simulated       simulated prices (no internet needed) instead of CoinGecko
#   --data-dir=DIR    where data and logs go (default .cryptoviz)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v influxd >/dev/null 2>&1 && [ -z "${CRYPTOVIZ_INFLUXD:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "influxd not found: installing Debian's influxdb package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq influxdb >/dev/null
  else
    echo "influxd not found. Install InfluxDB 1.x (Debian/Ubuntu: sudo apt-get install influxdb)," >&2
    echo "or set CRYPTOVIZ_INFLUXD to an influxd binary." >&2
    exit 1
  fi
fi

echo "Building the services (./mvnw package, tests skipped) …"
./mvnw -q -B -DskipTests package
exec java -jar crypto-devstack/target/crypto-devstack-*.jar "$@"
