#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests in web/ (chromedp), if
# it is not there yet, and prints the binary's path, so that the one way
# to call it is
#
#   export CSTO_CHROMIUM="$(bash .ci/chromium.sh)"
#
# As root or as a user with sudo (it re-runs itself under sudo to
# install). Idempotent: a second run installs nothing. The tests find the
# binary through CSTO_CHROMIUM or at /usr/bin/chromium; without it they
# are skipped naming this script, and fail under CI=true.
set -euo pipefail

bin="${CSTO_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$bin" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || { echo "chromium.sh: needs root to install chromium, and sudo is not installed" >&2; exit 1; }
		exec sudo -- bash "$0" "$@"
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >&2
	bin=/usr/bin/chromium
fi
"$bin" --version >&2
echo "$bin"
