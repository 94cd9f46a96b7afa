#!/usr/bin/env bash
# Installs CometBFT (the consensus engine of multi-validator networks) as a Go module into
# .cometbft/bin/cometbft, once: a second run with the binary at this version does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="v0.38.26"
BIN=".cometbft/bin/cometbft"
if [ -x "$BIN" ] && [ "$("$BIN" version)" = "${VERSION#v}" ]; then
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "install-cometbft: Go is needed to install CometBFT ${VERSION} (https://go.dev/dl/)" >&2
  exit 1
fi
echo "installing CometBFT ${VERSION} with go install (a minute or two the first time)"
GOBIN="$PWD/.cometbft/bin" go install "github.com/cometbft/cometbft/cmd/cometbft@${VERSION}"
"$BIN" version
