#!/usr/bin/env bash
# Installs the Debian 12 packages ittsim needs, and only those that are missing.
# Usage: scripts/install-deps.sh [extra-package ...]
# On a machine without apt (a cluster with environment modules or Spack), or with
# ITTSIM_SKIP_DEPS=1, it installs nothing and leaves CMake to find the dependencies; without
# root or sudo it names what is missing and carries on (docs/HPC.md, "Building without root").
set -euo pipefail

if [[ ${ITTSIM_SKIP_DEPS-} == 1 ]]; then
  exit 0
fi
if ! command -v dpkg-query > /dev/null || ! command -v apt-get > /dev/null; then
  echo "ittsim: no apt here: not installing packages; CMake will look for the dependencies (load them as" \
    "modules or from Spack: docs/HPC.md, \"Building without root\")" >&2
  exit 0
fi

packages=(
  build-essential cmake pkg-config
  libboost-program-options-dev libboost-random-dev
  libtbb-dev
  libhdf5-dev hdf5-tools
  libfmt-dev
  catch2
  librandom123-dev
  python3-h5py python3-numpy python3-pandas python3-matplotlib python3-scipy python3-sklearn python3-openpyxl
  "$@"
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "ittsim: installing missing Debian packages: ${missing[*]}" >&2
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  # sudo only where it needs no password (-n): on a cluster it is usually not allowed.
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "ittsim: not installing ${missing[*]}: that needs root or sudo. Carrying on: CMake will say what" \
      "it cannot find (load it as a module, or set ITTSIM_SKIP_DEPS=1 to skip this check)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
