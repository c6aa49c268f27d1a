#!/bin/bash
# influxdb:2.7 runs this once, on its first start (empty influxdb-data volume), after it created the
# admin user, the organisation, the bucket crypto-data and the admin token from DOCKER_INFLUXDB_INIT_*;
# its influx CLI is already signed in with that token.
#
# It adds the bucket crypto-rollups (candles; kept for ever) with its DBRP mapping, and one
# v1-compatible authorization per service, which the services present on the v1 API as
# "Authorization: Token <user>:<password>":
#   crypto-consumer  reads and writes crypto-data and crypto-rollups, nothing else
#   crypto-api       reads crypto-data and crypto-rollups
#   grafana          reads crypto-data and crypto-rollups
# The admin token stays with the operator. docs/security.md says how to rotate each password.
set -euo pipefail

org="${DOCKER_INFLUXDB_INIT_ORG:?}"
data="${DOCKER_INFLUXDB_INIT_BUCKET_ID:?}"
rollups="$(influx bucket create --org "$org" --name crypto-rollups --retention 0 --hide-headers | cut -f 1)"
influx v1 dbrp create --org "$org" --db crypto-rollups --rp autogen --bucket-id "$rollups" --default

influx v1 auth create --org "$org" --username crypto-consumer --password "${INFLUX_CONSUMER_PASSWORD:?}" \
  --read-bucket "$data" --write-bucket "$data" --read-bucket "$rollups" --write-bucket "$rollups" \
  --description "crypto-consumer: stores ticks and candles"
influx v1 auth create --org "$org" --username crypto-api --password "${INFLUX_API_PASSWORD:?}" \
  --read-bucket "$data" --read-bucket "$rollups" --description "crypto-api: reads prices"
influx v1 auth create --org "$org" --username grafana --password "${INFLUX_GRAFANA_PASSWORD:?}" \
  --read-bucket "$data" --read-bucket "$rollups" --description "grafana: reads prices"
