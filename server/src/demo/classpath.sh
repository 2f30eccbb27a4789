#!/bin/sh
# Resolves the classpath of one of the demo's runtimes (a pom under src/demo/) into a file, with
# the Maven that runs the build, its offline mode and its local repository. Skipped when the file
# is newer than the pom. Called by the server module's build (exec-maven-plugin).
# Usage: classpath.sh <maven.home> offline=<true|false> <local repository> <pom> <output file>
set -eu
maven_home=$1 offline=$2 repo=$3 pom=$4 out=$5
if [ -f "$out" ] && [ "$out" -nt "$pom" ]; then
    exit 0
fi
mkdir -p "$(dirname -- "$out")"
set -- -q -B -f "$pom" "-Dmaven.repo.local=$repo" "-Dmdep.outputFile=$out" dependency:build-classpath
if [ "$offline" = offline=true ]; then
    set -- -o "$@"
fi
mvn=mvn
if [ -x "$maven_home/bin/mvn" ]; then
    mvn=$maven_home/bin/mvn
fi
"$mvn" "$@"
