#!/usr/bin/env bash
# Browser tests need Debian's Chromium (never a downloaded one: the machine has no such network).
set -euo pipefail
chromium_bin="${OMNIA_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium_bin" ]; then
  exit 0
fi
echo "Chromium not found at $chromium_bin: installing Debian's chromium package…"
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
