#!/usr/bin/env bash
# Peak resident memory of every training path against the budget of 1.5 x the float32 data + 300 MB (issue 16):
# full-batch autograd (the default), --fused, --batch-size (autograd mini-batches) and --batch-size --fused, each a
# whole one-epoch run of the published CLI (plots and run folder off) at n = 10^7 and 10^8, peak RSS from /usr/bin/time.
#   bench/peak-memory.sh [epochs]          SIZES overrides the sample counts (default "10000000 100000000")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
epochs="${1:-1}"
dotnet publish "$here/../src/Cli/Cli.csproj" -c Release -r linux-x64 -v q -nologo >/dev/null
cli="$here/../src/Cli/bin/Release/net10.0/linux-x64/publish/functional"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "peak memory, $epochs epoch(s), batches of 10^6 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf "%11s  %-30s%10s%10s%10s%8s\n" n path seconds "peak MB" "budget" within
for n in ${SIZES:-10000000 100000000}; do
  budget=$(echo "1.5 * 8 * $n / 1000000 + 300" | bc)
  for path in "" "--fused" "--batch-size 1000000" "--batch-size 1000000 --fused"; do
    # shellcheck disable=SC2086 # the path is a list of flags
    ( cd "$scratch" && /usr/bin/time -f "%e %M" -o "$scratch/time" "$cli" --step "$(echo "1/$n" | bc -l)" --epochs "$epochs" \
        --no-plots --no-runs $path >/dev/null 2>"$scratch/stderr" ) || { echo "failed: $path"; cat "$scratch/stderr"; exit 1; }
    read -r seconds kilobytes <"$scratch/time"
    megabytes=$((kilobytes * 1024 / 1000000))
    printf "%11s  %-30s%10s%10s%10s%8s\n" "$n" "${path:-(full batch, autograd)}" "$seconds" "$megabytes" "$budget" \
      "$([ "$megabytes" -le "$budget" ] && echo yes || echo NO)"
  done
done
