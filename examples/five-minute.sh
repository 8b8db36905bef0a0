#!/usr/bin/env bash
# The README's five-minute path, runnable: calibrate → open the report → price a one-touch ladder with the
# calibration. Needs curl and jq. Run from anywhere, with the service already started (./mvnw spring-boot:run):
#   examples/five-minute.sh                      # the service on http://localhost:8080
#   B=http://localhost:8097 examples/five-minute.sh
#   KEY=... examples/five-minute.sh               # send X-API-Key when the service requires a key
# ./mvnw verify runs it against the service (FiveMinutePathTest).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "five-minute.sh needs jq (Debian/Ubuntu: apt-get install jq)" >&2; exit 2; }

B=${B:-http://localhost:8080}                  # where the service listens
M=${M:-examples/markets/eurusd-2018-03-15.json} # an FX market: spot, two curves, vol quotes by tenor
OUT=${OUT:-target/five-minute}                  # where the report and the ladder are written
mkdir -p "$OUT"
H=(-H 'Content-Type: application/json')
[ -z "${KEY:-}" ] || H+=(-H "X-API-Key: $KEY")   # the API key, if the service requires one

# 1. Calibrate SLV to 1Y (2,048 particles, mixing 0.66, round trip on); wait=true answers with the finished job.
JOB=$(jq '{market: ., mixing: 0.66, particles: 2048, maturity: "1Y", roundTrip: {enabled: true}}' "$M" \
  | curl -fsS "${H[@]}" -X POST "$B/api/v1/calibrations?wait=true" -d @-)
ID=$(jq -r .id <<<"$JOB")
echo "calibration $ID: $(jq -r .status <<<"$JOB"), round trip RMS $(jq -r .summary.roundTripRmsBps <<<"$JOB") bp, verdict $(jq -r .summary.verdict <<<"$JOB")"

# 2. The calibration report: one self-contained HTML page (open it in a browser).
curl -fsS "${H[@]}" -o "$OUT/report.html" "$B/api/v1/calibrations/$ID/report"
echo "report: $B/api/v1/calibrations/$ID/report (saved to $OUT/report.html)"

# 3. Price a 6M one-touch ladder (10 up, 10 down barriers, 1% apart) under BS, LV, Heston and the calibrated SLV.
jq -n --arg id "$ID" --argjson spot "$(jq .spot "$M")" '{calibrationId: $id, models: ["BS","LV","HESTON","SLV"],
   products: ([range(1;11)] | map({id: ("up-" + tostring), type: "ONE_TOUCH", direction: "UP",
                                   barrier: ($spot * (1 + 0.01 * .)), maturity: "6M"})
            + map({id: ("down-" + tostring), type: "ONE_TOUCH", direction: "DOWN",
                   barrier: ($spot * (1 - 0.01 * .)), maturity: "6M"})),
   monteCarlo: {paths: 32000, seed: 42}}' \
  | curl -fsS "${H[@]}" -X POST "$B/api/v1/pricing" -d @- > "$OUT/ladder.json"
# one row per barrier: the price under each model (± the Monte Carlo standard error)
jq -r '.results | group_by(.productId) | sort_by(.[0].productId | split("-") | [.[0], (.[1] | tonumber)])[]
       | [.[0].productId] + map("\(.model) \(.price * 1e4 | round / 1e4) ± \(.stdError * 1e4 | round / 1e4)") | @tsv' \
  "$OUT/ladder.json"
echo "ladder: $OUT/ladder.json"
