#!/usr/bin/env bash
# The example sweep farmed over 3 MPI ranks must merge to the same file as the serial sweep
# (/provenance aside). Usage: sweep_mpi.sh ITTSIM SWEEP_INI   (ittsim built with -DITTSIM_MPI=ON)
set -euo pipefail
ittsim=$1
sweep=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$ittsim" sweep "$sweep" -o "$work/serial" --quiet
"$ittsim" merge "$work/serial" -o "$work/serial.h5" --quiet
# Root may run mpirun only when it says so; --oversubscribe allows more ranks than cores.
mpirun --allow-run-as-root --oversubscribe -np 3 "$ittsim" sweep "$sweep" -o "$work/mpi" | tee "$work/mpi.log"
grep -q "on 3 MPI ranks" "$work/mpi.log"
"$ittsim" merge "$work/mpi" -o "$work/mpi.h5" --quiet
h5diff --exclude-path /provenance "$work/serial.h5" "$work/mpi.h5"
echo "sweep under mpirun -np 3: merged file identical to the serial sweep's outside /provenance"
