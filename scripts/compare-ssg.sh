#!/usr/bin/env bash
# Compares adapt with Hugo (and Eleventy) on generated corpora, everything on tmpfs.
#
# equal (the default): 4,000 blog posts built cold by Hugo and adapt doing equal work — the
#   same three minimal layouts (base, single, list), tags, pagination by 10, no feeds, sitemap,
#   robots, search index, 404 page, syntax highlighting or link check — interleaved, median of
#   $RUNS; then adapt's full default theme with every output against Hugo's minimal build.
#   Prints each time, peak memory and the ratio adapt / Hugo.
# all: equal, then the older side-by-side (adapt's default theme against Hugo's and Eleventy's
#   minimal layouts; cold build and a one-file rebuild in watch mode).
#
# Installs Hugo (Debian package `hugo`) and Eleventy (npm `@11ty/eleventy`) when missing.
# Usage: scripts/compare-ssg.sh [RUNS] [equal|all]
set -uo pipefail # not -e: a tool that prints no timing leaves an empty cell, not a dead script
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
MODE="${2:-equal}"
work="$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)" # tmpfs: the disk is not what is compared
trap 'pkill -P $$ >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT # KEEP=1 keeps the sites and outputs

sudo_cmd=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
if ! command -v hugo >/dev/null 2>&1; then
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
dotnet publish src/Adaptive.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/adapt" >/dev/null
adapt="$work/adapt/adapt"


median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
now_ms() { date +%s%3N; }

# One cold build: prints "wall_ms peak_kb" (GNU time when present, else wall only).
timed() {
  local start end peak=0 log="$work/time.log"
  start=$(now_ms)
  if [ -x /usr/bin/time ]; then /usr/bin/time -f '%M' -o "$log" "$@" >/dev/null 2>&1; peak=$(tail -1 "$log"); else "$@" >/dev/null 2>&1; fi
  end=$(now_ms); echo "$((end - start)) $peak"
}

equal_site() { # site: the same content as a Hugo site and an adapt site with the same minimal layouts
  local site="$1" m
  for m in "$site"/content/*/*/; do # month folders become sections in both tools
    [ -f "$m/_index.md" ] || printf -- '---\ntitle: "%s"\n---\n' "$(basename "$(dirname "$m")")/$(basename "$m")" > "$m/_index.md"
  done
  mkdir -p "$site/hugo/layouts/_default" "$site/equal/layouts/_default"
  cp -r "$site/content" "$site/hugo/content"; cp -r "$site/content" "$site/equal/content"
  printf 'baseURL = "https://example.org/"\ntitle = "Compare"\npaginate = 10\ndisableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n[taxonomies]\ntag = "tags"\n[markup.goldmark.renderer]\nunsafe = true\n[markup.highlight]\ncodeFences = false\n' > "$site/hugo/hugo.toml"
  printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n' > "$site/hugo/layouts/_default/baseof.html"
  printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n' > "$site/hugo/layouts/_default/single.html"
  printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Pages }}{{ if .IsHome }}{{ $p = .Site.RegularPages }}{{ else if eq .Kind "section" }}{{ $p = .RegularPagesRecursive }}{{ end }}<ul>{{ range (.Paginate $p).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' > "$site/hugo/layouts/_default/list.html"
  printf 'title: Compare\nbaseUrl: https://example.org/\npagination: 10\ntaxonomies: [tags]\ndisableKinds: [rss, sitemap, robots, search, 404]\nbuild: { links: off }\n' > "$site/equal/adapt.yaml"
  printf '<!doctype html><html><head><title>{{page.title}}</title></head><body>{{{content}}}</body></html>\n' > "$site/equal/layouts/_default/baseof.hbs"
  printf '<h1>{{page.title}}</h1>{{{page.content}}}\n' > "$site/equal/layouts/_default/single.hbs"
  local list='<h1>{{page.title}}</h1><ul>{{#each pages}}<li><a href="{{url}}">{{title}}</a></li>{{/each}}</ul>\n'
  printf "$list" > "$site/equal/layouts/_default/list.hbs"
  printf "$list" > "$site/equal/layouts/home.hbs" # the theme's home, term and taxonomy layouts would
  printf "$list" > "$site/equal/layouts/term.hbs" # otherwise come first
  printf '<h1>{{page.title}}</h1><ul>{{#each terms}}<li><a href="{{url}}">{{name}}</a></li>{{/each}}</ul>\n' > "$site/equal/layouts/taxonomy.hbs"
}

equal_work() {
  local site="$work/equal-blog" i cell
  "$adapt" gen blog --pages 4000 -o "$site" >/dev/null
  equal_site "$site"
  declare -A wall peak
  measure() { # name command...: one cold build, its wall time and peak memory added to the name's runs
    local name="$1" cell; shift
    cell=$("$@"); wall[$name]+="${cell% *} "; peak[$name]+="${cell#* } "
  }
  for i in $(seq "$RUNS"); do # interleaved: the machine's noise falls on every tool alike
    rm -rf "$site/hugo/public"; measure hugo timed hugo --quiet --source "$site/hugo"
    rm -rf "$site/equal/public" "$site/equal/.adapt"; measure adapt timed "$adapt" build -s "$site/equal"
    rm -rf "$site/equal/public" "$site/equal/.adapt"; measure notrace timed "$adapt" build -s "$site/equal" --no-trace
    rm -rf "$site/equal/public"; measure phased timed "$adapt" build -s "$site/equal" --mode phased
    rm -rf "$site/public" "$site/.adapt"; measure full timed "$adapt" build -s "$site"
  done
  local files_hugo files_adapt
  files_hugo=$(find "$site/hugo/public" -name '*.html' | wc -l); files_adapt=$(find "$site/equal/public" -name '*.html' | wc -l)
  [ -n "${KEEP:-}" ] && echo "sites and outputs kept in $site"
  echo "equal work: 4,000 blog posts, minimal layouts, tags, pagination 10 (HTML files: Hugo $files_hugo, adapt $files_adapt); median of $RUNS, tmpfs"
  printf '%-40s %10s %12s %14s\n' build "wall (ms)" "peak (MB)" "/ Hugo (wall)"
  median_of() { echo "$1" | tr ' ' '\n' | grep . | median; } # a space-separated list of runs
  local h; h=$(median_of "${wall[hugo]}")
  for cell in hugo adapt notrace phased full; do
    local w p label
    w=$(median_of "${wall[$cell]}"); p=$(median_of "${peak[$cell]}")
    case "$cell" in
      hugo) label="hugo (minimal layouts)" ;; adapt) label="adapt build (equal work)" ;; notrace) label="adapt build --no-trace (equal work)" ;;
      phased) label="adapt build --mode phased (equal work)" ;; full) label="adapt build (default theme, every output)" ;;
    esac
    printf '%-40s %10s %12s %14s\n' "$label" "$w" "$((p / 1024))" "$(awk -v a="$w" -v b="$h" 'BEGIN { printf "%.2f×", a / b }')"
  done
}

equal_work
[ "$MODE" = all ] || exit 0

if ! command -v node >/dev/null 2>&1; then
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
mkdir -p "$work/tools" && (cd "$work/tools" && npm init -y >/dev/null && npm install --silent @11ty/eleventy@2.0.1 >/dev/null) # 3.x needs @11ty/recursive-copy 4, missing from the registry here
eleventy="$work/tools/node_modules/.bin/eleventy"

# Hugo and Eleventy read the same content/ folder (YAML front matter, Markdown) with minimal
# layouts of their own; adapt uses its default theme. Each tool renders every page and list.
prepare() {
  local site="$1"
  mkdir -p "$site/hugo/layouts/_default" "$site/eleventy/_includes"
  cp -r "$site/content" "$site/hugo/content"     # each tool edits and reads its own copy
  printf 'baseURL = "https://example.org/"\ntitle = "Compare"\ndisableKinds = ["RSS"]\n[markup.goldmark.renderer]\nunsafe = true\n' > "$site/hugo/hugo.toml"
  printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n' > "$site/hugo/layouts/_default/baseof.html"
  printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n' > "$site/hugo/layouts/_default/single.html"
  printf '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' > "$site/hugo/layouts/_default/list.html"
  cp -r "$site/content" "$site/eleventy/content"
  printf 'module.exports = function (config) { config.setTemplateFormats(["md"]); return { dir: { input: "content", includes: "../_includes", output: "_site" }, markdownTemplateEngine: false }; };\n' > "$site/eleventy/eleventy.config.js"
  printf '<!doctype html><html><head><title>{{ title }}</title></head><body><h1>{{ title }}</h1>{{ content | safe }}</body></html>\n' > "$site/eleventy/_includes/layout.njk"
  printf '{ "layout": "layout.njk" }\n' > "$site/eleventy/content/content.json"
}

cold() { # tool site
  local tool="$1" site="$2" start end
  for _ in $(seq "$RUNS"); do
    case "$tool" in
      adapt) rm -rf "$site/public" "$site/.adapt"; start=$(now_ms); "$adapt" build -s "$site" --no-trace >/dev/null 2>&1 || true ;;
      hugo) rm -rf "$site/hugo/public"; start=$(now_ms); (cd "$site/hugo" && hugo --quiet >/dev/null 2>&1) ;;
      eleventy) rm -rf "$site/eleventy/_site"; start=$(now_ms); (cd "$site/eleventy" && "$eleventy" --quiet >/dev/null 2>&1) ;;
    esac
    end=$(now_ms); echo $((end - start))
  done | median
}

rebuild() { # tool site page: edits one page while the tool watches; prints the tool's own rebuild time (ms)
  local tool="$1" site="$2" page="$3" log="$work/$1.log" pid
  case "$tool" in
    adapt) "$adapt" watch -s "$site" --json --debounce 20 > "$log" 2>/dev/null & pid=$! ;;
    hugo) (cd "$site/hugo" && exec hugo --watch) > "$log" 2>&1 & pid=$! ;;
    eleventy) (cd "$site/eleventy" && exec "$eleventy" --watch) > "$log" 2>&1 & pid=$! ;;
  esac
  local file="$site/$page"
  [ "$tool" = hugo ] && file="$site/hugo/$page"
  [ "$tool" = eleventy ] && file="$site/eleventy/$page"
  local waited=0
  sleep 2; while ! grep -qE 'elapsedMs|Total in|Watching' "$log" 2>/dev/null; do
    sleep 0.5; waited=$((waited + 1))
    if [ "$waited" -gt 1200 ]; then echo "$tool --watch did not start; its log:" >&2; tail -5 "$log" >&2; kill "$pid"; echo 0; return; fi
  done; sleep 1
  for i in $(seq "$RUNS"); do
    local before; before=$(wc -l < "$log")
    echo "edited $i" >> "$file"
    for _ in $(seq 600); do [ "$(wc -l < "$log")" -gt "$before" ] && tail -n +"$((before + 1))" "$log" | grep -qE 'elapsedMs|Total in|Wrote [0-9]+ files' && break; sleep 0.1; done
    sleep 0.5
    tail -n +"$((before + 1))" "$log" | case "$tool" in
      adapt) grep -o '"elapsedMs":[0-9.]*' | tail -1 | cut -d: -f2 ;;
      hugo) grep -oE 'Total in [0-9.]+ ?ms' | tail -1 | grep -oE '[0-9.]+' ;;
      eleventy) grep -oE 'in [0-9.]+ seconds' | tail -1 | grep -oE '[0-9.]+' | awk '{ print $1 * 1000 }' ;;
    esac
  done | median
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
}

printf '%-18s %-9s %12s %12s %14s\n' corpus tool "cold (ms)" "rebuild (ms)" "adapt / tool"
for corpus in "blog:4000" "api:10000"; do
  scenario="${corpus%%:*}" pages="${corpus##*:}" site="$work/$scenario"
  "$adapt" gen "$scenario" --pages "$pages" -o "$site" >/dev/null
  prepare "$site"
  page="$(cd "$site" && find content -name '*.md' ! -name '_index.md' | sort | sed -n "$((pages / 2))p")"
  declare -A c r
  for tool in adapt hugo eleventy; do
    c[$tool]=$(cold "$tool" "$site")
    r[$tool]=$(rebuild "$tool" "$site" "$page")
  done
  for tool in adapt hugo eleventy; do
    ratio="—"
    [ "$tool" != adapt ] && ratio=$(awk -v a="${c[adapt]}" -v b="${c[$tool]}" -v x="${r[adapt]}" -v y="${r[$tool]}" 'BEGIN { printf "%.2f× / %.3f×", a / b, (y > 0 ? x / y : 0) }')
    printf '%-18s %-9s %12s %12s %14s\n' "$scenario $pages" "$tool" "${c[$tool]}" "${r[$tool]}" "$ratio"
  done
done
