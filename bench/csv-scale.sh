#!/usr/bin/env bash
# Scale of `train --data` on one machine (issue 13): a table of ROWS rows and 4 columns (3 inputs, the target last,
# ~40 bytes a row) is made once (awk, fixed seed), then
#   1. its loading speed through the CLI's own reading code (bench csv-load: header, the pass for the row bound and
#      SHA-256, the parse into float32 blocks), median of 3, in MB/s;
#   2. the peak resident memory (VmHWM, sampled every 0.2 s) of the whole CLI training --model linear on it for one
#      epoch, against the target: at most twice the float32 data plus 300 MB;
#   3. the same for `predict --input` of the whole table with that model (streamed: its memory should not grow with
#      the rows), and its speed in MB/s of input.
#   bench/csv-scale.sh [rows] [train flags...]   e.g. bench/csv-scale.sh 10000000, or 100000000 --batch-size 1000000
# Default train flags: --model linear --epochs 1 --no-plots --no-runs (add --batch-size for tables that need it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rows=${1:-10000000}
shift || true
dotnet build bench -c Release -v q -nologo >/dev/null
dotnet build src/Cli -c Release -v q -nologo >/dev/null
data=${CSV_SCALE_DIR:-/tmp}/functional-csv-scale-$rows.csv
if [ ! -f "$data" ]; then
  awk -v rows="$rows" 'BEGIN { srand(13); print "a,b,c,y";
    for (i = 0; i < rows; i++) { a = rand() * 10; b = rand() * 100 - 50; c = rand();
      printf "%.6f,%.5f,%.6f,%.6f\n", a, b, c, 1.5 * a - 0.02 * b + 3 * c + 0.5 + (rand() - 0.5) * 0.1 } }' > "$data.part"
  mv "$data.part" "$data"
fi
echo "# $(wc -c < "$data") bytes, $rows rows: $data"
dotnet "$root/bench/bin/Release/net10.0/Functional.Bench.dll" csv-load --file "$data" --repeats 3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--model linear --epochs 1 --no-plots --no-runs "$@")
start=$(date +%s%N)
peak=0
# Runs the CLI in $work with the arguments given, keeping its peak VmHWM in $peak.
measure() {
  ( cd "$work" && exec dotnet "$root/src/Cli/bin/Release/net10.0/functional.dll" "$@" >/dev/null 2>"$work/stderr" ) &
  local pid=$!
  peak=0
  while status=$(cat /proc/$pid/status 2>/dev/null); do
    hwm=$(awk '/^VmHWM:/ {print $2}' <<<"$status")
    [ -n "$hwm" ] && peak=$hwm
    sleep 0.2
  done
  wait $pid || { echo "the run failed:"; cat "$work/stderr"; exit 1; }
}
measure train --data "$data" "${flags[@]}" --out "$work/m.pt"
seconds=$(awk -v now="$(date +%s%N)" -v start="$start" 'BEGIN { printf "%.1f", (now - start) / 1e9 }')
awk -v peak="$peak" -v rows="$rows" -v s="$seconds" -v flags="${flags[*]}" 'BEGIN {
  data = rows * 4 * 4 / 1048576; target = 2 * data + 300 * 1e6 / 1048576;
  printf "# train %s: %s s, peak VmHWM %.0f MiB; float32 data %.0f MiB, target <= %.0f MiB (2x data + 300 MB)\n", flags, s, peak / 1024, data, target }'

start=$(date +%s%N)
measure predict --model "$work/m.pt" --input "$data" --features a,b,c --output "$work/predictions.csv"
awk -v peak="$peak" -v now="$(date +%s%N)" -v start="$start" -v bytes="$(wc -c < "$data")" 'BEGIN { s = (now - start) / 1e9;
  printf "# predict --input (every row, --features a,b,c): %.1f s, %.0f MB/s of input, peak VmHWM %.0f MiB\n", s, bytes / 1e6 / s, peak / 1024 }'
