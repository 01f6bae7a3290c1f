#!/usr/bin/env bash
# Runs the bench workloads through Debian's PyTorch and through ours with the same intra-op thread count, and prints
# per workload: our median, PyTorch's median, and the ratio (ours / PyTorch; below 1 means we are faster).
#
#   bench/compare-pytorch.sh [threads] [rounds]
#
# threads defaults to nproc. The two sides run alternately for `rounds` rounds (default 3) and each workload keeps
# the median of its per-round medians, so a burst of load from other processes hits both sides alike.
# MALLOC=reuse keeps freed native memory on both sides (ours: NativeMemoryReuse; PyTorch: the same three glibc
# settings through its environment variables); the default leaves glibc as it is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads="${1:-$(nproc)}"
rounds="${2:-3}"
malloc="${MALLOC:-default}"
case "$malloc" in
  default) pytorch_malloc=() ;;
  reuse) pytorch_malloc=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647) ;;
  *) echo "MALLOC must be default or reuse" >&2; exit 2 ;;
esac
python="${PYTHON:-/usr/bin/python3}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build "$here/Bench.csproj" -c Release --nologo -v quiet >/dev/null
ours="$here/bin/Release/net10.0/Functional.Bench"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  "$ours" quick --threads "$threads" --malloc "$malloc" >"$results/ours.$round"
  env "${pytorch_malloc[@]}" "$python" "$here/pytorch_workloads.py" quick --threads "$threads" >"$results/pytorch.$round"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$python" - "$results" "$rounds" <<'PY'
import statistics, sys
folder, rounds = sys.argv[1], int(sys.argv[2])

def read(side):
    header, times, faults = {}, {}, {}
    for r in range(1, rounds + 1):
        for line in open(f"{folder}/{side}.{r}"):
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#"):
                header[fields[0][2:]] = fields[1]
            else:
                times.setdefault(fields[0], []).append(float(fields[1]))
                faults.setdefault(fields[0], []).append(float(fields[2]))
    return header, {k: statistics.median(v) for k, v in times.items()}, {k: statistics.median(v) for k, v in faults.items()}

ours_header, ours, ours_faults = read("ours")
torch_header, theirs, torch_faults = read("pytorch")
print(f"ours: {ours_header['side']}, threads {ours_header['threads']}, malloc {ours_header['malloc']}; "
      f"PyTorch: {torch_header['side']}, threads {torch_header['threads']}")

def show(seconds):
    return f"{seconds * 1e3:9.3f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:9.1f} us"

print(f"{'workload':<18}{'ours':>13}{'PyTorch':>13}{'ratio':>8}{'faults/call ours':>18}{'PyTorch':>9}")
for name in ours:
    print(f"{name:<18}{show(ours[name]):>13}{show(theirs[name]):>13}{ours[name] / theirs[name]:>8.2f}"
          f"{ours_faults[name]:>18.0f}{torch_faults[name]:>9.0f}")
PY
