#!/bin/sh
# Resolves the classpath of one of the demo's runtimes (a pom under src/demo/) into a file, with
# the Maven that runs the build, its offline mode and its local repository, and the versions the
# parent pom pins (passed on as -D properties). Skipped when the file is newer than the pom and was
# made with the same versions. Called by the server module's build (exec-maven-plugin).
# Usage: classpath.sh <maven.home> offline=<true|false> <local repository> <pom> <output file> [-Dname=value...]
set -eu
maven_home=$1 offline=$2 repo=$3 pom=$4 out=$5
shift 5
stamp="$out.properties"
if [ -f "$out" ] && [ "$out" -nt "$pom" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$*" ]; then
    exit 0
fi
mkdir -p "$(dirname -- "$out")"
properties=$*
set -- -q -B -f "$pom" "-Dmaven.repo.local=$repo" "-Dmdep.outputFile=$out" "$@" dependency:build-classpath
if [ "$offline" = offline=true ]; then
    set -- -o "$@"
fi
mvn=mvn
if [ -x "$maven_home/bin/mvn" ]; then
    mvn=$maven_home/bin/mvn
fi
"$mvn" "$@"
printf '%s' "$properties" >"$stamp"
