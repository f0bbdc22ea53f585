#!/bin/bash
# Container entry point: assemble the configuration (configure.sh), then exec skrouterd.
export HOSTNAME_IP_ADDRESS=$(hostname -i)
EXT=${QDROUTERD_CONF_TYPE:-conf}
CONFIG_FILE=/tmp/skrouterd.${EXT}
${QDROUTERD_HOME}/bin/configure.sh ${QDROUTERD_HOME} $CONFIG_FILE
if [ -f $CONFIG_FILE ]; then
    ARGS="-c $CONFIG_FILE"
fi
exec skrouterd $ARGS
