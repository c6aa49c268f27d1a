#!/bin/bash
# InfluxDB 1.x's version of docker/influxdb/init/create-service-credentials.sh, for the stand-in:
# the two databases (the buckets of 2.x), and one user per service with the same rights as the
# v1 authorizations 2.x gets. Run once, by the stand-in's entrypoint, on the first start.
set -euo pipefail
query() {
  curl -fsS -o /dev/null -XPOST "$INFLUX_URL/query" -u "$DOCKER_INFLUXDB_INIT_USERNAME:$DOCKER_INFLUXDB_INIT_PASSWORD" \
    --data-urlencode "q=$1"
}
retention="${DOCKER_INFLUXDB_INIT_RETENTION:-0}"
[ "$retention" = 0 ] && retention=INF
query "CREATE DATABASE \"$DOCKER_INFLUXDB_INIT_BUCKET\" WITH DURATION $retention"
query "CREATE DATABASE \"crypto-rollups\" WITH DURATION INF"
query "CREATE USER \"crypto-consumer\" WITH PASSWORD '${INFLUX_CONSUMER_PASSWORD:?}'"
query "CREATE USER \"crypto-api\" WITH PASSWORD '${INFLUX_API_PASSWORD:?}'"
query "CREATE USER \"grafana\" WITH PASSWORD '${INFLUX_GRAFANA_PASSWORD:?}'"
for database in "$DOCKER_INFLUXDB_INIT_BUCKET" crypto-rollups; do
  query "GRANT ALL ON \"$database\" TO \"crypto-consumer\""
  query "GRANT READ ON \"$database\" TO \"crypto-api\""
  query "GRANT READ ON \"$database\" TO \"grafana\""
done
