#!/usr/bin/env bash
# Resident memory of the whole CLI over a run evaluated every epoch, sampled from /proc every 0.5 s: the training log
# is spooled to disk and the loss curve is bounded, so the peak should not grow with the number of epochs.
#   bench/log-memory.sh [epochs] [more flags...]      e.g. bench/log-memory.sh 1000000, or 100000 --loss mse (autograd)
# Default flags: --eval-every 1 --fused --no-plots (the run record, with its full metrics.csv, is written).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
epochs=${1:-1000000}
shift || true
dotnet build src/Cli -c Release -v q -nologo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s%N)
( cd "$work" && exec dotnet "$root/src/Cli/bin/Release/net10.0/functional.dll" --epochs "$epochs" --eval-every 1 --fused --no-plots "$@" >/dev/null 2>"$work/stderr" ) &
pid=$!
peak=0
echo -e "# epochs $epochs, flags: --eval-every 1 --fused --no-plots $*"
echo -e "seconds\tVmRSS MiB"
while status=$(cat /proc/$pid/status 2>/dev/null); do
  rss=$(awk '/^VmRSS:/ {print $2}' <<<"$status")
  hwm=$(awk '/^VmHWM:/ {print $2}' <<<"$status")
  [ -n "$hwm" ] && peak=$hwm
  [ -n "$rss" ] && awk -v now="$(date +%s%N)" -v start="$start" -v rss="$rss" 'BEGIN { printf "%.1f\t%.1f\n", (now - start) / 1e9, rss / 1024 }'

  sleep 0.5
done
wait $pid || { echo "the run failed:"; cat "$work/stderr"; exit 1; }
awk -v peak="$peak" -v rows="$(($(wc -l < "$(find "$work/runs" -name metrics.csv)") - 1))" 'BEGIN { printf "# peak VmHWM %.1f MiB; metrics.csv %d rows\n", peak / 1024, rows }'
