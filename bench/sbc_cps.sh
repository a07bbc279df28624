#!/usr/bin/env bash
# bench/sbc_cps.sh — calls per second of OpenSBC (B2BUA) and of Kamailio (stateful proxy) on this
# machine, in the same run, with the harness in ../shared/bench (sipp uac -> target:5060 -> sipp uas:5080).
#
# Prints both SIPMAX lines, the ratio opensbc/kamailio, and a fixed-rate trial of the SBC at half its
# maximum (p50/p99 INVITE->200 time). Everything on 127.0.0.1, every load bounded by the harness.
#
# Env: LO (1000) HI (9000) TRIAL_SECONDS (10) per trial; SKIP_KAMAILIO=1; SBC_ARGS (extra sbc.jar run args,
#      e.g. --standalone); JAVA_OPTS; SHARED (default: ../shared beside the repo).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
BENCH=$SHARED/bench
LO=${LO:-1000}; HI=${HI:-9000}; SECONDS_PER_TRIAL=${TRIAL_SECONDS:-10}  # not SECONDS: bash sets that itself
JAR=$ROOT/sbc-cluster/target/sbc.jar
OUT=${OUT:-/tmp/opensbc-bench.$$}
mkdir -p "$OUT"

[ -f "$JAR" ] || { echo "missing $JAR: build it with 'mvn -B -q package -DskipTests'" >&2; exit 2; }
[ -x "$BENCH/sip_find_max.sh" ] || { echo "missing $BENCH (set SHARED=...)" >&2; exit 2; }
command -v sipp >/dev/null || { echo "sipp missing: run $BENCH/install.sh first" >&2; exit 2; }

SBC_PID=""
stop_sbc() {
  if [ -n "$SBC_PID" ] && kill -0 "$SBC_PID" 2>/dev/null; then
    kill -TERM "$SBC_PID"; for _ in $(seq 1 50); do kill -0 "$SBC_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SBC_PID" 2>/dev/null || true
    wait "$SBC_PID" 2>/dev/null || true
  fi
  SBC_PID=""
  for _ in $(seq 1 50); do ss -Hlun "sport = :5060" | grep -q . || break; sleep 0.2; done
}
trap stop_sbc EXIT

# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$JAR" run --config "$ROOT/deploy/examples/quickstart.yaml" ${SBC_ARGS:-} > "$OUT/sbc.log" 2>&1 &
SBC_PID=$!
for _ in $(seq 1 150); do grep -q "OpenSBC ready" "$OUT/sbc.log" && break; sleep 0.2; done
grep -q "OpenSBC ready" "$OUT/sbc.log" || { echo "SBC did not start:"; tail -20 "$OUT/sbc.log"; exit 3; }
echo "opensbc pid $SBC_PID ($(grep 'OpenSBC ready' "$OUT/sbc.log"))"

TARGET_PIDS=$SBC_PID LABEL=opensbc OUT=$OUT/sbc-max "$BENCH/sip_find_max.sh" 5060 "$LO" "$HI" "$SECONDS_PER_TRIAL" | tee "$OUT/sbc-max.txt"
SBC_MAX=$(grep -o 'max_cps=[0-9.]*' "$OUT/sbc-max.txt" | tail -1 | cut -d= -f2)
HALF=$(python3 -c "print(max(100, int(float('${SBC_MAX:-0}') / 2)))")
TARGET_PIDS=$SBC_PID LABEL=opensbc-half OUT=$OUT/sbc-half "$BENCH/sip_cps.sh" 5060 "$HALF" $((HALF * SECONDS_PER_TRIAL)) | tee "$OUT/sbc-half.txt"
stop_sbc

KAM_MAX=""
if [ "${SKIP_KAMAILIO:-0}" != 1 ]; then
  command -v kamailio >/dev/null || { echo "kamailio missing: run $BENCH/install.sh first" >&2; exit 2; }
  K=$("$BENCH/kamailio/kamailio.sh" start 1)
  TARGET_PIDS=$K LABEL=kamailio-c1 OUT=$OUT/kam-max "$BENCH/sip_find_max.sh" 5060 "$LO" "$HI" "$SECONDS_PER_TRIAL" | tee "$OUT/kam-max.txt" || true
  "$BENCH/kamailio/kamailio.sh" stop
  KAM_MAX=$(grep -o 'max_cps=[0-9.]*' "$OUT/kam-max.txt" | tail -1 | cut -d= -f2)
fi

echo "=== summary (logs in $OUT)"
grep -h '^SIPMAX' "$OUT"/sbc-max.txt "$OUT"/kam-max.txt 2>/dev/null || true
grep -h '^SIPBENCH' "$OUT/sbc-half.txt" | sed 's/^/half load: /'
if [ -n "$KAM_MAX" ] && [ -n "$SBC_MAX" ]; then
  python3 -c "print('ratio opensbc/kamailio = %.2f (%s / %s cps)' % (float('$SBC_MAX') / float('$KAM_MAX'), '$SBC_MAX', '$KAM_MAX'))"
fi
