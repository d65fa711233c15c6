#!/usr/bin/env bash
# Whole-process backtest speed against ta4j (not a test; figures in docs/backtest.md):
#   - cuts the first 30,240 one-minute bars (3 weeks) of examples/btc/btc-perp-20211231-20220201_1m.csv into a
#     temporary file (nothing derived is committed);
#   - builds once: target/updown.jar, and the ta4j baseline src/bench/java/updown/bench/Ta4jCrossoverMain.java
#     (ta4j-core 0.17, the test dependency: BarSeries, EMA(3)/EMA(8), CrossedUp/Down rules, BarSeriesManager);
#   - times each whole process (JVM start included) RUNS times, plain `java` with the JVM's defaults:
#       updown: java -jar updown.jar backtest --klines CUT --json --out TMP
#       ta4j:   java -cp <test classpath> updown.bench.Ta4jCrossoverMain CUT
#     (`backtest` re-executes itself in a child JVM with its own heap, collector and class archive, see
#     docs/backtest.md "BatchJvm": its wall and CPU include both JVMs, its peak RSS is the larger one, the child)
#   - prints, best of RUNS (by wall time): wall s, bars/s, peak RSS (MB), and for the backtest the events the report
#     counts, events/s over the whole process and over the replay alone, its ledger SHA-256 and trade count.
# Usage: scripts/backtest-vs-ta4j.sh [RUNS=3]      Needs: a JDK 17, Maven, GNU time (/usr/bin/time: Debian's `time`).
#        env BEFORE_JAR=path/to/an/older/updown.jar: also time that jar in the same rounds (a before/after under the
#        same machine load; its ledger SHA-256 must match).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}
BARS=30240
if [ ! -x /usr/bin/time ]; then
  echo "GNU time (/usr/bin/time) is missing: install Debian's 'time' package (apt-get install time)" >&2
  exit 2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# the backtest's class archive (BatchJvm) goes with the temporary jar: run 1 writes it, the later runs map it
export XDG_CACHE_HOME="$WORK/cache"

head -n $((BARS + 1)) examples/btc/btc-perp-20211231-20220201_1m.csv > "$WORK/3w.csv"
echo "data: $BARS one-minute bars, $(sed -n 2p "$WORK/3w.csv" | cut -d, -f1) .. $(tail -1 "$WORK/3w.csv" | cut -d, -f1)"

echo "building (once) ..." >&2
mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
mkdir -p "$WORK/ta4j"
javac --release 17 -d "$WORK/ta4j" -cp "$(cat "$WORK/cp.txt")" src/bench/java/updown/bench/Ta4jCrossoverMain.java
# private copy: a rebuild while this runs must not pull the jar from under the JVMs
cp target/updown.jar "$WORK/updown.jar"
TA4J_CP="$WORK/ta4j:$(cat "$WORK/cp.txt")"

# run LABEL I CMD... : one timed whole process; appends "wall_s rss_kb user_s sys_s I" to $WORK/LABEL.times
run() {
  local label=$1 i=$2
  shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" > "$WORK/$label.$i.out" 2> "$WORK/$label.$i.err"
  echo "$(cat "$WORK/time.txt") $i" >> "$WORK/$label.times"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) core(s)"
for i in $(seq 1 "$RUNS"); do
  if [ -n "${BEFORE_JAR:-}" ]; then
    run before "$i" java -jar "$BEFORE_JAR" backtest --klines "$WORK/3w.csv" --json --out "$WORK/before.$i"
  fi
  run updown "$i" java -jar "$WORK/updown.jar" backtest --klines "$WORK/3w.csv" --json --out "$WORK/report.$i"
  run ta4j "$i" java -cp "$TA4J_CP" updown.bench.Ta4jCrossoverMain "$WORK/3w.csv"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

best() { sort -n "$WORK/$1.times" | head -1; }
read -r UW URSS UU US UI <<< "$(best updown)"
read -r TW TRSS TU TS TI <<< "$(best ta4j)"
JSON=$(tail -1 "$WORK/updown.$UI.out")
field() { echo "$JSON" | python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
EVENTS=$(field events)
REPLAY_S=$(field wall_seconds)
echo
printf "%-8s %8s %12s %10s %8s %14s  %s\n" "" "wall s" "bars/s" "peak MB" "CPU s" "bars/CPU s" \
  "(best of $RUNS by wall, whole process; CPU = user + sys of all its threads)"
row() { awk -v n="$1" -v w="$2" -v r="$3" -v c="$4" -v b="$BARS" \
  'BEGIN { printf "%-8s %8.2f %12.0f %10.0f %8.2f %14.0f\n", n, w, b / w, r / 1024, c, b / c }'; }
row updown "$UW" "$URSS" "$(echo "$UU $US" | awk '{print $1 + $2}')"
row ta4j "$TW" "$TRSS" "$(echo "$TU $TS" | awk '{print $1 + $2}')"
if [ -n "${BEFORE_JAR:-}" ]; then
  read -r BW BRSS BU BS BI <<< "$(best before)"
  row before "$BW" "$BRSS" "$(echo "$BU $BS" | awk '{print $1 + $2}')"
  BJSON=$(tail -1 "$WORK/before.$BI.out")
  echo "before: ledger_sha256 $(echo "$BJSON" | python3 -c "import json, sys; print(json.load(sys.stdin)['ledger_sha256'])")"
fi
awk -v e="$EVENTS" -v w="$UW" -v rs="$REPLAY_S" 'BEGIN {
  printf "updown events %d: %.0f events/s whole process, %.0f events/s in the replay (%.2f s)\n", e, e / w, e / rs, rs }'
echo "updown ledger_sha256 $(field ledger_sha256), trades $(field trades); ta4j $(cat "$WORK/ta4j.$TI.out")"
echo "all runs (wall s, peak KB, user s, sys s, run):"
sed 's/^/  updown /' "$WORK/updown.times"
sed 's/^/  ta4j   /' "$WORK/ta4j.times"
[ -z "${BEFORE_JAR:-}" ] || sed 's/^/  before /' "$WORK/before.times"
