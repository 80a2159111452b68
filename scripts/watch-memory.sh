#!/usr/bin/env bash
# The memory of a long-running `adapt watch` (issue #15): generates the api corpus, starts a
# watch on it, makes N mixed edits one after the other (a body edit, a title edit, a tag added,
# a new page, that page deleted), waits for each build, and prints the watch's resident memory
# after the first build and after the last edit, with the median edit time the watch reported.
# Everything on tmpfs when /dev/shm exists.
#
#   scripts/watch-memory.sh [edits=100] [pages=10000]
#   ADAPT=/path/to/adapt scripts/watch-memory.sh     # a published (ReadyToRun) CLI
set -euo pipefail

edits=${1:-100}
pages=${2:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${ADAPT:-}" ]]; then
  dotnet build "$repo/src/Adaptive.Cli" -c Release -v q -nologo >/dev/null
  ADAPT="dotnet $repo/src/Adaptive.Cli/bin/Release/net10.0/adapt.dll"
fi

base=/dev/shm
[[ -d $base ]] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/adapt-watch-XXXXXX")
watch_pid=
cleanup() {
  [[ -n $watch_pid ]] && kill "$watch_pid" 2>/dev/null && wait "$watch_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

$ADAPT gen api --pages "$pages" -o "$work/site" >/dev/null
cd "$work/site"
mapfile -t files < <(find content -name '*.md' ! -name '_index.md' | sort)
$ADAPT watch --json > "$work/builds.jsonl" 2> "$work/watch.err" &
watch_pid=$!

builds() { grep -c '"succeeded"' "$work/builds.jsonl" 2>/dev/null || true; }
rss_mb() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$watch_pid/status"; }
wait_for() { # builds count
  local deadline=$((SECONDS + 600))
  while (( $(builds) < $1 )); do
    if (( SECONDS > deadline )) || ! kill -0 "$watch_pid" 2>/dev/null; then
      echo "the watch did not report build $1; its errors:" >&2
      cat "$work/watch.err" >&2
      exit 1
    fi
    sleep 0.05
  done
}

wait_for 1
first=$(rss_mb)
new_page=content/watch-memory-new.md
for ((i = 1; i <= edits; i++)); do
  file=${files[$(( (i * 7919) % ${#files[@]} ))]}
  case $((i % 5)) in
    0) printf '\n\nEdited body %d.\n' "$i" >> "$file" ;;
    1) sed -i "0,/^title: .*/s//title: \"Edited $i\"/" "$file" ;;
    2) sed -i "0,/^tags: \[/s//tags: [edit$((i % 7)), /" "$file" ;;
    3) printf -- '---\ntitle: "New %d"\ntags: [new]\n---\nA new page, edit %d.\n' "$i" "$i" > "$new_page" ;;
    4) rm -f "$new_page" ;;
  esac
  wait_for $((i + 1))
done

last=$(rss_mb)
if [[ -n "${GCDUMP:-}" ]]; then
  # A heap snapshot of the watch after the edits (dotnet-gcdump; it collects garbage first):
  # what is live, against what the process holds.
  dotnet-gcdump collect -p "$watch_pid" -o "$GCDUMP" >/dev/null
  echo "heap after the edits: $(dotnet-gcdump report "$GCDUMP" | awk '/GC Heap bytes/ { gsub(",", "", $1); print int($1 / 1048576) }') MB (snapshot $GCDUMP)"
fi
hwm=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$watch_pid/status")
median=$(tail -n +2 "$work/builds.jsonl" | python3 -c '
import json, statistics, sys
times = [json.loads(line)["elapsedMs"] for line in sys.stdin if line.strip()]
print(f"{statistics.median(times):.1f}")')
echo "pages=$pages edits=$edits rss_after_first_build_mb=$first rss_after_edits_mb=$last peak_rss_mb=$hwm median_edit_ms=$median"
