#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests in web/ (chromedp), if
# it is not there yet, and prints the binary's path. Idempotent: a second
# run installs nothing. The tests find the binary through CSTO_CHROMIUM or
# at /usr/bin/chromium and fail, naming this script, when it is missing.
set -euo pipefail

bin="${CSTO_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$bin" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >&2
	bin=/usr/bin/chromium
fi
"$bin" --version >&2
echo "$bin"
