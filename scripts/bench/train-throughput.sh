#!/usr/bin/env bash
# Training throughput of burn on the CPU (flex) against PyTorch on the CPU: the digits reference
# model, same batch sizes, same thread count (target: burn at least 0.67x PyTorch's samples/s).
# Prints a markdown table for docs/benchmarks.md.
#
# Usage: scripts/bench/train-throughput.sh [batch ...]   (default: 32 128)
# Env: PARADIGM_BENCH_THREADS (default: nproc), PARADIGM_BENCH_EPOCHS (default: 40),
#      PARADIGM_BENCH_VENV (default: ~/.cache/paradigm/bench-venv; created with torch if missing).
set -euo pipefail
. "$(dirname "$0")/../env.sh"
cd "$PARADIGM_ROOT"

batches=("$@")
[ ${#batches[@]} -gt 0 ] || batches=(32 128)
threads="${PARADIGM_BENCH_THREADS:-$(nproc)}"
epochs="${PARADIGM_BENCH_EPOCHS:-40}"
venv="${PARADIGM_BENCH_VENV:-$HOME/.cache/paradigm/bench-venv}"

if ! "$venv/bin/python" -c 'import torch, numpy' 2>/dev/null; then
	log "installing torch 2.15.0 into $venv (about 2.8 GB to download)"
	python3 -m venv "$venv"
	"$venv/bin/pip" install --quiet torch==2.15.0 numpy
fi

log "burn (flex), $threads threads"
burn=$(RAYON_NUM_THREADS="$threads" cargo run --locked --release -p paradigm-ml --example train_throughput -- \
	"--epochs=$epochs" "${batches[@]}")
log "PyTorch (CPU), $threads threads"
torch=$("$venv/bin/python" scripts/bench/torch_mlp.py --threads "$threads" --epochs "$epochs" "${batches[@]}")
printf '%s\n%s\n' "$burn" "$torch" >&2

printf '%s\n%s\n' "$burn" "$torch" | "$venv/bin/python" -c '
import json, sys
runs = [json.loads(line) for line in sys.stdin if line.strip()]
rates = {(r["framework"], r["batch"]): r["samples_per_second"] for r in runs}
samples, epochs, threads = (runs[0][key] for key in ("samples", "epochs", "threads"))
version = runs[-1]["torch_version"]
print(f"mlp:64-64-10, {samples} samples, {epochs} epochs, {threads} threads, torch {version}\n")
print("| batch | burn samples/s | PyTorch samples/s | burn / PyTorch |")
print("|---|---|---|---|")
for batch in dict.fromkeys(r["batch"] for r in runs):
    burn, torch = rates[("burn-flex", batch)], rates[("pytorch-cpu", batch)]
    print(f"| {batch} | {burn:,.0f} | {torch:,.0f} | {burn / torch:.2f}x |")
'
