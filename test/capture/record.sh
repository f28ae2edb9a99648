#!/usr/bin/env bash
# Record real IMAP clients talking to the project's test Dovecot on 127.0.0.1.
#   record.sh OUTDIR [mbsync] [fetchmail]
# Needs a running test server: IMAP_PORT and DOVECOT_DIR as given to
# test/realserver/dovecot-up.sh (record.sh --own-server OUTDIR ... starts and
# stops one itself, on IMAP_PORT or 21177). For each client it writes
#   OUTDIR/<client>.pcap          tcpdump on lo, port $IMAP_PORT
#   OUTDIR/<client>.tcpflow.txt   tcpflow -r <client>.pcap -c      (unprintable bytes as '.')
#   OUTDIR/<client>.tcpflow-B.txt tcpflow -r <client>.pcap -c -B   (bytes kept)
#   OUTDIR/<client>.rawlog.in/.out  Dovecot's post-login rawlog of the first session
# mbsync negotiates COMPRESS=DEFLATE (the server offers it). Clients log in
# as alice/alicepw; a few messages are put in alice's INBOX first.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OWN=0
if [ "${1:-}" = --own-server ]; then OWN=1; shift; fi
OUT=${1:?usage: record.sh [--own-server] OUTDIR [mbsync] [fetchmail]}; shift
CLIENTS=${*:-mbsync fetchmail}
if [ "$OWN" = 1 ]; then
  export IMAP_PORT=${IMAP_PORT:-21177} DOVECOT_DIR=${DOVECOT_DIR:-/tmp/imapwire-record-dovecot} DOVECOT_SSL=0
  bash "$HERE/../realserver/dovecot-down.sh" --wipe 2>/dev/null || true
  bash "$HERE/../realserver/dovecot-up.sh" >/dev/null
fi
PORT=${IMAP_PORT:?IMAP_PORT of the running test Dovecot}
DIR=${DOVECOT_DIR:?DOVECOT_DIR of the running test Dovecot}
WORK=$(mktemp -d /tmp/imapwire-record.XXXXXX)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CAP_PID=
cleanup() {
  if [ -n "$CAP_PID" ]; then kill -INT "$CAP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  if [ "$OWN" = 1 ]; then bash "$HERE/../realserver/dovecot-down.sh" --wipe 2>/dev/null || true; fi
}
trap cleanup EXIT

for tool in tcpdump tcpflow; do
  command -v "$tool" >/dev/null || { echo "record.sh: $tool is not installed" >&2; exit 3; }
done

# A few messages in alice's INBOX, written straight into the maildir.
MAILDIR=$DIR/mail/alice/Maildir
mkdir -p "$MAILDIR"/cur "$MAILDIR"/new "$MAILDIR"/tmp
for i in 1 2 3; do
  cat > "$MAILDIR/new/170000000$i.M$i.imapwire" <<MSG
From: Bob <bob@example.org>
To: Alice <alice@example.org>
Subject: capture example $i
Date: Mon, 1 Dec 2025 12:0$i:00 +0000
Message-ID: <capture-$i@example.org>
Content-Type: text/plain; charset=utf-8

Message $i of the capture example.
$(for j in $(seq 1 $((i * 8))); do echo "Line $j: the quick brown fox jumps over the lazy dog."; done)
MSG
done
# Post-login rawlog (the 'rawlog' postlogin script writes when the dir exists).
RAWLOG=$DIR/mail/alice/dovecot.rawlog
mkdir -p "$RAWLOG"
chown -R vmail:vmail "$DIR/mail/alice"

start_cap() {   # $1 = pcap path; sets CAP_PID
  rm -f "$1"
  # --immediate-mode: a short capture stopped by SIGINT otherwise loses what sits in the ring buffer
  tcpdump -i lo -s 0 -U --immediate-mode -Z root -w "$1" "tcp port $PORT and host 127.0.0.1" \
    >/dev/null 2>"$WORK/tcpdump.err" &
  CAP_PID=$!
  for _ in $(seq 1 50); do grep -q listening "$WORK/tcpdump.err" 2>/dev/null && break; sleep 0.1; done
}
stop_cap() {
  sleep 1
  kill -INT "$CAP_PID" 2>/dev/null || true
  wait "$CAP_PID" 2>/dev/null || true
  CAP_PID=
}
post() {        # $1 = client name
  (cd "$WORK" && tcpflow -r "$OUT/$1.pcap" -c > "$OUT/$1.tcpflow.txt" 2>/dev/null; rm -f report.xml)
  (cd "$WORK" && tcpflow -r "$OUT/$1.pcap" -c -B > "$OUT/$1.tcpflow-B.txt" 2>/dev/null; rm -f report.xml)
  local first size last=-1
  # The imap process writes its rawlog as the session runs and may still be
  # closing it after the client is gone (slow on a loaded machine): wait for
  # the pair to appear and for its size to settle, up to 15 s.
  for _ in $(seq 1 75); do
    first=$(ls "$RAWLOG"/*.in 2>/dev/null | sort | head -1 || true)
    if [ -n "$first" ] && [ -e "${first%.in}.out" ]; then
      size=$(cat "$first" "${first%.in}.out" | wc -c)
      [ "$size" = "$last" ] && break
      last=$size
    fi
    sleep 0.2
  done
  if [ -n "$first" ]; then
    cp "$first" "$OUT/$1.rawlog.in"
    cp "${first%.in}.out" "$OUT/$1.rawlog.out"
  fi
  rm -f "$RAWLOG"/*
  printf '%-10s pcap %7d B  tcpflow %7d B\n' "$1" "$(stat -c %s "$OUT/$1.pcap")" "$(stat -c %s "$OUT/$1.tcpflow.txt")"
}

for c in $CLIENTS; do
  case $c in
  mbsync)
    command -v mbsync >/dev/null || { echo "record.sh: mbsync (isync) is not installed" >&2; exit 3; }
    mkdir -p "$WORK/mbsync"
    cat > "$WORK/mbsyncrc" <<EOF
IMAPAccount dovecot
Host 127.0.0.1
Port $PORT
User alice
Pass alicepw
SSLType None
AuthMechs LOGIN

IMAPStore far
Account dovecot

MaildirStore near
Path $WORK/mbsync/
Inbox $WORK/mbsync/INBOX
SubFolders Verbatim

Channel sync
Far :far:
Near :near:
Patterns INBOX
Create Near
SyncState *
MaxSize 1m
EOF
    start_cap "$OUT/mbsync.pcap"
    mbsync -c "$WORK/mbsyncrc" sync > "$WORK/mbsync.log" 2>&1 || { echo "mbsync failed:" >&2; cat "$WORK/mbsync.log" >&2; }
    stop_cap; post mbsync ;;
  fetchmail)
    command -v fetchmail >/dev/null || { echo "record.sh: fetchmail is not installed" >&2; exit 3; }
    printf 'poll 127.0.0.1 service %s protocol IMAP auth password user "alice" password "alicepw" is root here keep fetchall mda "/bin/cat >/dev/null"\n' "$PORT" > "$WORK/fetchmailrc"
    chmod 600 "$WORK/fetchmailrc"
    start_cap "$OUT/fetchmail.pcap"
    fetchmail -f "$WORK/fetchmailrc" --nosyslog --sslproto '' --idfile "$WORK/fetchids" > "$WORK/fetchmail.log" 2>&1 || true
    stop_cap; post fetchmail ;;
  *) echo "record.sh: unknown client $c" >&2; exit 2 ;;
  esac
done
