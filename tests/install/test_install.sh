#!/usr/bin/env bash
# `cmake --install` of the build under test into a temporary prefix, then a project outside
# ittsim (tests/install/downstream) found through find_package(ittsim), built and run; and the
# installed command. Usage: test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
test -x "$work/prefix/bin/ittsim"
test -f "$work/prefix/include/ittsim/sim/model/simulation.hpp"
"$work/prefix/bin/ittsim" --version
cmake -S "$source/tests/install/downstream" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
teachers=$("$work/build/downstream" "$source/scenarios/baseline.ini" "$work/out.h5")
echo "downstream: teachers in post after one North East year: $teachers"
[[ $teachers =~ ^[0-9]+$ ]] && ((teachers > 1000))
# The driver's file holds the same year.
"$work/prefix/bin/ittsim" summary "$work/out.h5" | grep -q "teachers"
h5dump -d /replicate_0000/yearly/teachers_in_post "$work/out.h5" | grep -q "(0): $teachers"
