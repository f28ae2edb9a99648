#!/usr/bin/env bash
# Re-record the example captures in examples/captures/ against the project's own
# test Dovecot (started and stopped here), then derive their text forms.
#   bash test/capture/make-examples.sh      (root: tcpdump and dovecot-up.sh need it)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/examples/captures
PORT=${IMAP_PORT:-21177}
IMAP_PORT=$PORT bash "$ROOT/test/capture/record.sh" --own-server "$OUT" mbsync fetchmail
(cd "$ROOT" && npm run build --silent)
node "$ROOT/test/capture/to-transcript.mjs" "$OUT/fetchmail.pcap" "$PORT" > "$OUT/fetchmail.transcript.txt"
echo "$PORT" > "$OUT/PORT"
ls -l "$OUT"
