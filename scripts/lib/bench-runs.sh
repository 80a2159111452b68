# Shared by the scripts that time adapt builds against each other in one run
# (compare-revisions.sh, bench-layout-images.sh): source it, then call measure for each build
# and summarize at the end.

# measure RESULTS LABEL ADAPT SOURCE OUTPUT [BUILD OPTIONS...]: one `adapt build --json`, timed by
# /usr/bin/time; appends "label<TAB>wall rss user system<TAB>memos files" to RESULTS. A failing
# build stops the script (set -e): a comparison of broken builds means nothing.
measure() {
  local results=$1 label=$2 bin=$3 src=$4 out=$5
  shift 5
  local time_file="$results.time" json="$results.json"
  /usr/bin/time -f '%e %M %U %S' -o "$time_file" "$bin" build -s "$src" -o "$out" --json "$@" >"$json"
  local work_done
  work_done=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["memosExecuted"], d["filesWritten"])' "$json")
  printf '%s\t%s\t%s\n' "$label" "$(tail -1 "$time_file")" "$work_done" >>"$results"
}

# summarize RESULTS A B SAME: a Markdown table of the medians of every "<scenario> A" and
# "<scenario> B" label, with the ratios B / A. SAME=1: the work done (memos executed, files
# written) must be equal, else the row says DIFFERENT and the exit status is 1.
summarize() {
  python3 - "$@" <<'PY'
import collections, statistics, sys
results, a, b, same_required = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
rows = collections.defaultdict(list)
for line in open(results):
    label, timing, work_done = line.rstrip('\n').split('\t')
    wall, rss, user, system = timing.split()
    rows[label].append((float(wall), float(user) + float(system), int(rss) / 1024, work_done))
def med(r, i): return statistics.median(x[i] for x in r)
print(f"| scenario | wall s {a} → {b} (median) | ratio | CPU s {a} → {b} | ratio | peak MB {a} → {b} | memos executed, files written ({a} / {b}) |")
print("|---|---|---|---|---|---|---|")
failed = False
for key in sorted({label.rsplit(' ', 1)[0] for label in rows}):
    o, n = rows[key + ' ' + a], rows[key + ' ' + b]
    same = o[0][3] == n[0][3]
    failed |= same_required and not same
    mark = ' DIFFERENT' if same_required and not same else ''
    print(f"| {key} | {med(o, 0):.2f} → {med(n, 0):.2f} | {med(n, 0) / med(o, 0):.2f} | {med(o, 1):.2f} → {med(n, 1):.2f} | "
          f"{med(n, 1) / med(o, 1):.2f} | {med(o, 2):.0f} → {med(n, 2):.0f} | {o[0][3]} / {n[0][3]}{mark} |")
sys.exit(1 if failed else 0)
PY
}
