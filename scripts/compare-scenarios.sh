#!/usr/bin/env bash
# The scenario-comparison report in one command: builds ittsim if needed, runs each scenario
# with the same replicates and the baseline's seed (so replicate r of each shares its random
# streams) into DIR/runs/, and writes the report to DIR/report/
# (index.html, figures/, tables/ and ittsim-report.xlsx). It never writes outside DIR, so the
# main job's results/ are left alone.
#
# Usage: scripts/compare-scenarios.sh [--output DIR] [--replicates R] [--years FIRST:LAST]
#          [--set group.name=value]... [--region NAME] [--ensemble POSTERIOR.csv [--members N]]
#          [SCENARIO...]
#   SCENARIO: a scenario file anywhere (path.ini) or a name in scenarios/ (market_review);
#     the first is the baseline. Default: baseline market_review market_review_funded collaboration.
#   --output DIR     where runs and report go (default comparison/); an earlier report there
#                    is replaced only once the new one is complete
#   --set            applies to every scenario, e.g. --set population.scale=0.25
#   --ensemble FILE  run each scenario once per member of a calibrated ensemble
#                    (calibration/england-posterior.csv) as a list sweep, and report effects
#                    with the parameters' uncertainty beside replicate noise; an interrupted
#                    ensemble sweep resumes where it stopped when the command is run again
#   --members N      with --ensemble: the first N members only
# ITTSIM=path/to/ittsim uses that build instead of building build/bin/ittsim.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
replicates=8
years=
output=comparison
region=
ensemble=
members=
settings=()
scenarios=()
usage() { sed -n 2,21p "$0"; }
die() { echo "compare-scenarios: $*" >&2; exit 2; }
while (($#)); do
  case $1 in
    --replicates) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die "--replicates '${2-}': expected a positive whole number"
                  replicates=$2; shift 2 ;;
    --years) [[ ${2-} =~ ^[0-9]{4}:[0-9]{4}$ ]] || die "--years '${2-}': expected FIRST:LAST, e.g. 2024:2031"
             years=$2; shift 2 ;;
    --output) [[ -n ${2-} ]] || die "--output: expected a folder"; output=$2; shift 2 ;;
    --set) [[ ${2-} == *.*=* ]] || die "--set '${2-}': expected group.name=value"; settings+=("$2"); shift 2 ;;
    --region) [[ -n ${2-} ]] || die "--region: expected a region's name"; region=$2; shift 2 ;;
    --ensemble) [[ -f ${2-} ]] || die "--ensemble '${2-}': no such file"; ensemble=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --members) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die "--members '${2-}': expected a positive whole number"
               members=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) scenarios+=("$1"); shift ;;
  esac
done
((${#scenarios[@]})) || scenarios=(baseline market_review market_review_funded collaboration)
((${#scenarios[@]} >= 2)) || die "give a baseline and at least one scenario"
[[ -z $members || -n $ensemble ]] || die "--members needs --ensemble"
[[ -z $ensemble || -z $region ]] || die "--region needs runs: merged sweeps over the ensemble hold no regional breakdown"
[[ -z $ensemble || $replicates -ge 2 ]] || die "--ensemble needs --replicates 2 or more, to separate noise from parameters"
case $region in
  ''|"North East"|"North West"|"Yorkshire and The Humber"|"East Midlands"|"West Midlands"|"East of England"|London|"South East"|"South West") ;;
  *) die "--region '$region': expected North East, North West, Yorkshire and The Humber, East Midlands, West Midlands, East of England, London, South East or South West" ;;
esac

# Each scenario's file, as an absolute path, and a name for its run that is unique.
files=() names=()
for scenario in "${scenarios[@]}"; do
  if [[ -f $scenario ]]; then file=$(cd "$(dirname "$scenario")" && pwd)/$(basename "$scenario")
  elif [[ -f $root/scenarios/$scenario.ini ]]; then file=$root/scenarios/$scenario.ini
  else die "no scenario file '$scenario' (nor $root/scenarios/$scenario.ini)"; fi
  name=$(basename "$file" .ini)
  for other in "${names[@]}"; do [[ $other != "$name" ]] || die "two scenarios are named '$name'; rename one file"; done
  files+=("$file") names+=("$name")
done
output=$(realpath -m "$output")
[[ $output != "$root/results" && $output != "$root/results/"* ]] || die "--output $output: that is the main job's results folder"
mkdir -p "$output"

bash "$root/scripts/install-deps.sh"
if [[ -n ${ITTSIM-} ]]; then
  ittsim=$ITTSIM  # a build of one's own (the tests give theirs)
else
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$root/build" --parallel "$(nproc)" --target ittsim > /dev/null
  ittsim=$root/build/bin/ittsim
fi

# Every run's settings, validated before anything runs: a bad scenario stops here.
set_args=()
for setting in "${settings[@]}"; do set_args+=(--set "$setting"); done
for file in "${files[@]}"; do
  "$ittsim" validate "$file" "${set_args[@]}" > /dev/null || exit 2
done
# Every scenario runs with the baseline's seed, so that replicate r of each shares its random
# streams with the baseline's (a scenario file may set another run.seed). awk reads to the end:
# stopping at the seed would leave validate writing into a closed pipe (SIGPIPE, exit 141).
seed=$("$ittsim" validate "${files[0]}" "${set_args[@]}" --resolved | awk -F' *= *| *#' '
  /^\[/ { section = $0 } section == "[run]" && $1 == "seed" && !found { print $2; found = 1 }')
[[ $seed =~ ^[0-9]+$ ]] || die "could not read run.seed of ${files[0]}"

mkdir -p "$output/runs"
outputs=()
count=${#files[@]}
for index in "${!files[@]}"; do
  file=${files[$index]} name=${names[$index]}
  started=$SECONDS
  if [[ -z $ensemble ]]; then
    target=$output/runs/$name.h5
    echo "compare-scenarios: [$((index + 1))/$count] $name: $replicates replicates ($file)"
    "$ittsim" run "$file" -o "$target" --replicates "$replicates" --seed "$seed" --threads "$(nproc)" --quiet \
      "${set_args[@]}"
  else
    points=$ensemble
    if [[ -n $members ]]; then
      points=$output/runs/members-$members.csv
      head -n "$((members + 1))" "$ensemble" > "$points"
    fi
    count_members=$(($(wc -l < "$points") - 1))
    # One folder per members and replicates, so that a rerun with others does not meet this one.
    stem=$name-ensemble-${count_members}x$replicates
    target=$output/runs/$stem.h5
    sweep=$output/runs/$stem.ini
    {
      echo "# Written by scripts/compare-scenarios.sh: $name over the ensemble $ensemble."
      echo "[sweep]"
      echo "scenario = $file"
      echo "replicates = $replicates"
      echo "seed = $seed"
      echo "design = list"
      echo "points = $points"
      echo "common_random_numbers = true"
      echo "[set]"
      for setting in "${settings[@]}"; do echo "${setting%%=*} = ${setting#*=}"; done
    } > "$sweep"
    echo "compare-scenarios: [$((index + 1))/$count] $name: $count_members members x $replicates replicates"
    "$ittsim" sweep "$sweep" -o "$output/runs/$stem" --threads "$(nproc)" --quiet
    "$ittsim" merge "$output/runs/$stem" -o "$target" --quiet
  fi
  echo "compare-scenarios:   done in $((SECONDS - started)) s: $target"
  outputs+=("$target")
done

report_args=(-o "$output/report" --baseline "${outputs[0]}")
[[ -z $years ]] || report_args+=(--years "$years")
[[ -z $region ]] || report_args+=(--region "$region")
[[ -z $ensemble ]] || report_args+=(--ensemble)
cd "$root"
/usr/bin/python3 -m analysis report "${outputs[@]}" "${report_args[@]}"
