#!/usr/bin/env bash
# Wall time of the whole main job (with its plots and run folder) against the notebook's code run by PyTorch as one
# script that saves its two plots. The sides alternate round by round in one scratch folder, so load from other
# work on the machine falls on both alike; prints each side's median and the ratio of medians.
#   bench/compare-end-to-end.sh [rounds=15]
# Ours is the published build (dotnet publish -r linux-x64: Native AOT, README "Performance"); with JIT=1 the plain
# Release build (`dotnet functional.dll`, what `dotnet run` starts) joins the rotation as a third side.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-15}"
rid=linux-x64
dotnet publish "$here/../src/Cli/Cli.csproj" -c Release -r "$rid" -v q -nologo >/dev/null
published="$here/../src/Cli/bin/Release/net10.0/$rid/publish/functional"
sides=("$published" "/usr/bin/python3 $here/notebook_end_to_end.py")
if [ "${JIT:-0}" = 1 ]; then
  dotnet build "$here/../src/Cli/Cli.csproj" -c Release -v q -nologo >/dev/null
  sides+=("dotnet $here/../src/Cli/bin/Release/net10.0/functional.dll")
fi
load="$(cut -d' ' -f1-3 /proc/loadavg)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A times
for _ in $(seq "$runs"); do
  for side in "${sides[@]}"; do
    s=$(date +%s.%N); (cd "$scratch" && $side >/dev/null 2>&1); e=$(date +%s.%N)
    times["$side"]+="$(echo "$e - $s" | bc) "
    rm -rf "$scratch"/*
  done
done
theirs=$(echo ${times["${sides[1]}"]} | tr ' ' '\n' | median)
printf 'main job, end to end, median of %s alternating rounds (load average before: %s, after: %s)\n' "$runs" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  PyTorch script        %.3f s\n' "$theirs"
for side in "${sides[@]}"; do
  [ "$side" = "${sides[1]}" ] && continue
  ours=$(echo ${times["$side"]} | tr ' ' '\n' | median)
  label=$([ "$side" = "$published" ] && echo "ours, published (AOT)" || echo "ours, dotnet build (JIT)")
  printf '  %-21s %.3f s   ratio %.3f\n' "$label" "$ours" "$(echo "$ours / $theirs" | bc -l)"
done
