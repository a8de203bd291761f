#!/usr/bin/env bash
# Takes the desktop screenshots for the README: a real GTK window under Xvfb, one PNG per view,
# written to docs/images/. Needs the Debian packages xvfb, xauth and libgtk-3-0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-home.sh
fazt_pick_jdk
# -Ddisplay: a real display instead of the headless Monocle profile
mvn -q -B -Ddisplay -DskipTests test-compile dependency:build-classpath -pl app-desktop -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.cp
cp="app-desktop/target/test-classes:app-desktop/target/classes:$(cat app-desktop/target/screenshots.cp)"
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=app-desktop/target/graal \
  -Djdk.httpclient.allowRestrictedHeaders=host -cp "$cp" fazt.desktop.Screenshots docs/images
# the tray (issue 17): its icons, and its menu opened on a real X tray at the top right (the Debian
# package trayer)
xvfb-run -a -s "-screen 0 1280x800x24" sh -c \
  'trayer --edge top --align right --widthtype request --height 28 --SetDockType true & sleep 1; exec "$@"' tray \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=app-desktop/target/graal \
  -Djdk.httpclient.allowRestrictedHeaders=host -cp "$cp" fazt.desktop.TrayScreenshots docs/images
