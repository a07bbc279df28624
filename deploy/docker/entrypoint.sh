#!/bin/sh
# Renders the configuration when it is a template (Kubernetes: the pod's IP and name are only known
# at start), then execs Java so that it is PID 1 and receives SIGTERM itself (drain).
#   /etc/opensbc/sbc.yaml.template  ->  /var/lib/opensbc/sbc.yaml  with ${POD_IP}, ${POD_NAME}
set -eu
if [ -f /etc/opensbc/sbc.yaml.template ]; then
  : "${POD_IP:?POD_IP must be set to render the configuration template}"
  : "${POD_NAME:?POD_NAME must be set to render the configuration template}"
  sed -e "s/\${POD_IP}/${POD_IP}/g" -e "s/\${POD_NAME}/${POD_NAME}/g" \
    /etc/opensbc/sbc.yaml.template > /var/lib/opensbc/sbc.yaml
  java -jar /opt/opensbc/sbc.jar check-config /var/lib/opensbc/sbc.yaml
  # shellcheck disable=SC2086
  exec java $JAVA_OPTS -jar /opt/opensbc/sbc.jar run --config /var/lib/opensbc/sbc.yaml
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar /opt/opensbc/sbc.jar "$@"
