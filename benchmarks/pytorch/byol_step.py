#!/usr/bin/python3
"""PyTorch reference of Byol's BYOL training step, for benchmarks/Byol.Benchmarks to be compared against.

Runs on Debian's python3-torch (1.13, /usr/bin/python3) on the CPU. One step, as Byol's TrainingRun.TrainStep:

  augment:  a batch of uint8 images -> two views (per image: random resized crop + flip through one affine theta,
            colour jitter in a random order with p 0.8, grayscale p 0.2, Gaussian blur p 1.0 / 0.1,
            solarize p 0.0 / 0.2; Table 6 of the paper), standardized with the data set's channel statistics
  online:   encoder -> projector (Linear 4096, BN, ReLU, Linear 256) -> predictor (same shape), both views
  target:   encoder -> projector of both views under no_grad
  loss:     2 - 2 cos(q1, z2') + 2 - 2 cos(q2, z1'), batch means, then zero_grad and backward
  optimizer: LARS (trust 1e-3, momentum 0.9, weight decay 1.5e-6; rank <= 1 params excluded)
  ema:      target <- tau * target + (1 - tau) * online, parameters only

The code mirrors src/Byol.Model (Networks/, Augmentations/, Optimization/LarsOptimizer.cs, Objectives/) op for op,
so the two programs do the same arithmetic; only the framework underneath differs.
Prints {"images_per_s", "phases": {...}, "encoder", "batch", "threads", "blas", ...} with --json.
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# ----------------------------------------------------------------------------------------------------------------
# Networks (src/Byol.Model/Networks)
# ----------------------------------------------------------------------------------------------------------------


def conv_bn(cin, cout, kernel, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2, bias=False), nn.BatchNorm2d(cout))


class BasicBlock(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.conv1 = conv_bn(cin, width, 3, stride)
        self.conv2 = conv_bn(width, width, 3, 1)
        self.shortcut = conv_bn(cin, width, 1, stride) if stride != 1 or cin != width else None

    def forward(self, x):
        y = self.conv2(F.relu(self.conv1(x)))
        identity = x if self.shortcut is None else self.shortcut(x)
        return F.relu(y.add_(identity))


ARCHITECTURES = {
    # name: (imagenet stem, blocks per stage, stage widths, stem width) -- ResNetArchitecture.FromName
    "resnet18": (True, [2, 2, 2, 2], [64, 128, 256, 512], 64),
    "resnet18-cifar": (False, [2, 2, 2, 2], [64, 128, 256, 512], 64),
    "small-resnet": (False, [1, 1, 1], [16, 32, 64], 16),
}


class ResNetEncoder(nn.Module):
    def __init__(self, name, in_channels):
        super().__init__()
        imagenet, blocks, widths, stem_width = ARCHITECTURES[name]
        if imagenet:
            self.stem = nn.Sequential(nn.Conv2d(in_channels, stem_width, 7, stride=2, padding=3, bias=False),
                                      nn.BatchNorm2d(stem_width), nn.ReLU(inplace=True), nn.MaxPool2d(3, stride=2, padding=1))
        else:
            self.stem = nn.Sequential(nn.Conv2d(in_channels, stem_width, 3, stride=1, padding=1, bias=False),
                                      nn.BatchNorm2d(stem_width), nn.ReLU(inplace=True))
        layers, channels = [], stem_width
        for stage, (count, width) in enumerate(zip(blocks, widths)):
            for b in range(count):
                layers.append(BasicBlock(channels, width, 2 if stage > 0 and b == 0 else 1))
                channels = width
        self.stages = nn.Sequential(*layers)
        self.representation_size = widths[-1]
        with torch.no_grad():
            for p in self.parameters():
                if p.dim() == 4:
                    nn.init.kaiming_normal_(p, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        return self.stages(self.stem(x)).mean([2, 3])


def mlp(cin, hidden, out):
    return nn.Sequential(nn.Linear(cin, hidden), nn.BatchNorm1d(hidden), nn.ReLU(inplace=True), nn.Linear(hidden, out))


class ProjectedEncoder(nn.Module):
    def __init__(self, name, in_channels, hidden, out):
        super().__init__()
        self.encoder = ResNetEncoder(name, in_channels)
        self.projector = mlp(self.encoder.representation_size, hidden, out)

    def forward(self, x):
        return self.projector(self.encoder(x))


# ----------------------------------------------------------------------------------------------------------------
# Augmentations (src/Byol.Model/Augmentations), per-image random parameters from one uniform table
# ----------------------------------------------------------------------------------------------------------------

ATTEMPTS = 10
CROP_COLS, JITTER_COLS, GRAY_COLS, BLUR_COLS, SOLAR_COLS = 4 * ATTEMPTS + 1, 9, 1, 2, 1
TOTAL_COLS = CROP_COLS + JITTER_COLS + GRAY_COLS + BLUR_COLS + SOLAR_COLS

VIEW1 = dict(flip=0.5, jitter=0.8, brightness=0.4, contrast=0.4, saturation=0.2, hue=0.1, gray=0.2, blur=1.0, solarize=0.0)
VIEW2 = dict(VIEW1, blur=0.1, solarize=0.2)


def crop_theta(d, height, width, flip_p, area_min=0.08, area_max=1.0, aspect_min=3 / 4, aspect_max=4 / 3):
    """torchvision's RandomResizedCrop sampling per image (10 attempts, else a central crop), flip folded into theta."""
    b = d.shape[0]
    area = float(height * width)
    attempts = d[:, :4 * ATTEMPTS].view(b, ATTEMPTS, 4)
    target = area * (area_min + (area_max - area_min) * attempts[..., 0])
    log_min, log_max = math.log(aspect_min), math.log(aspect_max)
    aspect = torch.exp(log_min + (log_max - log_min) * attempts[..., 1])
    w = torch.round(torch.sqrt(target * aspect))
    h = torch.round(torch.sqrt(target / aspect))
    fits = (w > 0) & (w <= width) & (h > 0) & (h <= height)
    top = torch.minimum(height - h, torch.floor(attempts[..., 2] * (height - h + 1)))
    left = torch.minimum(width - w, torch.floor(attempts[..., 3] * (width - w + 1)))
    first = torch.where(fits.any(1), fits.double().argmax(1), torch.full((b,), -1, dtype=torch.long))
    # Fallback: whole image cut to the aspect range, centred (square images: the whole image).
    ratio = width / height
    fw, fh = width, height
    if ratio < aspect_min:
        fh = min(max(round(fw / aspect_min), 1), height)
    elif ratio > aspect_max:
        fw = min(max(round(fh * aspect_max), 1), width)
    idx = first.clamp_min(0).unsqueeze(1)
    ok = first >= 0
    bh = torch.where(ok, h.gather(1, idx).squeeze(1), torch.full((b,), float(fh), dtype=torch.float64))
    bw = torch.where(ok, w.gather(1, idx).squeeze(1), torch.full((b,), float(fw), dtype=torch.float64))
    bt = torch.where(ok, top.gather(1, idx).squeeze(1), torch.full((b,), float((height - fh) // 2), dtype=torch.float64))
    bl = torch.where(ok, left.gather(1, idx).squeeze(1), torch.full((b,), float((width - fw) // 2), dtype=torch.float64))
    flip = d[:, 4 * ATTEMPTS] < flip_p
    theta = torch.zeros(b, 2, 3, dtype=torch.float64)
    theta[:, 0, 0] = torch.where(flip, -1.0, 1.0) * bw / width
    theta[:, 0, 2] = (2 * bl + bw) / width - 1
    theta[:, 1, 1] = bh / height
    theta[:, 1, 2] = (2 * bt + bh) / height - 1
    return theta.float()


def on_subset(x, mask, fn, params=None):
    """Applies fn to the images where mask holds: gather, transform, scatter back (BatchIndex.OnSubset)."""
    chosen = mask.nonzero().squeeze(1)
    n = chosen.numel()
    if n == 0:
        return x
    values = None if params is None else params[chosen].float()
    if n == x.shape[0]:
        return fn(x, values)
    return x.index_copy(0, chosen, fn(x.index_select(0, chosen), values))


def luma(x):
    return x[:, 0:1] * 0.299 + x[:, 1:2] * 0.587 + x[:, 2:3] * 0.114


def blend(x, scale, luma_weight, mean_weight):
    """scale x + luma_weight luma(x) + mean_weight mean(luma(x)), each weight per image (ColorJitter.Blend)."""
    result = x * scale.view(-1, 1, 1, 1)
    if luma_weight is None and mean_weight is None:
        return result
    gray = luma(x)
    if luma_weight is not None:
        result.add_(gray * luma_weight.view(-1, 1, 1, 1))
    if mean_weight is not None:
        result.add_(gray.mean([1, 2, 3], keepdim=True).mul_(mean_weight.view(-1, 1, 1, 1)))
    return result


def adjust_hue(x, shift):
    r, g, b = x[:, 0:1], x[:, 1:2], x[:, 2:3]
    mx = torch.maximum(r, torch.maximum(g, b))
    delta = mx - torch.minimum(r, torch.minimum(g, b))
    hue = torch.where(mx == r, g - b, torch.where(mx == g, (b - r).add_(delta, alpha=2), (r - g).add_(delta, alpha=4)))
    hue = hue.div_(delta.clamp_min(1e-12)).add_(shift.view(-1, 1, 1, 1) * 6)
    n = torch.tensor([5.0, 3.0, 1.0]).view(1, 3, 1, 1)
    k = (hue + n).remainder_(6)
    ramp = torch.minimum(k, (-k).add_(4)).clamp_(0, 1)
    return mx - ramp.mul_(delta)


def color_jitter(x, d, o):
    """Per image: apply with p 0.8, a random order of the four ops, four factors. Slot by slot, brightness, contrast and
    saturation of all images share one fused blend pass; hue runs on the images holding it in that slot."""
    jittered = d[:, 0] < o["jitter"]
    if not bool(jittered.any()):
        return x
    order = d[:, 1:5].argsort(1)  # each image's permutation of the four ops (ops sorted by their keys)
    factors = torch.stack([max(0.0, 1 - o[k]) + ((1 + o[k]) - max(0.0, 1 - o[k])) * d[:, 5 + i]
                           for i, k in enumerate(("brightness", "contrast", "saturation"))]
                          + [-o["hue"] + 2 * o["hue"] * d[:, 8]], 1).float()
    for slot in range(4):
        op = order[:, slot]
        f = factors.gather(1, op.unsqueeze(1)).squeeze(1)
        linear = jittered & (op != 3)
        if bool(linear.any()):
            contrast, saturation = jittered & (op == 1), jittered & (op == 2)
            x = blend(x, torch.where(linear, f, torch.ones_like(f)),
                      torch.where(saturation, 1 - f, torch.zeros_like(f)) if bool(saturation.any()) else None,
                      torch.where(contrast, 1 - f, torch.zeros_like(f)) if bool(contrast.any()) else None).clamp_(0, 1)
        x = on_subset(x, jittered & (op == 3), lambda s, sh: adjust_hue(s, sh).clamp_(0, 1), f)
    return x


def gaussian_blur(x, sigma, kernel_size):
    n, c, h, w = x.shape
    radius = kernel_size // 2
    offsets = torch.arange(-radius, radius + 1, dtype=torch.float32)
    kernels = (offsets.square().unsqueeze(0) / (sigma.square() * -2).unsqueeze(1)).exp()
    kernels = (kernels / kernels.sum(1, keepdim=True)).repeat_interleave(c, 0)
    groups = n * c
    planes = x.reshape(1, groups, h, w)
    planes = F.pad(planes, (radius, radius, 0, 0), mode="reflect")
    planes = F.conv2d(planes, kernels.view(groups, 1, 1, kernel_size), groups=groups)
    planes = F.pad(planes, (0, 0, radius, radius), mode="reflect")
    planes = F.conv2d(planes, kernels.view(groups, 1, kernel_size, 1), groups=groups)
    return planes.view(n, c, h, w)


def blur_kernel_size(size):
    k = int(round(size * 23.0 / 224.0))
    k += 1 - k % 2
    return min(max(k, 3), 2 * (size - 1) + 1)


def augment(images, o, size, generator, interpolation):
    """One view of each image; every random parameter drawn per image from one [B, 54] uniform table."""
    b, c, h, w = images.shape
    x = images.float().div_(255)
    d = torch.rand(b, TOTAL_COLS, dtype=torch.float64, generator=generator)
    col = 0
    theta = crop_theta(d[:, col:col + CROP_COLS], h, w, o["flip"])
    grid = F.affine_grid(theta, [b, c, size, size], align_corners=False)
    x = F.grid_sample(x, grid, mode=interpolation, padding_mode="border", align_corners=False).clamp(0, 1)
    col += CROP_COLS
    x = color_jitter(x, d[:, col:col + JITTER_COLS], o)
    col += JITTER_COLS
    x = on_subset(x, d[:, col] < o["gray"], lambda s, _: luma(s).expand_as(s))
    col += GRAY_COLS
    sigma = 0.1 + (2.0 - 0.1) * d[:, col + 1]
    x = on_subset(x, d[:, col] < o["blur"], lambda s, sg: gaussian_blur(s, sg, blur_kernel_size(size)), sigma)
    col += BLUR_COLS
    x = on_subset(x, d[:, col] < o["solarize"], lambda s, _: torch.where(s < 0.5, s, 1 - s))
    return x.clamp(0, 1).contiguous()


# ----------------------------------------------------------------------------------------------------------------
# LARS (src/Byol.Model/Optimization/LarsOptimizer.cs), EMA, loss
# ----------------------------------------------------------------------------------------------------------------


class Lars:
    def __init__(self, params, weight_decay=1.5e-6, momentum=0.9, trust=1e-3):
        self.params = list(params)
        self.excluded = [p.dim() <= 1 for p in self.params]
        self.velocity = [torch.zeros_like(p) for p in self.params]
        self.wd, self.momentum, self.trust = weight_decay, momentum, trust

    def zero_grad(self):
        for p in self.params:
            if p.grad is not None:
                p.grad.zero_()

    @torch.no_grad()
    def step(self, lr):
        for p, v, excluded in zip(self.params, self.velocity, self.excluded):
            if p.grad is None:
                continue
            u = p.grad
            if not excluded:
                if self.wd != 0:
                    u = u.add(p, alpha=self.wd)
                pn, un = p.norm(), u.norm()
                ratio = torch.where((pn > 0) & (un > 0), pn / un * self.trust, torch.ones_like(pn))
                u = u.mul(ratio)
            v.mul_(self.momentum).add_(u)
            p.sub_(v.mul(lr))


@torch.no_grad()
def ema(online, target, tau):
    for o, t in zip(online, target):
        t.mul_(tau).add_(o, alpha=1 - tau)


def regression(q, z):
    return (2 - 2 * F.cosine_similarity(q, z.detach(), dim=1, eps=1e-12)).mean()


def cosine(step, total, peak, warmup=0):
    if step < warmup:
        return peak * step / warmup
    if step >= total:
        return 0.0
    return peak * 0.5 * (1 + math.cos(math.pi * (step - warmup) / (total - warmup)))


# ----------------------------------------------------------------------------------------------------------------
# Benchmark
# ----------------------------------------------------------------------------------------------------------------


def native_heap():
    """glibc's heap settings this process runs with: its defaults unless MALLOC_*_ variables set them."""
    import os
    names = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_")
    set_ = [f"{n}={os.environ[n]}" for n in names if os.environ.get(n)]
    return " ".join(set_) if set_ else "glibc default"


def blas_info():
    """Which BLAS torch (and numpy) load: the build's BLAS_INFO plus the shared objects actually mapped."""
    a = torch.randn(64, 64)
    _ = a @ a
    mapped = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                name = line.split()[-1] if len(line.split()) >= 6 else ""
                base = os.path.basename(name)
                if any(k in base for k in ("blas", "lapack", "mkl", "dnnl")):
                    mapped.add(base)
    except OSError:
        pass
    config = torch.__config__.show()
    info = next((part.split("=", 1)[1] for part in config.replace(",", "\n").split() if part.startswith("BLAS_INFO=")), "?")
    mkldnn = "oneDNN (MKL-DNN) for convolutions" if torch.backends.mkldnn.is_available() else "no oneDNN"
    return f"torch {torch.__version__} BLAS_INFO={info}; loaded: {', '.join(sorted(mapped)) or 'none'}; {mkldnn}"


def run(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    size, channels = args.image_size, 3
    count = max(4 * args.batch, 1024)
    data = torch.randint(0, 256, (count, channels, size, size), dtype=torch.uint8, generator=torch.Generator().manual_seed(args.seed))
    pixels = data.float().div(255)
    mean = pixels.mean([0, 2, 3]).view(1, -1, 1, 1)
    std = pixels.std([0, 2, 3]).clamp_min(1e-3).view(1, -1, 1, 1)
    del pixels

    online = ProjectedEncoder(args.encoder, channels, args.projector_hidden, args.projector_out)
    predictor = mlp(args.projector_out, args.predictor_hidden, args.projector_out)
    target = ProjectedEncoder(args.encoder, channels, args.projector_hidden, args.projector_out)
    target.load_state_dict(online.state_dict())
    for p in target.parameters():
        p.requires_grad = False
    memory_format = torch.channels_last if args.channels_last else torch.contiguous_format
    for m in (online, predictor, target):
        m.to(memory_format=memory_format)
        m.train()
    trainable = list(online.parameters()) + list(predictor.parameters())
    optimizer = Lars(trainable)
    online_params, target_params = list(online.parameters()), list(target.parameters())
    generator = torch.Generator().manual_seed(args.seed)
    total = args.warmup + args.steps
    peak = 0.2 * args.batch / 256
    order = torch.randperm(count, generator=generator)
    position = 0

    phases = {k: [] for k in ("augment_ms", "online_fwd_ms", "target_fwd_ms", "loss_bwd_ms", "optimizer_ms", "ema_ms", "step_ms")}
    last_loss = float("nan")
    cpu_s = 0.0
    for step in range(total):
        c0 = time.process_time()
        t0 = time.perf_counter()
        if position + args.batch > count:
            order, position = torch.randperm(count, generator=generator), 0
        images = data[order[position:position + args.batch]]
        position += args.batch
        v1 = (augment(images, VIEW1, size, generator, args.interpolation) - mean) / std
        v2 = (augment(images, VIEW2, size, generator, args.interpolation) - mean) / std
        if args.channels_last:
            v1, v2 = v1.contiguous(memory_format=torch.channels_last), v2.contiguous(memory_format=torch.channels_last)
        t1 = time.perf_counter()
        z1, z2 = online(v1), online(v2)
        q1, q2 = predictor(z1), predictor(z2)
        t2 = time.perf_counter()
        with torch.no_grad():
            t_1, t_2 = target(v1), target(v2)
        t3 = time.perf_counter()
        loss = regression(q1, t_2) + regression(q2, t_1)
        optimizer.zero_grad()
        loss.backward()
        t4 = time.perf_counter()
        optimizer.step(cosine(step, total, peak))
        t5 = time.perf_counter()
        tau = 1 - (1 - 0.996) * (math.cos(math.pi * step / total) + 1) / 2
        ema(online_params, target_params, tau)
        t6 = time.perf_counter()
        if step == total - 1:
            last_loss = loss.item()
        if step >= args.warmup:
            cpu_s += time.process_time() - c0
            for key, value in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t6 - t0)):
                phases[key].append(value * 1000)
        if args.verbose:
            print(f"step {step}: {1000 * (t6 - t0):.1f} ms", file=sys.stderr)

    mean_ms = {k: statistics.fmean(v) for k, v in phases.items()}
    mean_ms["online_fwd_bwd_ms"] = mean_ms["online_fwd_ms"] + mean_ms["loss_bwd_ms"]
    ordered = {k: round(mean_ms[k], 2) for k in ("augment_ms", "online_fwd_bwd_ms", "target_fwd_ms", "optimizer_ms", "ema_ms",
                                                 "step_ms", "online_fwd_ms", "loss_bwd_ms")}
    return {
        "implementation": "pytorch",
        "images_per_s": round(args.batch * 1000 / mean_ms["step_ms"], 2),
        "phases": ordered,
        "step_ms_median": round(statistics.median(phases["step_ms"]), 2),
        "cpu_ms_per_step": round(1000 * cpu_s / args.steps, 2),
        "encoder": args.encoder,
        "batch": args.batch,
        "image_size": size,
        "steps": args.steps,
        "warmup": args.warmup,
        "threads": torch.get_num_threads(),
        "channels_last": args.channels_last,
        "interpolation": args.interpolation,
        "projector": [args.projector_hidden, args.projector_out],
        "predictor_hidden": args.predictor_hidden,
        "final_loss": round(last_loss, 5),
        "blas": blas_info(),
        "native_heap": native_heap(),
        "torch": torch.__version__,
        "python": platform.python_version(),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--encoder", choices=sorted(ARCHITECTURES), default="small-resnet")
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--channels-last", action=argparse.BooleanOptionalAction, default=False)
    p.add_argument("--interpolation", choices=["bicubic", "bilinear"], default="bicubic",
                   help="crop resampling; Byol's default (ViewOptions.Interpolation) is bicubic")
    p.add_argument("--projector-hidden", type=int, default=4096)
    p.add_argument("--projector-out", type=int, default=256)
    p.add_argument("--predictor-hidden", type=int, default=4096)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()
    if args.steps < 1 or args.warmup < 0 or args.batch < 2:
        p.error("need --steps >= 1, --warmup >= 0, --batch >= 2")
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"PyTorch BYOL step: {result['encoder']}, batch {result['batch']}, {result['image_size']}x{result['image_size']}, "
          f"{result['threads']} threads, channels_last={result['channels_last']}")
    print(f"  images/s          {result['images_per_s']:10.1f}")
    for key, value in result["phases"].items():
        print(f"  {key:<18}{value:10.1f}")
    print(f"  blas: {result['blas']}")


if __name__ == "__main__":
    main()
