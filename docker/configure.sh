#!/bin/bash
# Writes the router configuration to $2 from QDROUTERD_CONF: inline config text (contains "{"), or a list of
# files/directories separated by ":" or ",", then expands ${VAR} references (unknown ones are left as they are).
set -Eeuo pipefail
HOME_DIR=$1
CONFIG_FILE=$2
export POD_ID=${HOSTNAME##*-}
if [[ -n "${QDROUTERD_CONF:-}" ]]; then
    if [[ "$QDROUTERD_CONF" =~ .*\{.*\}.* ]]; then
        echo "$QDROUTERD_CONF" > "$CONFIG_FILE"
    else
        : > "$CONFIG_FILE"
        IFS=':,' read -ra PATHS <<< "$QDROUTERD_CONF"
        for p in "${PATHS[@]}"; do
            if [[ -d "$p" ]]; then
                cat "$p"/*.conf >> "$CONFIG_FILE"
            elif [[ -f "$p" ]]; then
                cat "$p" >> "$CONFIG_FILE"
            else
                echo "No such file or directory: $p"
            fi
        done
    fi
    python3 "$HOME_DIR/bin/expandvars.py" "$CONFIG_FILE"
fi
