#!/usr/bin/python3
"""Single ops at the shapes of the BYOL step (batch 512 = two views of 256): the PyTorch side of
`Byol.Benchmarks micro`. Median ms over repeats."""
import argparse
import statistics
import time

import torch
import torch.nn as nn


def cases():
    a, b = torch.randn(512, 4096), torch.randn(4096, 256)
    yield "matmul 512x4096 @ 4096x256", lambda: a.matmul(b)
    linear, x = nn.Linear(256, 4096), torch.randn(512, 256, requires_grad=True)
    yield "linear 256->4096 fwd+bwd (512)", lambda: linear(x).sum().backward()
    bn1, h = nn.BatchNorm1d(4096), torch.randn(512, 4096, requires_grad=True)
    yield "batchnorm1d 4096 fwd+bwd (512)", lambda: bn1(h).sum().backward()
    for c, size in ((16, 32), (64, 32), (128, 16), (256, 8)):
        conv, bn = nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c)
        inp = torch.randn(512, c, size, size, requires_grad=True)

        def fwd(conv=conv, inp=inp):
            with torch.no_grad():
                conv(inp)
        yield f"conv3x3 {c}ch {size}x{size} fwd (512)", fwd
        yield f"conv3x3 {c}ch {size}x{size} fwd+bwd (512)", lambda conv=conv, inp=inp: conv(inp).sum().backward()
        yield f"batchnorm2d {c}ch {size}x{size} fwd+bwd (512)", lambda bn=bn, inp=inp: bn(inp).sum().backward()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=10)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for label, fn in cases():
        times = []
        for i in range(args.repeats + 2):
            t = time.perf_counter()
            fn()
            if i >= 2:
                times.append((time.perf_counter() - t) * 1000)
        print(f"{label:<44} {statistics.median(times):9.2f} ms")


if __name__ == "__main__":
    main()
