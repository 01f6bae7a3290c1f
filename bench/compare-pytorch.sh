#!/usr/bin/env bash
# Runs the bench workloads through Debian's PyTorch and through ours with the same intra-op thread count, and prints
# per workload: our median, PyTorch's median, and the ratio (ours / PyTorch; below 1 means we are faster).
#
#   bench/compare-pytorch.sh [threads] [rounds] [mini-batch rounds]
#
# threads defaults to nproc. The two sides run alternately for `rounds` rounds (default 3; 0 skips these workloads) and each workload keeps
# the median of its per-round medians, so a burst of load from other processes hits both sides alike.
# MALLOC=reuse keeps freed native memory on both sides (ours: NativeMemoryReuse; PyTorch: the same three glibc
# settings through its environment variables); the default leaves glibc as it is.
#
# Then the mini-batch workload as whole one-epoch runs at n = 10^7 and 10^8 (batches of 10^6, plots and run folder
# off): ours is the published CLI (`dotnet publish -r linux-x64`, as bench/compare-end-to-end.sh), PyTorch's side is
# bench/pytorch_minibatch.py (index tensors over a torch.randperm per epoch). Per side: the training time (one epoch
# plus the epoch-0 test loss; ours from run.json, PyTorch's printed by the script), the whole run's wall time and its
# peak RSS (/usr/bin/time); ours twice, with autograd mini-batches and with --fused (the same batches, analytic gradients),
# medians over `mini-batch rounds` alternating rounds (default 1; 0 skips them).
# MINIBATCH_SIZES overrides the sample counts (default "10000000 100000000").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads="${1:-$(nproc)}"
rounds="${2:-3}"
minibatch_rounds="${3:-1}"
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
if [ "$rounds" -gt 0 ]; then
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
fi

[ "$minibatch_rounds" -gt 0 ] || exit 0
rid=linux-x64
dotnet publish "$here/../src/Cli/Cli.csproj" -c Release -r "$rid" -v q -nologo >/dev/null
cli="$here/../src/Cli/bin/Release/net10.0/$rid/publish/functional"
scratch="$results/scratch"
echo
echo "mini-batch, one epoch, batches of 10^6 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for n in ${MINIBATCH_SIZES:-10000000 100000000}; do
  for round in $(seq 1 "$minibatch_rounds"); do
    mkdir -p "$scratch" && rm -rf "${scratch:?}"/*
    for variant in ours fused; do
      flags=(); [ "$variant" = fused ] && flags=(--fused)
      ( cd "$scratch" && /usr/bin/time -f "%e %M" -o "$results/mb-ours-time" "$cli" --step "$(echo "1/$n" | bc -l)" \
          --batch-size 1000000 --epochs 1 --no-plots --runs runs "${flags[@]}" >/dev/null 2>&1 )
      training=$("$python" -c 'import glob, json; print(json.load(open(glob.glob("'"$scratch"'/runs/*/run.json")[0]))["durations_seconds"]["training"])')
      echo "$n $variant $training $(cat "$results/mb-ours-time")" >>"$results/minibatch"
      rm -rf "${scratch:?}"/*
    done
    ( cd "$scratch" && /usr/bin/time -f "%e %M" -o "$results/mb-torch-time" "$python" "$here/pytorch_minibatch.py" --n "$n" \
        --batch-size 1000000 --epochs 1 --threads "$threads" >"$results/mb-torch-out" 2>&1 )
    training=$(sed -n 's/^training\t\([0-9.]*\)\ts$/\1/p' "$results/mb-torch-out")
    echo "$n pytorch $training $(cat "$results/mb-torch-time")" >>"$results/minibatch"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$results/minibatch" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, side, training, wall, rss_kb = line.split()
    rows.setdefault((int(n), side), []).append((float(training), float(wall), float(rss_kb) * 1024))
def med(values, i):
    return statistics.median(v[i] for v in values)
print(f"{'n':>11}{'epoch ours':>12}{'PyTorch':>9}{'ratio':>7}{'run ours':>10}{'PyTorch':>9}{'ratio':>7}"
      f"{'peak ours':>11}{'PyTorch':>9}{'data':>8}{'limit':>8}")
for n, variant in sorted({(n, side) for n, side in rows if side != "pytorch"}):
    ours, theirs = rows[(n, variant)], rows[(n, "pytorch")]
    data = 8 * n
    print(f"{'--fused' if variant == 'fused' else 'autograd':>9}")
    print(f"{n:>11}{med(ours, 0):>10.2f} s{med(theirs, 0):>7.2f} s{med(ours, 0) / med(theirs, 0):>7.2f}"
          f"{med(ours, 1):>8.2f} s{med(theirs, 1):>7.2f} s{med(ours, 1) / med(theirs, 1):>7.2f}"
          f"{med(ours, 2) / 1e6:>8.0f} MB{med(theirs, 2) / 1e6:>6.0f} MB{data / 1e6:>5.0f} MB{(1.5 * data + 300e6) / 1e6:>5.0f} MB")
print("(epoch: one epoch and the epoch-0 test loss; run: the whole process; limit: 1.5 x data + 300 MB, the issue's budget)")
PY
