#!/bin/sh
# Fails the Maven build with a clear message when Node.js or npm is not on the PATH.
# capstan-ui builds with the machine's own Node.js (20.19 or newer) and npm; it downloads neither.
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "capstan-ui: '$tool' is not on the PATH. Install Node.js 20.19 or newer with npm (for example 'apt-get install nodejs npm'), or leave the UI out with '-pl !capstan-ui'." >&2
    exit 1
  fi
done
