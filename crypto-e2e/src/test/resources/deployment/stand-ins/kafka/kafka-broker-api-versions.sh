#!/bin/bash
exec java -Xmx128m -Dlogback.configurationFile=/opt/kafka/logback.xml -cp '/opt/kafka/libs/*' \
  org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
