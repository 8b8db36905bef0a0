#!/usr/bin/env python3
"""Writes the surface stress markets to examples/markets (standard library only; deterministic).

  python3 examples/generators/stress_markets.py

Quote markets: an EM pair (rate differential >= 10%, RR25 >= +5 vols to 10Y, premium-adjusted forward deltas),
a crisis pair (RR25 <= -10 vols at every tenor to 3Y, market strangle, premium-adjusted spot deltas with forward-delta overrides beyond 1Y),
a 25-delta-only pair (ATMF, spot deltas). Grid markets: Heston plus a smooth skew/wing perturbation (11 x 41, 1M-5Y)
and SABR beta = 1 with vol-of-vol 1.2 (Hagan's lognormal expansion, 9 x 31, 1M-2Y). Neither grid is an SVI slice.
"""
import cmath
import json
import math
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "markets")
TENORS = [("ON", 1 / 365), ("1W", 7 / 365), ("2W", 14 / 365), ("1M", 30 / 365), ("2M", 61 / 365), ("3M", 91 / 365),
          ("6M", 182 / 365), ("9M", 273 / 365), ("1Y", 1.0), ("18M", 1.5), ("2Y", 2.0), ("3Y", 3.0), ("5Y", 5.0),
          ("7Y", 7.0), ("10Y", 10.0)]


def interp(ts, xs, t):
    """Linear in log-tenor between anchors, flat outside."""
    if t <= ts[0]:
        return xs[0]
    if t >= ts[-1]:
        return xs[-1]
    for i in range(len(ts) - 1):
        if ts[i] <= t <= ts[i + 1]:
            u = (math.log(t) - math.log(ts[i])) / (math.log(ts[i + 1]) - math.log(ts[i]))
            return xs[i] + u * (xs[i + 1] - xs[i])


def write(name, market):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(market, f, indent=1)
        f.write("\n")


def quotes_market(pair, date, spot, dom, fgn, conventions, tenors, shape, overrides=None, ten_delta=True):
    pillars = []
    for tenor, t in tenors:
        atm, rr25, bf25, rr10, bf10 = shape(t)
        p = {"tenor": tenor, "expiry": round(t, 10), "atm": round(atm, 5), "rr25": round(rr25, 5),
             "bf25": round(bf25, 5)}
        if ten_delta:
            p["rr10"] = round(rr10, 5)
            p["bf10"] = round(bf10, 5)
        if overrides:
            p.update(overrides(t))
        pillars.append(p)
    q = dict(conventions)
    q["pillars"] = pillars
    return {"pair": pair, "valuationDate": date, "spot": spot, "domesticRate": dom, "foreignRate": fgn,
            "volatility": {"quotes": q}}


def curve(ts, rs):
    return {"times": ts, "zeroRates": rs}


# ------------------------------------------------------------------------------------------------- Black, Heston

def ncdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2))


def black_call(f, k, s):
    if s <= 0:
        return max(f - k, 0.0)
    d1 = math.log(f / k) / s + 0.5 * s
    return f * ncdf(d1) - k * ncdf(d1 - s)


def implied_vol(f, k, t, price):
    lo, hi = 1e-6, 5.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if black_call(f, k, mid * math.sqrt(t)) > price:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def heston_call(f, k, t, v0, kappa, theta, xi, rho):
    """Undiscounted call by Lewis (2001): C = F - sqrt(FK)/pi * int_0^inf Re[e^{iu x} phi(u - i/2)] / (u^2 + 1/4) du."""
    x = math.log(f / k)

    def phi(u):  # characteristic function of ln(S_T/F), little Heston trap form
        d = cmath.sqrt((rho * xi * 1j * u - kappa) ** 2 + xi * xi * (1j * u + u * u))
        g = (kappa - rho * xi * 1j * u - d) / (kappa - rho * xi * 1j * u + d)
        e = cmath.exp(-d * t)
        c = kappa * theta / xi ** 2 * ((kappa - rho * xi * 1j * u - d) * t - 2 * cmath.log((1 - g * e) / (1 - g)))
        dd = (kappa - rho * xi * 1j * u - d) / xi ** 2 * (1 - e) / (1 - g * e)
        return cmath.exp(c + dd * v0)

    n, umax = 4000, 400.0
    h = umax / n
    s = 0.0
    for j in range(n + 1):
        u = j * h
        w = 0.5 if j in (0, n) else 1.0
        val = (cmath.exp(1j * u * x) * phi(u - 0.5j)).real / (u * u + 0.25)
        s += w * val
    return f - math.sqrt(f * k) / math.pi * s * h


def sabr_lognormal_vol(f, k, t, alpha, rho, nu):
    """Hagan et al. (2002) with beta = 1."""
    z = nu / alpha * math.log(f / k)
    if abs(z) < 1e-9:
        zx = 1.0
    else:
        zx = z / math.log((math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho))
    return alpha * zx * (1 + (rho * nu * alpha / 4 + (2 - 3 * rho * rho) * nu * nu / 24) * t)


def grid_market(pair, date, spot, rd, rf, expiries, n_strikes, width_sd, vol_fn):
    strikes, vols = [], []
    for t in expiries:
        f = spot * math.exp((rd - rf) * t)
        atm = vol_fn(f, f, t)
        sd = atm * math.sqrt(t)
        ks = [f * math.exp(sd * width_sd * (2 * i / (n_strikes - 1) - 1)) for i in range(n_strikes)]
        strikes.append([round(k, 6) for k in ks])
        vols.append([round(vol_fn(f, k, t), 8) for k in ks])
    return {"pair": pair, "valuationDate": date, "spot": spot, "domesticRate": {"flat": rd},
            "foreignRate": {"flat": rf},
            "volatility": {"grid": {"expiries": [round(t, 10) for t in expiries], "strikes": strikes, "vols": vols}}}


def main():
    # EM: USDTRY-like, TRY rates 38% -> 22%, USD 5.3% -> 4%; RR25 +5 to +7 vols; premium-adjusted forward deltas
    ts = [0.1, 1, 3, 10]
    em = quotes_market(
        "USDTRY", "2024-06-14", 32.5,
        curve([0.0833, 0.25, 0.5, 1, 2, 3, 5, 7, 10], [0.38, 0.37, 0.35, 0.32, 0.29, 0.27, 0.25, 0.235, 0.22]),
        curve([0.0833, 0.25, 0.5, 1, 2, 3, 5, 7, 10], [0.053, 0.052, 0.05, 0.047, 0.043, 0.041, 0.04, 0.04, 0.041]),
        {"deltaType": "FORWARD", "premiumAdjusted": True, "atmType": "DELTA_NEUTRAL", "butterflyType": "SMILE"},
        TENORS,
        lambda t: (interp(ts, [0.14, 0.17, 0.20, 0.22], t), interp(ts, [0.050, 0.058, 0.065, 0.070], t),
                   interp(ts, [0.008, 0.011, 0.013, 0.015], t), interp(ts, [0.095, 0.110, 0.124, 0.133], t),
                   interp(ts, [0.026, 0.036, 0.043, 0.050], t)))
    write("usdtry-2024-06-14-em", em)

    # crisis: USDJPY October 2008-like, RR25 -16 to -10 vols, market strangle; PA spot delta to 1Y, PA forward beyond
    tc = [0.02, 0.25, 1, 3]
    crisis = quotes_market(
        "USDJPY", "2008-10-24", 94.0,
        curve([0.25, 1, 5], [0.006, 0.007, 0.010]), curve([0.25, 1, 5], [0.030, 0.025, 0.030]),
        {"deltaType": "SPOT", "premiumAdjusted": True, "atmType": "DELTA_NEUTRAL", "butterflyType": "MARKET"},
        [tn for tn in TENORS if 7 / 365 <= tn[1] <= 3.0],
        lambda t: (interp(tc, [0.38, 0.30, 0.23, 0.19], t), interp(tc, [-0.150, -0.135, -0.115, -0.100], t),
                   interp(tc, [0.009, 0.008, 0.007, 0.006], t), interp(tc, [-0.262, -0.236, -0.200, -0.174], t),
                   interp(tc, [0.045, 0.042, 0.038, 0.034], t)),
        overrides=lambda t: {"deltaType": "FORWARD"} if t > 1.0 else {})
    write("usdjpy-2008-10-24-crisis", crisis)

    # the same crisis with wider market strangles (25-delta 1.5-2.25 vols, 10-delta 1.5x): the set above asks for
    # 25-delta strangles of 0.6-0.9 vols under risk reversals of -10 to -15, which only a smile with a concave wing
    # reaches (docs/surface.md); this one is the same skew with strangles no smooth smile has to bend for
    crisis_wide = quotes_market(
        "USDJPY", "2008-10-24", 94.0,
        curve([0.25, 1, 5], [0.006, 0.007, 0.010]), curve([0.25, 1, 5], [0.030, 0.025, 0.030]),
        {"deltaType": "SPOT", "premiumAdjusted": True, "atmType": "DELTA_NEUTRAL", "butterflyType": "MARKET"},
        [tn for tn in TENORS if 7 / 365 <= tn[1] <= 3.0],
        lambda t: (interp(tc, [0.38, 0.30, 0.23, 0.19], t), interp(tc, [-0.150, -0.135, -0.115, -0.100], t),
                   interp(tc, [0.0225, 0.020, 0.0175, 0.015], t), interp(tc, [-0.262, -0.236, -0.200, -0.174], t),
                   interp(tc, [0.0675, 0.063, 0.057, 0.051], t)),
        overrides=lambda t: {"deltaType": "FORWARD"} if t > 1.0 else {})
    write("usdjpy-2008-10-24-crisis-wide", crisis_wide)

    # 25-delta only: EURGBP-like, ATM forward, spot deltas, smile strangle
    t25 = [0.02, 0.5, 3]
    only25 = quotes_market(
        "EURGBP", "2024-06-14", 0.8450, {"flat": 0.052}, {"flat": 0.0375},
        {"deltaType": "SPOT", "premiumAdjusted": False, "atmType": "FORWARD", "butterflyType": "SMILE"},
        [tn for tn in TENORS if 7 / 365 <= tn[1] <= 3.0],
        lambda t: (interp(t25, [0.052, 0.060, 0.068], t), interp(t25, [-0.006, -0.011, -0.016], t),
                   interp(t25, [0.0015, 0.0022, 0.0030], t), 0.0, 0.0),
        ten_delta=False)
    write("eurgbp-2024-06-14-25d", only25)

    # grid 1: Heston plus a smooth skew/wing perturbation in standardised moneyness z
    exp11 = [1 / 12, 2 / 12, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0]
    hp = dict(v0=0.0121, kappa=1.2, theta=0.0169, xi=0.45, rho=-0.35)

    def heston_perturbed(f, k, t):
        v = implied_vol(f, k, t, heston_call(f, k, t, **hp))
        atm_sd = math.sqrt(hp["theta"] * t)
        z = math.log(k / f) / atm_sd
        return v + 0.0030 * math.sin(1.1 * z) * math.exp(-z * z / 10) + 0.0020 * z * z / (4 + z * z)

    write("audusd-grid-heston-perturbed",
          grid_market("AUDUSD", "2024-06-14", 0.6620, 0.0535, 0.0435, exp11, 41, 3.5, heston_perturbed))

    # grid 2: SABR beta = 1, vol-of-vol 1.2
    exp9 = [1 / 12, 2 / 12, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0]
    write("usdmxn-grid-sabr-beta1",
          grid_market("USDMXN", "2024-06-14", 17.10, 0.105, 0.053, exp9, 31, 3.5,
                      lambda f, k, t: sabr_lognormal_vol(f, k, t, 0.12, 0.30, 1.2)))


if __name__ == "__main__":
    main()
