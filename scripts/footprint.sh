#!/usr/bin/env bash
# Footprint benchmark (not a test): runs `simulate` for N minutes twice at once — with the JVM's defaults and with
# the container's flags (deploy/jvm.options) — and prints, for each run:
#   first tick   launch -> the first write of DATA_DIR/health (ms)
#   rss          resident set size after N minutes (VmRSS, MB) and its peak (VmHWM)
#   heap         heap used / committed after N minutes (jstat, MB)
#   cpu/tick     process CPU time (user+sys) between minute 1 and minute N divided by the trader ticks in that span
#                (ticks counted from the simulated instants the health file carries: Δt / TICK_INTERVAL_MS). In the
#                default mode the process also runs the simulated exchange, so this is an upper bound for the bot alone.
#
# EXCHANGE=separate measures the bot alone: one `simulate --exchange-only` process (1x, the wall clock, SEED,
# MARKETS) serves both runs, and each run is the bot's own `run` command with the printed *_URL settings, paper mode,
# its own DATA_DIR. Every figure is then the bot's process only (the exchange's is printed for reference).
#   stop         SIGTERM -> process exit (ms) and the exit code
#   ticks        the trader's own tick durations from the run's tape (p50, p99, max; scripts/TickDurations.java)
#
# The compose run uses deploy/jvm.options and a class archive recorded as the Dockerfile does (AppCDS).
# Usage: scripts/footprint.sh [minutes=10; 0 = the startup part only]     env: SKIP_STARTUP=1 (only the long runs), SPEED (simulated s per real s, default 1 = as on the VPS:
#        one tick per 5 s, feeds at their real rates; 60 is a stress run), SEED (default 7), MARKETS (the bot's
#        markets, e.g. all 8: btc-5m,btc-15m,eth-5m,eth-15m,sol-5m,sol-15m,xrp-5m,xrp-15m; simulate serves them all),
#        DEFAULTS_FLAGS (extra flags of the "defaults" run, e.g. -XX:MaxRAM=4g to size the JVM as on a 4 GB host),
#        EXCHANGE (inprocess = `simulate`, the default; separate = the bot alone, see above; needs SPEED=1)
# Needs: target/updown.jar (built if missing), a JDK (jstat), Linux /proc.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=${1:-10}
SPEED=${SPEED:-1}
SEED=${SEED:-7}
TICK_MS=5000   # TICK_INTERVAL_MS default (conf/config.json)
EXCHANGE=${EXCHANGE:-inprocess}
case "$EXCHANGE" in
  inprocess) ;;
  separate) [ "$SPEED" = 1 ] || { echo "EXCHANGE=separate runs at SPEED=1 (the bot's run reads the wall clock)" >&2; exit 2; } ;;
  *) echo "EXCHANGE=$EXCHANGE: inprocess or separate" >&2; exit 2 ;;
esac
[ -f target/updown.jar ] || mvn -q -B package -DskipTests
CLK_TCK=$(getconf CLK_TCK)
WORK=$(mktemp -d)
EXCHANGE_PID=
trap '[ -n "$EXCHANGE_PID" ] && kill -TERM "$EXCHANGE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
# a private copy: a rebuild while the benchmark runs must not pull the jar from under the JVMs
JAR="$WORK/updown.jar"
cp target/updown.jar "$JAR"

now_ms() { date +%s%3N; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
health_ms() { date -d "$(cat "$1")" +%s%3N; }

measure() {
  local label=$1; shift
  local dir="$WORK/$label" out="$WORK/$label.result"
  mkdir -p "$dir"
  local t0; t0=$(now_ms)
  if [ "$EXCHANGE" = separate ]; then
    # the bot alone, as the service runs it, on the exchange's URLs (EXCHANGE_ENV), paper money in its own folder
    env "${EXCHANGE_ENV[@]}" TRADING_MODE=paper TELEGRAM_BOT_TOKEN= DATA_DIR="$dir/data" DB_PATH= DASHBOARD_PORT=0 \
        java "$@" -jar "$JAR" run >"$dir/stdout" 2>"$dir/stderr" &
  else
    DASHBOARD_PORT=0 java "$@" -jar "$JAR" simulate --windows 100000 --speed "$SPEED" \
        --seed "$SEED" --data-dir "$dir/data" >"$dir/stdout" 2>"$dir/stderr" &
  fi
  local pid=$!
  while [ ! -s "$dir/data/health" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: simulate exited before its first tick" >"$out"; return; }
    sleep 0.01
  done
  local first=$(( $(now_ms) - t0 ))
  sleep 60
  local c1 h1; c1=$(cpu_ticks "$pid"); h1=$(health_ms "$dir/data/health")
  sleep $(( MINUTES * 60 - 60 - first / 1000 ))
  local c2 h2 rss hwm; c2=$(cpu_ticks "$pid"); h2=$(health_ms "$dir/data/health")
  rss=$(kb "$pid" VmRSS); hwm=$(kb "$pid" VmHWM)
  # jstat -gc: S0C S1C S0U S1U EC EU OC OU ... (KB)
  local heap; heap=$(jstat -gc "$pid" | awk 'NR == 2 {printf "%.1f / %.1f", ($3+$4+$6+$8)/1024, ($1+$2+$5+$7)/1024}')
  local trades; trades=$(grep -c '^TRADE' "$dir/stdout" || true)
  local ts; ts=$(now_ms)
  kill -TERM "$pid"
  local rc=0; wait "$pid" || rc=$?
  local stop=$(( $(now_ms) - ts ))
  if [ "$EXCHANGE" = separate ]; then  # run prints no trade lines: count the ledger's trades
    trades=$(java -jar "$JAR" trades --data-dir "$dir/data" --json 2>/dev/null | grep -o '"side":"' | wc -l || true)
  fi
  java -cp "$JAR" scripts/TickDurations.java "$dir/data/tape" >"$dir.ticks" 2>&1 || true
  local ticks=$(( (h2 - h1) / TICK_MS ))
  local cpu_ms=$(( (c2 - c1) * 1000 / CLK_TCK ))
  awk -v l="$label" -v f="$first" -v r="$rss" -v w="$hwm" -v h="$heap" -v c="$cpu_ms" -v t="$ticks" \
      -v tr="$trades" -v s="$stop" -v rc="$rc" 'BEGIN {
        printf "%-8s first tick %5d ms | RSS %6.1f MB (peak %6.1f) | heap used/committed %s MB | " \
               "CPU %.2f ms/tick over %d ticks | %d trades | stop %d ms, exit %d\n",
               l, f, r/1024, w/1024, h, (t > 0 ? c/t : 0), t, tr, s, rc }' >"$out"
  sed "s/^/$label   /" "$dir.ticks" >>"$out"
}

# the image's class archive (Dockerfile: AppCDS training run), recorded the same way for the compose run
DATA_DIR="$WORK/cds-train" DASHBOARD_PORT=0 RECORD_ENABLED=false java @deploy/jvm.options \
  -XX:ArchiveClassesAtExit="$WORK/updown.jsa" -jar "$JAR" simulate --windows 1 --speed 600 >/dev/null 2>&1 || true

# startup: launch -> first tick, 5 launches one after another per configuration, at 60x so the first tick is due
# 83 ms after the trader is ready (at 1x it would add the 5 s tick interval)
startup() {
  local label=$1; shift
  local times=() cpus=()
  for n in 1 2 3 4 5; do
    local dir="$WORK/start-$label-$n" t0 ms
    t0=$(now_ms)
    DASHBOARD_PORT=0 java "$@" -jar "$JAR" simulate --windows 100000 --speed 60 --data-dir "$dir/data" \
        >"$dir.out" 2>&1 &
    local pid=$!
    while [ ! -s "$dir/data/health" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.005; done
    ms=$(( $(now_ms) - t0 ))
    cpus+=("$(( $(cpu_ticks "$pid") * 1000 / CLK_TCK ))")
    kill -TERM "$pid"; wait "$pid" || true
    times+=("$ms")
  done
  printf '%-8s first tick after launch, ms wall (CPU ms used by then), 5 launches: %s   [load %s]\n' "$label" \
    "$(for k in 0 1 2 3 4; do echo "${times[$k]} (${cpus[$k]})"; done | sort -n | paste -sd ' ')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
if [ -z "${SKIP_STARTUP:-}" ]; then
  startup defaults
  startup compose @deploy/jvm.options -XX:SharedArchiveFile="$WORK/updown.jsa"
  startup no-cds @deploy/jvm.options
fi

[ "$MINUTES" = 0 ] && exit 0
if [ "$EXCHANGE" = separate ]; then
  # one exchange for both bots, started first; its *_URL lines become the bots' settings
  DASHBOARD_PORT=0 java -jar "$JAR" simulate --exchange-only --windows 100000 --seed "$SEED" \
      >"$WORK/exchange.out" 2>"$WORK/exchange.err" &
  EXCHANGE_PID=$!
  until grep -qs '^RTDS_WS_URL=' "$WORK/exchange.out"; do
    kill -0 "$EXCHANGE_PID" 2>/dev/null || { echo "the exchange exited: $(cat "$WORK/exchange.err")" >&2; exit 1; }
    sleep 0.1
  done
  mapfile -t EXCHANGE_ENV < <(grep -E '^[A-Z_]+=' "$WORK/exchange.out")
  echo "the bot alone (run) against one simulate --exchange-only process (pid $EXCHANGE_PID, ${MARKETS:-btc-5m})"
fi
echo "$( [ "$EXCHANGE" = separate ] && echo run || echo simulate ) for $MINUTES min at ${SPEED}x (seed $SEED), both runs at once on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); flags: $(grep -v '^#' deploy/jvm.options | xargs)"
# shellcheck disable=SC2086 # DEFAULTS_FLAGS is a list of flags
measure defaults ${DEFAULTS_FLAGS:-} &
m1=$!
measure compose @deploy/jvm.options -XX:SharedArchiveFile="$WORK/updown.jsa" &
m2=$!
wait "$m1" "$m2"   # not a bare wait: the exchange (EXCHANGE=separate) runs on until the end
cat "$WORK/defaults.result" "$WORK/compose.result"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$EXCHANGE" = separate ]; then
  awk -v r="$(kb "$EXCHANGE_PID" VmRSS)" -v w="$(kb "$EXCHANGE_PID" VmHWM)" \
      'BEGIN { printf "exchange (not the bot): RSS %.1f MB (peak %.1f)\n", r/1024, w/1024 }'
fi
