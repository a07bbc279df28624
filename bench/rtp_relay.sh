#!/usr/bin/env bash
# bench/rtp_relay.sh — RTP packets per second relayed by OpenSBC's relay (sbc-media) and by rtpengine
# (userspace), on this machine, in the same run, with the harness in ../shared/bench (rtp_relay.py).
#
# OpenSBC: a standalone relay process (io.opensbc.media.relay.RelayBenchMain) with one static session
# per stream (leg A <- generator port, leg B -> counter port), measured with `rtp_relay.py static`.
# rtpengine: started by ../shared/bench/rtpengine/rtpengine.sh, sessions made over ng, `rtp_relay.py ng`.
# Each prints an RTPMAX line (highest rate with < 0.1 % loss); the summary gives both and the ratio.
#
# MODES (default "rtp srtp"): rtp = RTP in, RTP out; srtp = RTP in, SRTP out (SDES AES_CM_128_HMAC_SHA1_80
# on the far leg: ours with RelayBenchMain --srtp, rtpengine with rtp_relay.py ng --srtp).
# RATES="20000 60000 ...": fixed-rate trials instead of the search (on a box too busy for a search: compare
# loss and CPU per relayed packet at the same rates). BENCH_ARGS: more rtp_relay.py options (e.g.
# "--quiet-wait 10 --retry-noisy 0").
# Env: LO (20000) HI (400000) pps search bounds; DURATION (5) s per trial; STREAMS (50);
#      SHARDS (2) relay verticles = event loops; RTPE_THREADS (2); SKIP_RTPENGINE=1; SKIP_OPENSBC=1;
#      JAVA_OPTS; MAX_TOTAL (540) s bound per search; NG_PORT (22230); SHARED (../shared); OUT.
# Run it at raised priority on a shared box (children inherit): nice -n -19 bench/rtp_relay.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
BENCH=$SHARED/bench
LO=${LO:-20000}; HI=${HI:-400000}; DURATION=${DURATION:-5}; STREAMS=${STREAMS:-50}
SHARDS=${SHARDS:-2}; RTPE_THREADS=${RTPE_THREADS:-2}; MAX_TOTAL=${MAX_TOTAL:-540}
NG_PORT=${NG_PORT:-22230}
MODES=${MODES:-rtp srtp}
RATES=${RATES:-}
BENCH_ARGS=${BENCH_ARGS:-}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m -Dio.netty.leakDetection.level=disabled}
OUT=${OUT:-/tmp/opensbc-rtp.$$}
mkdir -p "$OUT"

[ -x "$BENCH/rtp_relay.py" ] || { echo "missing $BENCH (set SHARED=...)" >&2; exit 2; }
command -v gcc >/dev/null || { echo "gcc missing (the generator is C): run $BENCH/install.sh" >&2; exit 2; }

RELAY_PID=""
RTPE_STARTED=0
cleanup() {
  if [ -n "$RELAY_PID" ] && kill -0 "$RELAY_PID" 2>/dev/null; then
    kill -TERM "$RELAY_PID"
    for _ in $(seq 1 50); do kill -0 "$RELAY_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$RELAY_PID" 2>/dev/null || true
    wait "$RELAY_PID" 2>/dev/null || true
  fi
  RELAY_PID=""
  if [ "$RTPE_STARTED" = 1 ]; then
    RUNDIR=$OUT/rtpengine NG_PORT=$NG_PORT "$BENCH/rtpengine/rtpengine.sh" stop || true
    RTPE_STARTED=0
  fi
}
trap cleanup EXIT

search() { # MODE LABEL PIDS [extra rtp_relay.py args...]: the max-rate search, or fixed-rate trials (RATES)
  local mode=$1 label=$2 pids=$3; shift 3
  if [ -n "$RATES" ]; then
    for rate in $RATES; do
      # shellcheck disable=SC2086
      python3 "$BENCH/rtp_relay.py" "$mode" --streams "$STREAMS" --duration "$DURATION" --pps "$rate" \
        --max-total "$MAX_TOTAL" --target-pids "$pids" --label "$label" $BENCH_ARGS "$@"
    done | tee "$OUT/$label.txt"
    return
  fi
  # shellcheck disable=SC2086
  python3 "$BENCH/rtp_relay.py" "$mode" --streams "$STREAMS" --duration "$DURATION" --search "$LO" "$HI" \
    --max-total "$MAX_TOTAL" --target-pids "$pids" --label "$label" $BENCH_ARGS "$@" | tee "$OUT/$label.txt"
}

CP=""
classpath() { # compile sbc-media offline and work out its runtime classpath once
  [ -n "$CP" ] && return 0
  # The dependency plugin may not resolve offline; the compiler's classpath from a debug build is the
  # same list (everything in sbc-media is compile scope).
  (cd "$ROOT" && mvn -B -o -q -pl sbc-media compile)
  CP_FILE=$OUT/classpath.txt
  if ! (cd "$ROOT" && mvn -B -o -q -pl sbc-media dependency:build-classpath -Dmdep.outputFile="$CP_FILE") \
      >/dev/null 2>&1 || [ ! -s "$CP_FILE" ]; then
    (cd "$ROOT" && mvn -B -o -X -pl sbc-media compile 2>/dev/null) \
      | sed -n 's/.*(f) compilePath = \[\(.*\)\]$/\1/p' | head -1 | sed 's/, /:/g' > "$CP_FILE"
  fi
  [ -s "$CP_FILE" ] || { echo "could not work out the sbc-media classpath" >&2; exit 3; }
  CP="$ROOT/sbc-media/target/classes:$(cat "$CP_FILE")"
}

opensbc() { # MODE: rtp | srtp
  local mode=$1 flag=""
  [ "$mode" = srtp ] && flag=--srtp
  classpath
  # generator port i sends from 46000+2i, its counter listens on 50000+2i (rtp_relay.py's layout)
  : > "$OUT/streams.txt"
  for i in $(seq 0 $((STREAMS - 1))); do echo "$((46000 + 2 * i)) $((50000 + 2 * i))" >> "$OUT/streams.txt"; done
  rm -f "$OUT/map.txt"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.opensbc.media.relay.RelayBenchMain --map-in "$OUT/streams.txt" \
    --map-out "$OUT/map.txt" --shards "$SHARDS" --ports 20000-29999 --max-seconds $((MAX_TOTAL + 120)) $flag \
    > "$OUT/relay-$mode.log" 2>&1 &
  RELAY_PID=$!
  for _ in $(seq 1 150); do grep -q "relay ready" "$OUT/relay-$mode.log" && break; sleep 0.2; done
  grep -q "relay ready" "$OUT/relay-$mode.log" || { echo "relay did not start:"; tail -20 "$OUT/relay-$mode.log"; exit 3; }
  echo "opensbc relay pid $RELAY_PID ($(grep 'relay ready' "$OUT/relay-$mode.log"))"
  search static "opensbc-$mode-s$SHARDS" "$RELAY_PID" --map "$OUT/map.txt" || true
  cleanup
  grep -h "relay exit" "$OUT/relay-$mode.log" || true
}

rtpengine_run() { # MODE: rtp | srtp
  local mode=$1 flag=""
  [ "$mode" = srtp ] && flag=--srtp
  if ! command -v rtpengine >/dev/null; then
    echo "rtpengine not installed (run $BENCH/install.sh): measuring OpenSBC only" | tee "$OUT/rtpengine-missing.txt"
    return 0
  fi
  P=$(RUNDIR=$OUT/rtpengine NG_PORT=$NG_PORT "$BENCH/rtpengine/rtpengine.sh" start "$RTPE_THREADS")
  RTPE_STARTED=1
  echo "rtpengine pid $P (threads $RTPE_THREADS, ng 127.0.0.1:$NG_PORT)"
  # shellcheck disable=SC2086
  search ng "rtpengine-$mode-t$RTPE_THREADS" "$P" --ng "127.0.0.1:$NG_PORT" $flag || true
  cleanup
}

# Each direction: ours, then rtpengine, back to back so the two see the same machine state.
for mode in $MODES; do
  [ "${SKIP_OPENSBC:-0}" != 1 ] && opensbc "$mode"
  [ "${SKIP_RTPENGINE:-0}" != 1 ] && rtpengine_run "$mode"
done

echo "=== summary (logs in $OUT)"
grep -h '^RTPMAX' "$OUT"/*.txt 2>/dev/null || true
for mode in $MODES; do
  OURS=$(grep -ho 'max_pps=[0-9]*' "$OUT"/opensbc-"$mode"-*.txt 2>/dev/null | tail -1 | cut -d= -f2 || true)
  THEIRS=$(grep -ho 'max_pps=[0-9]*' "$OUT"/rtpengine-"$mode"-*.txt 2>/dev/null | tail -1 | cut -d= -f2 || true)
  if [ -n "$OURS" ] && [ -n "$THEIRS" ]; then
    python3 -c "print('%s: ratio opensbc/rtpengine = %.2f (%s / %s pps)' % ('$mode', $OURS / $THEIRS, '$OURS', '$THEIRS'))"
  fi
done
