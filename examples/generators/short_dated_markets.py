#!/usr/bin/env python3
"""Writes a short-dated high vol-of-vol market to examples/markets (standard library only; deterministic).

  python3 examples/generators/short_dated_markets.py

USDMXN around an election inside the 2W pillar: 1W-3M pillars only, ATM above 20% with a hump at 2W (the event
variance), USD-call risk reversals (positive skew, the opposite sign of gbpusd-2026-06-19-event), wide wings, an
EM rate differential and premium-adjusted forward deltas. Its Heston fit has vol-of-vol above 1: the class of
market on which the particle calibration's short-end time grid is checked (docs/calibration-quality.md, section 7).
"""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "markets")

# tenor, expiry (ACT/365), ATM, RR25, BF25, RR10, BF10
PILLARS = [("1W", 7 / 365, 0.240, 0.030, 0.0080, 0.058, 0.027),
           ("2W", 14 / 365, 0.275, 0.034, 0.0090, 0.066, 0.031),
           ("1M", 30 / 365, 0.250, 0.031, 0.0082, 0.060, 0.028),
           ("2M", 61 / 365, 0.225, 0.028, 0.0072, 0.054, 0.024),
           ("3M", 91 / 365, 0.212, 0.026, 0.0066, 0.050, 0.022)]


def main():
    pillars = [{"tenor": t, "expiry": round(e, 10), "atm": a, "rr25": r25, "bf25": b25, "rr10": r10, "bf10": b10}
               for t, e, a, r25, b25, r10, b10 in PILLARS]
    market = {"pair": "USDMXN", "valuationDate": "2027-05-21", "spot": 18.2,
              "domesticRate": {"flat": 0.095}, "foreignRate": {"flat": 0.043},
              "volatility": {"quotes": {"deltaType": "FORWARD", "premiumAdjusted": True,
                                        "atmType": "DELTA_NEUTRAL", "butterflyType": "SMILE",
                                        "pillars": pillars}}}
    with open(os.path.join(OUT, "usdmxn-2027-05-21-event.json"), "w") as f:
        json.dump(market, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
