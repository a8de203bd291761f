#!/usr/bin/env bash
# Takes the web dashboard's screenshots for the docs: a real instance, headless chromium (the
# Debian packages chromium and chromium-driver), one PNG per page and colour scheme in docs/images/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-home.sh
fazt_pick_jdk
mvn -q -B -DskipTests test-compile dependency:build-classpath -pl app-server -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.cp
cp="app-server/target/test-classes:app-server/target/classes:app-core/target/classes:app-core/target/test-classes:$(cat app-server/target/screenshots.cp)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Djdk.httpclient.allowRestrictedHeaders=host -cp "$cp" fazt.server.DashboardScreenshots docs/images
