#!/usr/bin/env bash
# Compares two revisions of adapt on the same generated corpora in one run, interleaved (the
# order alternates each run), everything on tmpfs: a no-regression check for a refactoring.
#
# For each corpus and each revision: a cold adaptive build with the trace, a body edit of one
# page built by a new process (reusing the trace), and a phased full build without the trace.
# Prints the median wall time, CPU time (user + system) and peak memory of each, the ratios
# new / old, and the work done (memos executed, files written), which must be equal.
#
# Usage: scripts/compare-revisions.sh OLD_REV [NEW_REV] [RUNS] [CORPUS:PAGES ...]
#   NEW_REV defaults to the work tree as it is; RUNS to 5; corpora to blog:4000 api:10000.
# Example: scripts/compare-revisions.sh 8ef9623 HEAD 5 blog:4000 api:10000
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-runs.sh
OLD="${1:?usage: scripts/compare-revisions.sh OLD_REV [NEW_REV] [RUNS] [CORPUS:PAGES ...]}"
NEW="${2:-}"
RUNS="${3:-5}"
shift $(( $# < 3 ? $# : 3 ))
CORPORA=("$@")
[ ${#CORPORA[@]} -gt 0 ] || CORPORA=(blog:4000 api:10000)

work="$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)"
trap 'git worktree remove --force "$work/tree-old" >/dev/null 2>&1 || true; git worktree remove --force "$work/tree-new" >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

publish() { # revision (empty: the work tree) -> $work/adapt-<name>
  local rev=$1 name=$2 src=.
  if [ -n "$rev" ]; then
    git worktree add --detach "$work/tree-$name" "$rev" >/dev/null 2>&1
    src="$work/tree-$name"
  fi
  dotnet publish "$src/src/Adaptive.Cli" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$work/adapt-$name" >/dev/null
}
publish "$OLD" old
publish "$NEW" new
echo "old: $OLD ($(git rev-parse --short "$OLD")), new: ${NEW:-work tree} ($(git rev-parse --short "${NEW:-HEAD}")), runs: $RUNS, $(nproc) cores, $(date -u +%F)"

for spec in "${CORPORA[@]}"; do
  "$work/adapt-new/adapt" gen "${spec%%:*}" --pages "${spec##*:}" -o "$work/corpus/$spec" >/dev/null
done

results="$work/results.tsv"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  for spec in "${CORPORA[@]}"; do
    order="old new"
    if (( run % 2 == 0 )); then order="new old"; fi
    for v in $order; do
      site="$work/run/$v"
      rm -rf "$site"
      mkdir -p "$site"
      cp -r "$work/corpus/$spec" "$site/src"
      measure "$results" "$spec cold-adaptive $v" "$work/adapt-$v/adapt" "$site/src" "$site/out"
      page=$(find "$site/src/content" -name '*.md' ! -name '_index.md' | sort | sed -n 7p)
      printf '\nOne more paragraph, run %s.\n' "$run" >>"$page"
      measure "$results" "$spec body-edit $v" "$work/adapt-$v/adapt" "$site/src" "$site/out"
      measure "$results" "$spec phased-full $v" "$work/adapt-$v/adapt" "$site/src" "$site/out-phased" --mode phased --no-trace
    done
  done
done

summarize "$results" old new 1
