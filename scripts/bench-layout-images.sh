#!/usr/bin/env bash
# What the image helper in layouts costs a site that uses it, in one run with one build of adapt:
# the generated blog corpus as it is ("plain"), and the same corpus whose page layout (the default
# theme's, copied) shows a processed picture on every page ("covers": one variant and its 2x,
# shared by all pages). Interleaved, on tmpfs, medians of RUNS.
#
# For each: a cold adaptive build with the trace, a body edit of one page built by a new process
# (reusing the trace), and a phased full build without the trace. Prints wall time, CPU time and
# peak memory, the ratios covers / plain, and the work done (memos executed, files written); a
# build that fails stops the script.
#
# Usage: scripts/bench-layout-images.sh [PAGES] [RUNS]   (defaults: 4000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-runs.sh
PAGES="${1:-4000}"
RUNS="${2:-3}"
work="$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

dotnet publish src/Adaptive.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/adapt" >/dev/null
adapt="$work/adapt/adapt"
echo "adapt $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), blog:$PAGES, runs: $RUNS, $(nproc) cores, $(date -u +%F)"

"$adapt" gen blog --pages "$PAGES" -o "$work/corpus/plain" >/dev/null
cp -r "$work/corpus/plain" "$work/corpus/covers"
"$adapt" new site "$work/starter" >/dev/null
mkdir -p "$work/corpus/covers/static/img" "$work/corpus/covers/layouts/_default"
cp "$work/starter/content/blog/sunrise.jpg" "$work/corpus/covers/static/img/cover.jpg"
{
  printf '%s\n' '{{#with (image images "/img/cover.jpg" width=320 format="jpeg")}}<img src="{{url}}" width="{{width}}" height="{{height}}" srcset="{{srcset}}" alt="">{{/with}}'
  cat src/Adaptive.Site/Theme/layouts/_default/single.hbs
} >"$work/corpus/covers/layouts/_default/single.hbs"

results="$work/results.tsv"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  order="plain covers"
  if (( run % 2 == 0 )); then order="covers plain"; fi
  for v in $order; do
    site="$work/run/$v"
    rm -rf "$site"
    mkdir -p "$site"
    cp -r "$work/corpus/$v" "$site/src"
    measure "$results" "cold-adaptive $v" "$adapt" "$site/src" "$site/out"
    page=$(find "$site/src/content" -name '*.md' ! -name '_index.md' | sort | sed -n 7p)
    printf '\nOne more paragraph, run %s.\n' "$run" >>"$page"
    measure "$results" "body-edit $v" "$adapt" "$site/src" "$site/out"
    measure "$results" "phased-full $v" "$adapt" "$site/src" "$site/out-phased" --mode phased --no-trace
  done
done

summarize "$results" plain covers 0
