#!/usr/bin/env bash
# Install Debian's Dovecot (dovecot-core + dovecot-imapd) if it is missing.
# Needs root and apt-get; exits 2 (without touching anything) otherwise.
# The distro's own Dovecot service is never started: a temporary
# /usr/sbin/policy-rc.d that exits 101 blocks it during the install.
set -euo pipefail

if command -v dovecot >/dev/null 2>&1 && [ -x /usr/lib/dovecot/imap ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "dovecot-install: Dovecot is missing and cannot be installed here (needs root and apt-get)" >&2
  exit 2
fi

created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends dovecot-core dovecot-imapd >/dev/null
echo "dovecot-install: installed $(dovecot --version)" >&2
