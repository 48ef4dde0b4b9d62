#!/usr/bin/env bash
# Start-up time of the release build: process start to the first painted frame of the demo
# project, under Xvfb, 10 runs. Builds nothing: run `cargo build --release` first.
#
#   scripts/startup.sh [RUNS]
#
# Each run starts target/release/claimtrace with a fresh, empty config folder (so it opens the
# demo) and CLAIMTRACE_STARTUP_PROBE=1: the app prints `first_frame_ms <N>` to stderr when its
# first frame has been painted (N is measured from the first line of `main`) and exits. The
# script also times each process from launch to exit with `date` (this adds exec, dynamic
# loading and exit), as an upper bound.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bin=target/release/claimtrace
[ -x "$bin" ] || { echo "startup.sh: $bin not found; run 'cargo build --release' first" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "startup.sh: Xvfb not found; install the 'xvfb' package" >&2; exit 1; }

work=$(mktemp -d)
xvfb=
cleanup() {
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "startup.sh: Xvfb did not start" >&2; exit 1; }
display=":$(cat "$work/display")"

probe=()
wall=()
for i in $(seq "$runs"); do
    cfg="$work/config-$i"
    mkdir -p "$cfg"
    t0=$(date +%s%N)
    if ! timeout 60 env DISPLAY="$display" WAYLAND_DISPLAY= CLAIMTRACE_CONFIG_DIR="$cfg" \
        CLAIMTRACE_STARTUP_PROBE=1 "$bin" 2>"$work/err-$i" >/dev/null; then
        echo "startup.sh: run $i failed:" >&2
        cat "$work/err-$i" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    ms=$(awk '$1 == "first_frame_ms" { print $2 }' "$work/err-$i")
    [ -n "$ms" ] || { echo "startup.sh: run $i printed no first_frame_ms:" >&2; cat "$work/err-$i" >&2; exit 1; }
    probe+=("$ms")
    wall+=("$(( (t1 - t0) / 1000000 ))")
    echo "run $i: first_frame_ms $ms (launch to exit ${wall[-1]} ms)"
done

stats() { # median and max of the arguments
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median %.1f ms, max %.1f ms", m, v[NR] }'
}
echo "first frame (from main): $(stats "${probe[@]}") over $runs runs"
echo "launch to exit (wall):   $(stats "${wall[@]}") over $runs runs"
