#!/usr/bin/env python3
"""Training throughput (samples/s) of PyTorch on the CPU for the digits reference model.

The PyTorch side of `contributor/ml/examples/train_throughput.rs`, done the way
`paradigm_ml::train` does it: mlp:64-64-10 (Linear, ReLU, Linear), SGD lr 0.05 momentum 0.9,
cross-entropy, the same training split of the shipped UCI digits (SplitMix64 seed 0x5eed, a fifth
held out), a fresh shuffle per epoch, and the loss read back (`.item()`) every batch.
Per batch size: one warm-up run, then three timed runs; the median is printed as one JSON line.

Run: `scripts/bench/torch_mlp.py --threads 2 [--epochs 40] [batch ...]`
(or `scripts/bench/train-throughput.sh`, which also sets up the venv with torch).
"""

import argparse
import gzip
import hashlib
import json
import os
import statistics
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

DIGITS = Path(__file__).resolve().parents[2] / "contributor/datasets/uci-digits-8x8.csv.gz"
# BLAKE2b-256 of the decompressed CSV, as pinned by the chain (paradigm_ml::dataset).
DIGITS_HASH = "e3d322edefd79b22fbdcd812596f7bc5eadc36a19c70f86b4b785fbf2d086389"
MASK = (1 << 64) - 1
REPEATS = 3


class SplitMix64:
    """paradigm_ml::rng::SplitMix64, so the split is the very one the Rust side trains on."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        zone = MASK - MASK % bound
        while True:
            value = self.next_u64()
            if value < zone:
                return value % bound

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def training_split(path, seed=0x5EED, held_out_ppm=200_000):
    """The digits as paradigm_ml::dataset::parse_digits_csv reads them, then Dataset::split."""
    csv = gzip.decompress(path.read_bytes())
    if hashlib.blake2b(csv, digest_size=32).hexdigest() != DIGITS_HASH:
        raise SystemExit(f"{path}: not the digits the chain pins")
    rows = np.loadtxt(csv.decode().splitlines(), delimiter=",", dtype=np.float32, ndmin=2)
    pixels_ok = rows.shape[1] == 65 and ((rows[:, :64] >= 0) & (rows[:, :64] <= 16)).all()
    if not pixels_ok or not np.isin(rows[:, 64], np.arange(10)).all():
        raise SystemExit(f"{path}: expected 64 pixels in 0..=16 and a label 0..=9 per line")
    features = rows[:, :64] / np.float32(16.0)
    labels = rows[:, 64].astype(np.int64)
    order = list(range(len(labels)))
    SplitMix64(seed).shuffle(order)
    train = order[len(labels) * held_out_ppm // 1_000_000 :]
    return torch.from_numpy(np.ascontiguousarray(features[train])), torch.from_numpy(labels[train])


def train(x, y, batch, epochs, seed):
    """Samples per second over all epochs (wall clock), and the last epoch's mean loss."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    started = time.perf_counter()
    for _ in range(epochs):
        loss_sum, batches = 0.0, 0
        for indices in torch.randperm(len(y), generator=generator).split(batch):
            loss = loss_fn(model(x[indices]), y[indices])
            loss_sum += loss.item()
            batches += 1
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - started
    return len(y) * epochs / seconds, loss_sum / batches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="*", type=int, default=[32, 128])
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--data", type=Path, default=DIGITS)
    args = parser.parse_args()
    torch.set_num_interop_threads(1)
    torch.set_num_threads(args.threads)

    x, y = training_split(args.data)
    for batch in args.batches:
        train(x, y, batch, args.epochs, 7)
        runs = [train(x, y, batch, args.epochs, 7) for _ in range(REPEATS)]
        line = {
            "framework": "pytorch-cpu",
            "batch": batch,
            "epochs": args.epochs,
            "samples": len(y),
            "samples_per_second": round(statistics.median(rate for rate, _ in runs), 1),
            "threads": torch.get_num_threads(),
            "final_loss": round(runs[-1][1], 4),
            "torch_version": torch.__version__,
        }
        print(json.dumps(line, separators=(",", ":")), flush=True)


if __name__ == "__main__":
    main()
