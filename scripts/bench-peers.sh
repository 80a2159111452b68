#!/usr/bin/env bash
# Runs the peer signal libraries (alien-signals, Preact signals) and this runtime's port of the
# same shapes in one run, on this machine, and prints our time / their time per shape.
#   RUNS=5 (default)   SHAPES=a,b,c (default)   LIBS=alien,preact (default)
#   PEER_DIR=<folder with the npm packages> (default: a cached folder under /tmp)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
script="${PEER_SCRIPT:-$root/../shared/bench/peer-bench.mjs}"
[ -f "$script" ] || { echo "peer script not found: $script (set PEER_SCRIPT)" >&2; exit 2; }
export RUNS="${RUNS:-5}" SHAPES="${SHAPES:-a,b,c}" LIBS="${LIBS:-alien,preact}"
export PEER_DIR="${PEER_DIR:-/tmp/bengal-adaptive-peers}"

if [ ! -d "$PEER_DIR/node_modules/alien-signals" ]; then
  mkdir -p "$PEER_DIR"
  (cd "$PEER_DIR" && npm init -y >/dev/null \
    && npm install --silent alien-signals@3.2.1 @preact/signals-core@1.14.5 signal-polyfill@0.2.2 >/dev/null)
fi

dotnet build -c Release "$root/test/Adaptive.Benchmarks/Adaptive.Benchmarks.csproj" >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
node --expose-gc --max-old-space-size=8192 "$script" | tee "$out"
dotnet "$root/test/Adaptive.Benchmarks/bin/Release/net10.0/Adaptive.Benchmarks.dll" peers "$RUNS" | tee -a "$out"

python3 - "$out" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) \((\w)\)", line)
    if not m:
        continue
    lib, shape = m.groups()
    if shape in "ab":
        rows[(lib, shape)] = float(re.search(r"median ([\d.]+) ms", line).group(1))
    else:
        for phase, pattern in (("build", r"build median ([\d.]+)"), ("cold read", r"cold read-all median ([\d.]+)"),
                               ("update", r"update\+read 1% sinks median ([\d.]+)"), ("heap MB", r"heap growth after cold read: median ([\d.]+)")):
            rows[(lib, "c " + phase)] = float(re.search(pattern, line).group(1))
libs = sorted({lib for lib, _ in rows if lib != "adaptive"})
print()
print("| shape | adaptive | " + " | ".join(libs) + " | " + " | ".join(f"adaptive / {l}" for l in libs) + " |")
print("|---|---:|" + "---:|" * (2 * len(libs)))
names = {"a": "(a) chain", "b": "(b) fan"}
for shape in ["a", "b", "c build", "c cold read", "c update", "c heap MB"]:
    if ("adaptive", shape) not in rows:
        continue
    ours = rows[("adaptive", shape)]
    theirs = [rows.get((l, shape)) for l in libs]
    cells = " | ".join(f"{t:.1f}" if t else "-" for t in theirs)
    ratios = " | ".join(f"{ours / t:.2f}x" if t else "-" for t in theirs)
    print(f"| {names.get(shape, '(' + shape.replace(' ', ') ', 1))} | {ours:.1f} | {cells} | {ratios} |")
PY
