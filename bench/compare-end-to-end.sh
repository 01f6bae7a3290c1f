#!/usr/bin/env bash
# Wall time of the whole main job (with its plots) against the notebook's code run by PyTorch as one
# script that saves its two plots. Runs each side N times (default 5) in a scratch folder, prints medians.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
dotnet build "$here/../src/Cli/Cli.csproj" -c Release -v q -nologo >/dev/null
cli="$here/../src/Cli/bin/Release/net10.0/functional.dll"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_it() { local s e; s=$(date +%s.%N); (cd "$scratch" && "$@" >/dev/null 2>&1); e=$(date +%s.%N); echo "$e - $s" | bc; }
ours=$(for _ in $(seq "$runs"); do time_it dotnet "$cli"; done | median)
theirs=$(for _ in $(seq "$runs"); do time_it /usr/bin/python3 "$here/notebook_end_to_end.py"; done | median)
printf 'main job, end to end (median of %s): ours %.2f s, PyTorch script %.2f s, ratio %.2f\n' "$runs" "$ours" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
