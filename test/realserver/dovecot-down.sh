#!/usr/bin/env bash
# Stop the Dovecot started by dovecot-up.sh, by its own master pid.
#   dovecot-down.sh [--wipe]    --wipe also deletes $DOVECOT_DIR (mail, logs, config)
set -uo pipefail
DIR=${DOVECOT_DIR:-/tmp/imapwire-test-dovecot}
PIDF=$DIR/run/master.pid
if [ -s "$PIDF" ]; then
  pid=$(cat "$PIDF")
  # only our own master: a stale pid file must not kill a recycled pid
  comm=$(cat /proc/"$pid"/comm 2>/dev/null || true)
  if kill -0 "$pid" 2>/dev/null && [ "$comm" = dovecot ]; then
    kill -TERM "$pid"                       # master stops its children itself
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    echo "dovecot pid $pid stopped" >&2
  else
    echo "dovecot pid $pid not running (comm=${comm:-none})" >&2
  fi
  rm -f "$PIDF"
else
  echo "no $PIDF: dovecot not running from $DIR" >&2
fi
if [ "${1:-}" = "--wipe" ]; then
  case "$DIR" in /tmp/*|/var/tmp/*) rm -rf "$DIR"; echo "wiped $DIR" >&2;; *) echo "refusing to wipe $DIR" >&2;; esac
fi
