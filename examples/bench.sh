#!/bin/sh
# Speed and memory of `wasit build` beside `rg -o -F -f` with wasit's own lexicon
# patterns, on corpora of article-sized files built by examples/corpus.py, in
# one run (issue 14).
#
#   examples/bench.sh [MEGABYTES ...]          default: 10 100
#   WASIT=/path/to/other/wasit examples/bench.sh 10   # time another build
#
# Prints per size: wall and cpu seconds, MB/s, peak RSS (/usr/bin/time -v) of
# wasit and of rg, and the ratio of their wall times; where spaCy is installed
# (`pip install spacy`), the time of spaCy's blank("ar") + EntityRuler with the same
# patterns and folding on two processes (examples/spacy_baseline.py) and how many
# times wasit's whole build is faster (SPACY=0 leaves it out). Corpora go under
# ${BENCH_DIR:-/tmp/wasit-bench} and are reused between runs (same seed).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/wasit-bench}
mkdir -p "$dir"
[ $# -gt 0 ] || set -- 10 100
command -v rg >/dev/null || { echo "ripgrep (rg) is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is not installed" >&2; exit 1; }
(cd "$root" && cargo build --release --quiet --bin wasit --example patterns)
wasit=${WASIT:-$root/target/release/wasit}
"$root/target/release/examples/patterns" > "$dir/patterns.txt"
echo "wasit: $wasit"
echo "patterns: $(wc -l < "$dir/patterns.txt"), cores: $(nproc)"

# measure NAME CMD...: runs CMD under /usr/bin/time -v, sets wall, cpu, rss.
measure() {
    /usr/bin/time -v -o "$dir/time.txt" "$@" > /dev/null 2>"$dir/stderr.txt" || {
        echo "failed: $*" >&2
        cat "$dir/stderr.txt" >&2
        exit 1
    }
    wall=$(awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/time.txt")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$dir/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$dir/time.txt")
}

spacy=${SPACY:-1}
[ "$spacy" = 0 ] || python3 -c 'import spacy' 2>/dev/null || spacy=0
printf '%6s | %9s %6s %7s %8s | %7s %7s | %6s' \
    MB wasit_s cpu/wl "MB/s" rss_MB rg_s rss_MB ratio
[ "$spacy" = 0 ] && echo || printf ' | %8s %12s\n' spacy_s "spacy/wasit"

for mb in "$@"; do
    corpus="$dir/corpus-$mb"
    [ -d "$corpus" ] || python3 "$root/examples/corpus.py" "$mb" "$corpus" > /dev/null
    size=$(cat "$corpus"/*.txt | wc -c)
    rm -rf "$dir/out"
    measure "$wasit" build "$corpus" --out "$dir/out" --render none --quiet
    w_wall=$wall w_cpu=$cpu w_rss=$rss
    # Every occurrence of every pattern, written to a pipe (not /dev/null).
    measure sh -c "rg -o -F -f '$dir/patterns.txt' '$corpus' | wc -l"
    printf '%6s | %9.2f %6.2f %7.1f %8s | %7.2f %7s | %5.1fx' "$mb" "$w_wall" \
        "$(echo "$w_cpu $w_wall" | awk '{ print $1 / $2 }')" \
        "$(echo "$size $w_wall" | awk '{ print $1 / 1e6 / $2 }')" "$w_rss" \
        "$wall" "$rss" "$(echo "$w_wall $wall" | awk '{ print $1 / $2 }')"
    if [ "$spacy" = 0 ]; then
        echo
    else
        measure python3 "$root/examples/spacy_baseline.py" "$dir/patterns.txt" "$corpus"
        printf ' | %8.2f %11.1fx\n' "$wall" "$(echo "$wall $w_wall" | awk '{ print $1 / $2 }')"
    fi
done
