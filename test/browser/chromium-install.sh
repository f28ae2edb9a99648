#!/usr/bin/env bash
# Install Debian's Chromium (for test/browser) if it is missing.
# Needs root and apt-get; exits 2 (without touching anything) otherwise.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium-install: Chromium is missing and cannot be installed here (needs root and apt-get)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium-install: installed $(/usr/bin/chromium --version 2>/dev/null)" >&2
