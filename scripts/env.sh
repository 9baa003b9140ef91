# Sourced by ./capstan and ./run-tests. Finds a JDK 25 or newer and exports JAVA_HOME; checks Go.

capstan_find_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[5-9]-jdk* /usr/lib/jvm/java-2[5-9]-*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "capstan: needs JDK 25 or newer. Set JAVA_HOME to one, or install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64." >&2
  return 1
}

# The local control plane is built from Go modules the first time it is needed.
capstan_check_go() {
  local go="${CAPSTAN_GO:-go}" version minor
  if ! version=$(GOTOOLCHAIN=local "$go" env GOVERSION 2>/dev/null); then
    echo "capstan: needs Go 1.26 or newer on PATH (or CAPSTAN_GO) to build the local control plane." >&2
    return 1
  fi
  minor=$(echo "$version" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [ -z "$minor" ] || [ "$minor" -lt 26 ]; then
    echo "capstan: needs Go 1.26 or newer to build the local control plane; found $version." >&2
    return 1
  fi
}

# The web UI's browser tests drive Debian's Chromium. Installs it from Debian's packages when it
# is missing (as root, or with sudo); $CAPSTAN_CHROMIUM names another Chromium instead.
capstan_ensure_chromium() {
  local chromium="${CAPSTAN_CHROMIUM:-/usr/bin/chromium}" sudo=""
  [ -x "$chromium" ] && return 0
  if [ -n "${CAPSTAN_CHROMIUM:-}" ]; then
    echo "capstan: CAPSTAN_CHROMIUM names $chromium, which is not an executable." >&2
    return 1
  fi
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "run-tests: installing Debian's chromium package for the browser tests"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium; } >/dev/null; then
    echo "capstan: the browser tests need Chromium: apt-get install chromium (Debian's package), or set CAPSTAN_CHROMIUM." >&2
    return 1
  fi
}
