#!/usr/bin/python3
"""Single ops as the BYOL step runs them: the PyTorch side of `Byol.Benchmarks micro`. Median ms over repeats.

One view's batch (256); feature maps and conv weights channels_last as `byol_step.py --channels-last` has them;
every backward takes a fixed dense gradient of the output's shape, as the layer after it hands back."""
import argparse
import statistics
import time

import torch
import torch.nn as nn

BATCH = 256
CL = torch.channels_last


def cases():
    a, b = torch.randn(BATCH, 4096), torch.randn(4096, 256)
    yield f"matmul {BATCH}x4096 @ 4096x256", lambda: a.matmul(b)
    for inputs, outputs in ((64, 4096), (512, 4096), (4096, 256), (256, 4096)):
        linear, x, grad = nn.Linear(inputs, outputs), torch.randn(BATCH, inputs, requires_grad=True), torch.randn(BATCH, outputs)
        yield f"linear {inputs}->{outputs} fwd+bwd", lambda linear=linear, x=x, grad=grad: linear(x).backward(grad)
    bn1, h, h_grad = nn.BatchNorm1d(4096), torch.randn(BATCH, 4096, requires_grad=True), torch.randn(BATCH, 4096)
    yield "batchnorm1d 4096 fwd+bwd", lambda: bn1(h).backward(h_grad)
    for c, size in ((16, 32), (32, 16), (64, 8), (64, 32), (128, 16), (256, 8), (512, 4)):
        conv, bn = nn.Conv2d(c, c, 3, padding=1, bias=False).to(memory_format=CL), nn.BatchNorm2d(c)
        inp = torch.randn(BATCH, c, size, size).contiguous(memory_format=CL).requires_grad_(True)
        grad = torch.randn(BATCH, c, size, size).contiguous(memory_format=CL)

        def fwd(conv=conv, inp=inp):
            with torch.no_grad():
                conv(inp)
        yield f"conv3x3 {c}ch {size}x{size} fwd", fwd
        yield f"conv3x3 {c}ch {size}x{size} fwd+bwd", lambda conv=conv, inp=inp, grad=grad: conv(inp).backward(grad)
        yield f"batchnorm2d {c}ch {size}x{size} fwd+bwd", lambda bn=bn, inp=inp, grad=grad: bn(inp).backward(grad)


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
