#!/usr/bin/python3
"""Issue #9: QuantLib 1.29 cross-check of our Andreasen-Huge surface on the grid markets.

Standard library + QuantLib only; run with Debian's /usr/bin/python3 (the pyenv python on PATH has no QuantLib).

  run    OURS_DIR OUT_DIR [--markets a,b]
         for every <market>-ours.json in OURS_DIR (written by com.fxdesk.slv.bench.AhGridCrossCheck export):
         builds QuantLib's AndreasenHugeVolatilityInterpl on the same grid calls in the set-ups of VARIANTS
         (CallPut 500 = QuantLib's defaults with CallPut; Call 500; CallPut 2000; Call 2000 on a K/64..64K lattice;
         CallPut 500 with 3 extra whole-day expiries per interval from our surface), each with its own
         Levenberg-Marquardt calibration; evaluates AndreasenHugeLocalVolAdapter / AndreasenHugeVolatilityAdapter at
         our (t, S) points and grid points; prices the same one-touches by FdBlackScholesBarrierEngine(localVol=True)
         on the AH adapters (PDE_SETUPS: Douglas base, Douglas 4x time steps, implicit Euler reference); writes
         OUT_DIR/<market>-ql.json and OURS_DIR/<market>-ql-lv.json (AH local vol on a (t, ln S/F) slab for our MC:
         AhGridCrossCheck ql-lv).
  pde-probe OURS_DIR MARKET EXPIRY Z
         one one-touch (expiry in years to 0.01, z = +-1, +-2) by QuantLib's PDE on AH's local vol under Douglas,
         Crank-Nicolson and implicit Euler on several grids (the stability table of docs/quantlib-crosscheck.md).
  ah-probe OURS_DIR MARKET
         the largest AH local vol and the grid misses of AH CallPut / Call on 2,000 points with a K/64..64K lattice.
  slab   OURS_DIR
         only rewrites the AH local-vol slabs (what run writes for AhGridCrossCheck ql-lv).
  report OURS_DIR OUT_DIR
         merges ours, QuantLib and (if present) ours-on-QuantLib's-local-vol into OUT_DIR/<market>-comparison.json
         and prints the Markdown tables of docs/quantlib-crosscheck.md.

Conventions: flat continuously compounded rates, FlatForward on the market's day count (A365 or A360, chosen by the
export so that every grid expiry is a whole number of days: QuantLib's year fractions equal our times exactly). A
one-touch pays 1 domestic at expiry if the spot touches the barrier (continuous monitoring); priced as
DF_d(T) - NoTouch, NoTouch = knock-out BarrierOption with a CashOrNothingPayoff, zero rebate.
"""
import json
import math
import os
import sys
import time
from datetime import datetime, timezone

TOL = 0.005          # the one-touch tolerance (plus 3 standard errors of our MC)
SLAB_X_SD = 6.0      # AH local-vol slab for our MC: x = ln S/F within +-6 ATM sd of the last one-touch expiry
SLAB_NX = 481
SLAB_DAYS = 1.0      # one slice per day at cell midpoints (8 per day in the first interval, where AH's local vol
SLAB_DAYS_FIRST = 0.125  # moves fastest: one implicit step from the payoff)


def ql_setup(o, grid_points=500, calib="CallPut", interp="CubicSpline", dense=False, wide=None):
    import QuantLib as ql
    y, m, d = (int(v) for v in o["valuation_date"].split("-"))
    today = ql.Date(d, m, y)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual365Fixed() if o["day_count"] == "A365" else ql.Actual360()
    spot = ql.QuoteHandle(ql.SimpleQuote(o["spot"]))
    r = ql.YieldTermStructureHandle(ql.FlatForward(today, o["domestic_rate"], dc))
    q = ql.YieldTermStructureHandle(ql.FlatForward(today, o["foreign_rate"], dc))
    g = o["grid"]
    cs = ql.CalibrationSet()
    for i, days in enumerate(g["expiry_days"]):
        ex = ql.EuropeanExercise(today + int(days))
        for k, v in zip(g["strikes"][i], g["vols"][i]):
            cs.push_back(ql.CalibrationPair(ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Call, k), ex),
                                            ql.SimpleQuote(v)))
    if dense:
        # time-discretisation probe: our implied vols at 3 whole days inside every interval as extra expiries
        for e in o["dense_ours"]:
            ex = ql.EuropeanExercise(today + int(e["expiry_days"]))
            for k, v in zip(e["strikes"], e["ours_implied_vol"]):
                cs.push_back(ql.CalibrationPair(ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Call, k), ex),
                                                ql.SimpleQuote(v)))
    args = [cs, spot, r, q, getattr(ql.AndreasenHugeVolatilityInterpl, interp),
            getattr(ql.AndreasenHugeVolatilityInterpl, calib), grid_points]
    if wide:
        # lattice from K_min/wide to wide*K_max (QuantLib's default is 8)
        args += [min(min(k) for k in g["strikes"]) / wide, wide * max(max(k) for k in g["strikes"])]
    ah = ql.AndreasenHugeVolatilityInterpl(*args)
    t0 = time.process_time()
    err = ah.calibrationError()      # triggers the calibration
    calib_s = time.process_time() - t0
    lv = ql.AndreasenHugeLocalVolAdapter(ah)
    bv = ql.AndreasenHugeVolatilityAdapter(ah)
    lv.enableExtrapolation()
    bv.enableExtrapolation()
    return dict(ql=ql, today=today, dc=dc, spot=spot, r=r, q=q, ah=ah, lv=lv, bv=bv, calib_cpu_s=calib_s,
                calib_error=[err.first(), err.second(), err.third()], grid_points=grid_points, calibration=calib, interpolation=interp)


def ah_surface_values(o, s):
    """AH local vol and implied vol at our (t, S) slice points, AH implied vol at the grid points."""
    slices = []
    for sl in o["slices"]:
        t = sl["t"]
        lvs = [s["lv"].localVol(t, S, True) for S in sl["spots"]]
        ivs = []
        for S in sl["spots"]:
            try:
                ivs.append(s["bv"].blackVol(t, S, True))
            except RuntimeError:
                ivs.append(None)
        slices.append({"t": t, "local_vol": lvs, "implied_vol": ivs})
    grid = []
    g = o["grid"]
    for i, T in enumerate(g["expiries"]):
        row = []
        for k in g["strikes"][i]:
            try:
                row.append(s["bv"].blackVol(T, k, True))
            except RuntimeError:
                row.append(None)
        grid.append(row)
    return slices, grid


PDE_SETUPS = {
    # the harness's scheme and sizes (one time step a day)
    "douglas_base": ("Douglas", 365, 100, 400),
    # time-refinement check of the base (4x the time steps, same x grid)
    "douglas_4t": ("Douglas", 1460, 400, 400),
    # the reference: implicit Euler (stable where Douglas is not, see docs/quantlib-crosscheck.md), 8 steps a day
    "implicit_8t": ("ImplicitEuler", 2920, 800, 400),
}


def one_touch_pde(o, s, setup):
    scheme, t_per_year, t_min, x_grid = PDE_SETUPS[setup]
    ql = s["ql"]
    process = ql.GeneralizedBlackScholesProcess(s["spot"], s["q"], s["r"], ql.BlackVolTermStructureHandle(s["bv"]),
                                                ql.LocalVolTermStructureHandle(s["lv"]))
    out = []
    per = 360.0 if o["day_count"] == "A360" else 365.0
    for ot in o["one_touches"]:
        T = ot["expiry"]
        ex = ql.EuropeanExercise(s["today"] + int(ot["expiry_days"]))
        b = ot["barrier"]
        if ot["direction"] == "up":
            opt = ql.BarrierOption(ql.Barrier.UpOut, b, 0.0, ql.CashOrNothingPayoff(ql.Option.Put, b, 1.0), ex)
        else:
            opt = ql.BarrierOption(ql.Barrier.DownOut, b, 0.0, ql.CashOrNothingPayoff(ql.Option.Call, b, 1.0), ex)
        n_t = max(t_min, int(math.ceil(T * t_per_year)))
        opt.setPricingEngine(ql.FdBlackScholesBarrierEngine(process, n_t, x_grid, 0,
                                                            getattr(ql.FdmSchemeDesc, scheme)(), True, 0.25))
        t0 = time.process_time()
        price = s["r"].discount(T) - opt.NPV()
        out.append({"price": price, "scheme": scheme, "t_steps": n_t, "x_grid": x_grid,
                    "cpu_s": time.process_time() - t0})
        assert abs(ot["expiry_days"] / per - T) < 1e-9
    return out


def flat_analytic(o, s):
    """Closed-form BS one-touch for the flat market (a third reference): QuantLib's AnalyticBinaryBarrierEngine."""
    ql = s["ql"]
    vol = o["grid"]["vols"][0][0]
    process = ql.BlackScholesMertonProcess(s["spot"], s["q"], s["r"], ql.BlackVolTermStructureHandle(
        ql.BlackConstantVol(s["today"], ql.NullCalendar(), vol, s["dc"])))
    out = []
    for ot in o["one_touches"]:
        am = ql.AmericanExercise(s["today"], s["today"] + int(ot["expiry_days"]), True)
        b = ot["barrier"]
        if ot["direction"] == "up":
            opt = ql.BarrierOption(ql.Barrier.UpIn, b, 0.0, ql.CashOrNothingPayoff(ql.Option.Call, b * 1e-8, 1.0), am)
        else:
            opt = ql.BarrierOption(ql.Barrier.DownIn, b, 0.0, ql.CashOrNothingPayoff(ql.Option.Put, b * 1e8, 1.0), am)
        opt.setPricingEngine(ql.AnalyticBinaryBarrierEngine(process))
        out.append(opt.NPV())
    return out


def lv_slab(o, s):
    """AH local vol on (t, x = ln S/F(t)) for our MC: per interval, slices at midpoints of ~3-day cells."""
    exp = o["grid"]["expiries"]
    t_last = max(ot["expiry"] for ot in o["one_touches"])
    sd_last = next(sl["atm_sd"] for sl in reversed(o["slices"]) if sl["t"] <= t_last)
    xmax = SLAB_X_SD * sd_last * math.sqrt(t_last / next(sl["t"] for sl in reversed(o["slices"]) if sl["t"] <= t_last))
    xs = [-xmax + 2 * xmax * j / (SLAB_NX - 1) for j in range(SLAB_NX)]
    times, lo, hi, vals = [], [], [], []
    prev = 0.0
    for T in exp:
        if prev >= t_last - 1e-12:
            break
        n = max(4, int(math.ceil((T - prev) * 365.0 / (SLAB_DAYS_FIRST if prev == 0.0 else SLAB_DAYS))))
        for j in range(n):
            t = prev + (j + 0.5) * (T - prev) / n
            fwd = o["spot"] * s["q"].discount(t) / s["r"].discount(t)
            times.append(t)
            lo.append(prev)
            hi.append(T)
            vals.append([round(s["lv"].localVol(t, fwd * math.exp(x), True), 8) for x in xs])
        prev = T
    return {"times": times, "interval_start": lo, "interval_end": hi, "x": xs, "values": vals}


# QuantLib AH set-ups: (label, ql_setup options, one-touch PDE set-ups priced on its local vol)
VARIANTS = (
    ("callput_500", {}, ("douglas_base", "douglas_4t", "implicit_8t")),       # QuantLib's defaults, CallPut
    ("call_500", {"calib": "Call"}, ()),
    ("callput_2000", {"grid_points": 2000}, ("implicit_8t",)),               # 4x finer lattice
    ("call_2000_wide", {"calib": "Call", "grid_points": 2000, "wide": 64}, ("implicit_8t",)),
    ("callput_500_dense4", {"dense": True}, ("implicit_8t",)),               # 4 implicit steps per interval
)


def run(ours_dir, out_dir, markets=None):
    import QuantLib as ql
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(f[:-len("-ours.json")] for f in os.listdir(ours_dir) if f.endswith("-ours.json"))
    for name in names:
        if markets and name not in markets:
            continue
        o = json.load(open(os.path.join(ours_dir, name + "-ours.json")))
        src = json.load(open(o["source"]))
        o["valuation_date"] = src["valuationDate"]
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        res = {"market": name, "quantlib": ql.__version__, "python": sys.version.split()[0], "started_utc": started,
               "loadavg_start": open("/proc/loadavg").read().strip(), "variants": {}}
        for label, kw, pdes in VARIANTS:
            t0 = time.process_time()
            w0 = time.perf_counter()
            s = ql_setup(o, **kw)
            slices, grid = ah_surface_values(o, s)
            v = {"grid_points": s["grid_points"], "calibration": s["calibration"], "interpolation": s["interpolation"],
                 "options": {k: kw[k] for k in kw}, "calibration_error_min_max_avg": s["calib_error"],
                 "calibration_cpu_s": s["calib_cpu_s"], "slices": slices, "grid_implied_vol": grid}
            for setup in pdes:
                v["one_touch_" + setup] = one_touch_pde(o, s, setup)
            if label == "callput_500":
                if name.startswith("flat"):
                    v["one_touch_analytic_bs"] = flat_analytic(o, s)
                slab = lv_slab(o, s)
                with open(os.path.join(ours_dir, name + "-ql-lv.json"), "w") as f:
                    json.dump({"market": name, "variant": label, "lv_slab": slab}, f)
            v["cpu_s"] = time.process_time() - t0
            v["wall_s"] = time.perf_counter() - w0
            res["variants"][label] = v
            print("[%s] %s %s: calibration error (min/max/avg) %s, %.1f s CPU" % (
                datetime.now(timezone.utc).strftime("%H:%M:%S"), name, label,
                ["%.2e" % e for e in s["calib_error"]], v["cpu_s"]), file=sys.stderr, flush=True)
        res["finished_utc"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        res["loadavg_end"] = open("/proc/loadavg").read().strip()
        with open(os.path.join(out_dir, name + "-ql.json"), "w") as f:
            json.dump(res, f, indent=1)


# ------------------------------------------------------------------------------------------------------- report

def stats(pairs):
    d = [abs(a - b) * 1e4 for a, b in pairs if a is not None and b is not None]
    if not d:
        return None, None, 0
    return max(d), math.sqrt(sum(x * x for x in d) / len(d)), len(d)


def fmt(x, p=1):
    return "n/a" if x is None else ("%." + str(p) + "f") % x


def price(x):
    """A one-touch price, or 'diverged' where QuantLib's PDE returned garbage."""
    return "%.4f" % x if abs(x) <= 10 else "diverged (%.1e)" % x


def sane(x):
    return abs(x) <= 10


def grid_section(o, q, out, cmp):
    g = o["grid"]
    out.append("Grid points, |surface - input| in vol bp, inside +-3 ATM sd (max / RMS) and all points; worst expiry"
               " inside 3 sd:\n")
    out.append("| surface | max / RMS in 3 sd | max / RMS all | points in 3 sd / all | worst expiry (bp) |"
               " AH calibration error min / max / avg (vega-scaled) | AH calibration CPU s |")
    out.append("|---|---|---|---|---|---|---|")
    rows = [("ours", g["ours_implied_vol"], None)]
    rows += [("QL AH " + lab, v["grid_implied_vol"], v) for lab, v in q["variants"].items()]
    res = {}
    for lab, iv, v in rows:
        inner, allp, per = [], [], []
        for i, T in enumerate(g["expiries"]):
            fwd = o["spot"] * math.exp((o["domestic_rate"] - o["foreign_rate"]) * T)
            sd = atm_sd(o, i, T, g)
            e = []
            for j, k in enumerate(g["strikes"][i]):
                pr = (iv[i][j], g["vols"][i][j])
                allp.append(pr)
                if abs(math.log(k / fwd)) <= 3 * sd:
                    inner.append(pr)
                    e.append(pr)
            per.append((stats(e)[0] or 0.0, T))
        a, b = stats(inner), stats(allp)
        worst = max(per)
        res[lab] = {"in3sd_max_bp": a[0], "in3sd_rms_bp": a[1], "all_max_bp": b[0], "all_rms_bp": b[1],
                    "n_in3sd": a[2], "n_all": b[2], "per_expiry_max_bp_in3sd": [x for x, _ in per],
                    "worst_expiry": worst[1]}
        extra = "| | "
        if v is not None:
            extra = "| %s | %.2f " % (" / ".join("%.1e" % e for e in v["calibration_error_min_max_avg"]),
                                      v["calibration_cpu_s"])
        out.append("| %s | %s / %s | %s / %s | %d / %d | %.4gY (%s) %s|" % (
            lab, fmt(a[0], 3), fmt(a[1], 3), fmt(b[0], 2), fmt(b[1], 2), a[2], b[2], worst[1], fmt(worst[0], 2),
            extra))
    cmp["grid_implied_vol_vs_input"] = res
    return res


def slice_section(o, q, out, cmp):
    out.append("\nLocal vol (LV) and implied vol (IV) at 10/50/90% of each expiry interval, ours - QuantLib AH"
               " (CallPut, 500 nodes), vol bp, max / RMS over |z| <= 2 and |z| <= 3 (z = ln(S/F)/ATM sd); then the"
               " LV max over |z| <= 3 against the other AH set-ups:\n")
    out.append("| t | interval | LV z<=2 | LV z<=3 | IV z<=3 | LV z<=3 vs AH 2000 | vs AH Call 2000 wide |"
               " vs AH dense4 | AH 500 vs AH 2000 | IV range z<=3 ours | IV range z<=3 QL AH 500 |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    V = q["variants"]
    rows = []
    for k, sl in enumerate(o["slices"]):
        def sel(zmax, ours, theirs):
            return [(a, b) for z, a, b in zip(sl["z"], ours, theirs) if abs(z) <= zmax + 1e-9]
        base = V["callput_500"]["slices"][k]
        r = {"t": sl["t"], "interval": sl["interval"], "fraction": sl["fraction"], "z": sl["z"], "spots": sl["spots"],
             "ours_lv": sl["local_vol"], "ours_iv": sl["implied_vol"]}
        for lab in V:
            r["ql_lv_" + lab] = V[lab]["slices"][k]["local_vol"]
            r["ql_iv_" + lab] = V[lab]["slices"][k]["implied_vol"]
        r["lv_z2"] = stats(sel(2, sl["local_vol"], base["local_vol"]))[:2]
        r["lv_z3"] = stats(sel(3, sl["local_vol"], base["local_vol"]))[:2]
        r["iv_z3"] = stats(sel(3, sl["implied_vol"], base["implied_vol"]))[:2]
        for lab in ("callput_2000", "call_2000_wide", "callput_500_dense4"):
            r["lv_z3_vs_" + lab] = stats(sel(3, sl["local_vol"], V[lab]["slices"][k]["local_vol"]))[:2]
            r["lv_z2_vs_" + lab] = stats(sel(2, sl["local_vol"], V[lab]["slices"][k]["local_vol"]))[:2]
        r["ah500_vs_ah2000_z3"] = stats(sel(3, base["local_vol"], V["callput_2000"]["slices"][k]["local_vol"]))[:2]
        rows.append(r)
        def rng(vals):
            v = [x for z, x in zip(sl["z"], vals) if abs(z) <= 3 + 1e-9 and x is not None]
            return "%.4f - %.4f" % (min(v), max(v)) if v else "n/a"
        out.append("| %.4f | %d @%d%% | %s / %s | %s / %s | %s / %s | %s | %s | %s | %s | %s | %s |" % (
            sl["t"], sl["interval"] + 1, round(sl["fraction"] * 100), fmt(r["lv_z2"][0]), fmt(r["lv_z2"][1]),
            fmt(r["lv_z3"][0]), fmt(r["lv_z3"][1]), fmt(r["iv_z3"][0], 2), fmt(r["iv_z3"][1], 2),
            fmt(r["lv_z3_vs_callput_2000"][0]), fmt(r["lv_z3_vs_call_2000_wide"][0]),
            fmt(r["lv_z3_vs_callput_500_dense4"][0]), fmt(r["ah500_vs_ah2000_z3"][0]), rng(sl["implied_vol"]),
            rng(base["implied_vol"])))
    cmp["slices"] = rows
    return rows


def one_touch_section(o, q, mc_ql_lv, out, cmp):
    V = q["variants"]
    v = V["callput_500"]
    out.append("\nLV one-touches (pay 1 at expiry if touched, continuous monitoring). Ours: our MC on our local vol (%d"
               " paths, daily steps, Sobol, bridge correction). QL: FdBlackScholesBarrierEngine(localVol=True) on the"
               " AH adapters; base = Douglas, max(100, 365T) steps x 400; 4t = Douglas, 4x the steps; ref = implicit"
               " Euler, max(800, 2920T) x 400 (the reference). ok = |ours - QL ref| <= 0.005 + 3 s.e.; 'ours on AH'"
               " = our MC on AH's local vol (slab):\n" % o["one_touch_mc"]["paths"])
    hdr = ("| T | barrier (z) | ours (s.e.) | QL base | QL 4t | QL ref | ours - ref | ok | QL ref on AH Call 2000"
           " wide | QL ref on AH dense4 | ours on AH (s.e.) | ours on AH - ref | ours on AH, 1/4-day steps - ref |")
    sep = "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    flat = "one_touch_analytic_bs" in v
    if flat:
        hdr += " BS analytic |"
        sep += "---|"
    out.append(hdr)
    out.append(sep)
    rows = []
    for k, ot in enumerate(o["one_touches"]):
        base = v["one_touch_douglas_base"][k]["price"]
        t4 = v["one_touch_douglas_4t"][k]["price"]
        ref = v["one_touch_implicit_8t"][k]["price"]
        wide = V["call_2000_wide"]["one_touch_implicit_8t"][k]["price"]
        dense = V["callput_500_dense4"]["one_touch_implicit_8t"][k]["price"]
        fine = V["callput_2000"]["one_touch_implicit_8t"][k]["price"]
        tol = TOL + 3 * ot["ours_se"]
        r = {"expiry": ot["expiry"], "direction": ot["direction"], "z": ot["z"], "barrier": ot["barrier"],
             "ours": ot["ours"], "ours_se": ot["ours_se"], "ql_douglas_base": base, "ql_douglas_4t": t4,
             "ql_ref": ref, "ql_ref_on_ah2000": fine, "ql_ref_on_call2000wide": wide, "ql_ref_on_dense4": dense,
             "diff_ref": ot["ours"] - ref, "ok_ref": abs(ot["ours"] - ref) <= tol,
             "diff_base": ot["ours"] - base, "ok_base": sane(base) and abs(ot["ours"] - base) <= tol,
             "diff_wide": ot["ours"] - wide, "ok_wide": abs(ot["ours"] - wide) <= tol,
             "diff_dense4": ot["ours"] - dense, "ok_dense4": abs(ot["ours"] - dense) <= tol}
        line = "| %.4g | %s %.5g (%+g) | %.4f (%.4f) | %s | %s | %.4f | %+.4f | %s | %.4f | %.4f |" % (
            ot["expiry"], ot["direction"], ot["barrier"], ot["z"], ot["ours"], ot["ours_se"], price(base), price(t4),
            ref, r["diff_ref"], "yes" if r["ok_ref"] else "**no**", wide, dense)
        if mc_ql_lv:
            m = mc_ql_lv["one_touches"][k]
            assert abs(m["barrier"] - ot["barrier"]) < 1e-12
            r["ours_on_ah"] = m["ours_on_ql_lv"]
            r["ours_on_ah_se"] = m["se"]
            r["ours_on_ah_minus_ref"] = m["ours_on_ql_lv"] - ref
            line += " %.4f (%.4f) | %+.4f |" % (m["ours_on_ql_lv"], m["se"], r["ours_on_ah_minus_ref"])
            if "quarter_day" in mc_ql_lv:
                m4 = mc_ql_lv["quarter_day"]["one_touches"][k]
                r["ours_on_ah_quarter_day"] = m4["ours_on_ql_lv"]
                r["ours_on_ah_quarter_day_minus_ref"] = m4["ours_on_ql_lv"] - ref
                line += " %+.4f |" % r["ours_on_ah_quarter_day_minus_ref"]
            else:
                line += " |"
        else:
            line += " | | |"
        if flat:
            r["bs_analytic"] = v["one_touch_analytic_bs"][k]
            line += " %.4f |" % r["bs_analytic"]
        rows.append(r)
        out.append(line)
    summ = {
        "n": len(rows),
        "max_abs_ours_minus_ref": max(abs(r["diff_ref"]) for r in rows),
        "outside_vs_ref": sum(not r["ok_ref"] for r in rows),
        "max_abs_ours_minus_base": max(abs(r["diff_base"]) for r in rows if sane(r["ql_douglas_base"])),
        "outside_vs_base": sum(not r["ok_base"] for r in rows),
        "base_diverged": sum(not sane(r["ql_douglas_base"]) for r in rows),
        "t4_diverged": sum(not sane(r["ql_douglas_4t"]) for r in rows),
        "max_abs_base_minus_ref": max((abs(r["ql_douglas_base"] - r["ql_ref"]) for r in rows
                                       if sane(r["ql_douglas_base"])), default=None),
        "max_abs_ref_ah500_minus_ah2000": max(abs(r["ql_ref"] - r["ql_ref_on_ah2000"]) for r in rows),
        "max_abs_ours_minus_wide": max(abs(r["diff_wide"]) for r in rows),
        "outside_vs_wide": sum(not r["ok_wide"] for r in rows),
        "max_abs_ours_minus_dense4": max(abs(r["diff_dense4"]) for r in rows),
        "outside_vs_dense4": sum(not r["ok_dense4"] for r in rows),
        "max_ours_se": max(r["ours_se"] for r in rows),
    }
    if mc_ql_lv:
        summ["max_abs_ours_on_ah_minus_ref"] = max(abs(r["ours_on_ah_minus_ref"]) for r in rows)
        summ["max_ours_on_ah_se"] = max(r["ours_on_ah_se"] for r in rows)
        if "quarter_day" in mc_ql_lv:
            summ["max_abs_ours_on_ah_quarter_day_minus_ref"] = max(abs(r["ours_on_ah_quarter_day_minus_ref"])
                                                                   for r in rows)
    if flat:
        summ["max_abs_ours_minus_bs"] = max(abs(r["ours"] - r["bs_analytic"]) for r in rows)
        summ["max_abs_ref_minus_bs"] = max(abs(r["ql_ref"] - r["bs_analytic"]) for r in rows)
        summ["max_abs_dense4_minus_bs"] = max(abs(r["ql_ref_on_dense4"] - r["bs_analytic"]) for r in rows)
    out.append("\n" + json.dumps(summ))
    cmp["one_touches"] = rows
    cmp["one_touch_summary"] = summ
    return summ


def report(ours_dir, out_dir):
    names = sorted(f[:-len("-ql.json")] for f in os.listdir(out_dir) if f.endswith("-ql.json"))
    detail = ["# QuantLib AH cross-check: per-market detail", "",
              "Written by `/usr/bin/python3 crosscheck/ah_crosscheck.py report target/crosscheck/ah crosscheck/results`"
              " (see docs/quantlib-crosscheck.md)."]
    summary = {}
    for name in names:
        o = json.load(open(os.path.join(ours_dir, name + "-ours.json")))
        q = json.load(open(os.path.join(out_dir, name + "-ql.json")))
        mc_ql_lv = None
        p = os.path.join(ours_dir, name + "-ours-on-ql-lv.json")
        if os.path.exists(p):
            mc_ql_lv = json.load(open(p))
            p4 = os.path.join(ours_dir, name + "-ours-on-ql-lv-step0.25.json")
            if os.path.exists(p4):
                mc_ql_lv["quarter_day"] = json.load(open(p4))
        cmp = {"market": name, "quantlib": q["quantlib"], "ql_run_utc": [q["started_utc"], q["finished_utc"]],
               "ql_loadavg": [q["loadavg_start"], q["loadavg_end"]], "our_timing": o["timing"],
               "our_mc": o["one_touch_mc"],
               "our_mc_on_ah_lv": {k: mc_ql_lv[k] for k in ("thread_cpu_s", "wall_s", "load")} if mc_ql_lv else None,
               "ql_cpu_s": {lab: v["cpu_s"] for lab, v in q["variants"].items()},
               "ql_wall_s": {lab: v.get("wall_s") for lab, v in q["variants"].items()}}
        out = ["", "## %s (%s, our lattice %d nodes; QuantLib run %s .. %s, load %s)" % (
            name, o["day_count"], o["lattice_nodes"], q["started_utc"], q["finished_utc"], q["loadavg_start"]), ""]
        gs = grid_section(o, q, out, cmp)
        sl = slice_section(o, q, out, cmp)
        ots = one_touch_section(o, q, mc_ql_lv, out, cmp)
        detail += out
        summary[name] = {"grid": gs, "slices": sl, "ot": ots}
        with open(os.path.join(out_dir, name + "-comparison.json"), "w") as f:
            json.dump(cmp, f, indent=1)
    with open(os.path.join(out_dir, "ah-crosscheck-detail.md"), "w") as f:
        f.write("\n".join(detail) + "\n")
    print_summary(summary)


def print_summary(S):
    print("### Grid points: |surface - input| inside +-3 ATM sd, max / RMS vol bp (worst expiry)\n")
    labs = ["ours", "QL AH callput_500", "QL AH call_500", "QL AH callput_2000", "QL AH call_2000_wide",
            "QL AH callput_500_dense4"]
    print("| market | " + " | ".join(labs) + " |")
    print("|---|" + "---|" * len(labs))
    for m, s in S.items():
        print("| %s | %s |" % (m, " | ".join("%s / %s (%.3gY)" % (fmt(s["grid"][lab]["in3sd_max_bp"], 2),
                                                                   fmt(s["grid"][lab]["in3sd_rms_bp"], 2),
                                                                   s["grid"][lab]["worst_expiry"]) for lab in labs)))
    print("\n### Local vol, ours - QuantLib AH (CallPut, 500 nodes), vol bp over all slice times <= 5Y, by position"
          " in the expiry interval; max / RMS\n")
    print("| market | position | LV z<=2 | LV z<=3 | IV z<=3 (between pillars) | LV z<=2 vs AH 2000 |"
          " LV z<=2 vs AH Call 2000 wide | LV z<=2 vs AH dense4 |")
    print("|---|---|---|---|---|---|---|---|")
    for m, s in S.items():
        for f in (0.1, 0.5, 0.9):
            rs = [r for r in s["slices"] if r["fraction"] == f]

            def agg(key):
                mx = max(r[key][0] for r in rs)
                rms = math.sqrt(sum(r[key][1] ** 2 for r in rs) / len(rs))
                return "%s / %s" % (fmt(mx), fmt(rms))
            print("| %s | %d%% | %s | %s | %s | %s | %s | %s |" % (
                m, round(f * 100), agg("lv_z2"), agg("lv_z3"), agg("iv_z3"), agg("lv_z2_vs_callput_2000"),
                agg("lv_z2_vs_call_2000_wide"), agg("lv_z2_vs_callput_500_dense4")))
    print("\n### Local vol range over all slice times <= 5Y (min - max), inside |z| <= 2 and |z| <= 3\n")
    print("| market | ours z<=2 | QL AH CallPut 500 z<=2 | QL AH Call 2000 wide z<=2 | ours z<=3 | QL AH CallPut 500 z<=3 |"
          " QL AH Call 2000 wide z<=3 |")
    print("|---|---|---|---|---|---|---|")
    for m, s in S.items():
        def rng(key, zmax):
            v = [x for r in s["slices"] for z, x in zip(r["z"], r[key]) if abs(z) <= zmax + 1e-9]
            return "%.4f - %.4f" % (min(v), max(v))
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            m, rng("ours_lv", 2), rng("ql_lv_callput_500", 2), rng("ql_lv_call_2000_wide", 2), rng("ours_lv", 3),
            rng("ql_lv_callput_500", 3), rng("ql_lv_call_2000_wide", 3)))
    print("\n### LV one-touches: ours (MC) vs QuantLib PDE on AH's local vol; tolerance 0.005 + 3 s.e.\n")
    print("| market | n | max abs(ours - QL ref) | outside | QL base Douglas: diverged / outside | max abs(QL base - ref)"
          " | ours MC on AH LV - QL ref: max abs (daily / 1/4-day steps) | vs QL ref on AH Call 2000 wide: max /"
          " outside | vs QL ref on AH dense4: max / outside |")
    print("|---|---|---|---|---|---|---|---|---|")
    for m, s in S.items():
        o = s["ot"]
        print("| %s | %d | %.4f | %d | %d / %d | %s | %s | %.4f / %d | %.4f / %d |" % (
            m, o["n"], o["max_abs_ours_minus_ref"], o["outside_vs_ref"], o["base_diverged"], o["outside_vs_base"],
            fmt(o["max_abs_base_minus_ref"], 4),
            ("%.4f / %s (s.e. <= %.4f)" % (o["max_abs_ours_on_ah_minus_ref"],
                                           fmt(o.get("max_abs_ours_on_ah_quarter_day_minus_ref"), 4),
                                           o["max_ours_on_ah_se"]))
            if "max_abs_ours_on_ah_minus_ref" in o else "n/a",
            o["max_abs_ours_minus_wide"], o["outside_vs_wide"], o["max_abs_ours_minus_dense4"],
            o["outside_vs_dense4"]))


def atm_sd(o, i, T, g):
    """ATM sd at grid expiry i from our slice at 90% of the interval (close to T), scaled by sqrt(T/t)."""
    for sl in o["slices"]:
        if sl["interval"] == i and sl["fraction"] == 0.9:
            return sl["atm_sd"] * math.sqrt(T / sl["t"])
    sl = o["slices"][-1]
    return sl["atm_sd"] * math.sqrt(T / sl["t"])


if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) < 2 or a[0] not in ("run", "report", "slab", "pde-probe", "ah-probe"):
        print(__doc__)
        sys.exit(2)
    if a[0] == "pde-probe":
        # QuantLib's PDE on AH's local vol (CallPut, 500) for one one-touch under 3 schemes and several grids
        o = json.load(open(os.path.join(a[1], a[2] + "-ours.json")))
        o["valuation_date"] = json.load(open(o["source"]))["valuationDate"]
        st = ql_setup(o)
        ot = [x for x in o["one_touches"] if abs(x["expiry"] - float(a[3])) < 0.01 and x["z"] == float(a[4])][0]
        print("%s T=%.4f z=%+g barrier %.6g; ours %.4f (s.e. %.4f)" % (a[2], ot["expiry"], ot["z"], ot["barrier"],
                                                                     ot["ours"], ot["ours_se"]))
        print("| scheme | t steps | x grid | damping steps | one-touch |")
        print("|---|---|---|---|---|")
        one = dict(o, one_touches=[ot])
        for scheme in ("Douglas", "CrankNicolson", "ImplicitEuler"):
            for nt, nx, damp in ((100, 400, 0), (100, 800, 0), (100, 800, 2), (400, 800, 0), (400, 1600, 0),
                                 (1600, 400, 0)):
                PDE_SETUPS["probe"] = (scheme, 0, nt, nx)
                ql_ = st["ql"]
                ex = ql_.EuropeanExercise(st["today"] + int(ot["expiry_days"]))
                b = ot["barrier"]
                if ot["direction"] == "up":
                    opt = ql_.BarrierOption(ql_.Barrier.UpOut, b, 0.0, ql_.CashOrNothingPayoff(ql_.Option.Put, b, 1.0),
                                            ex)
                else:
                    opt = ql_.BarrierOption(ql_.Barrier.DownOut, b, 0.0,
                                            ql_.CashOrNothingPayoff(ql_.Option.Call, b, 1.0), ex)
                proc = ql_.GeneralizedBlackScholesProcess(st["spot"], st["q"], st["r"],
                                                          ql_.BlackVolTermStructureHandle(st["bv"]),
                                                          ql_.LocalVolTermStructureHandle(st["lv"]))
                opt.setPricingEngine(ql_.FdBlackScholesBarrierEngine(proc, nt, nx, damp,
                                                                     getattr(ql_.FdmSchemeDesc, scheme)(), True, 0.25))
                print("| %s | %d | %d | %d | %s |" % (scheme, nt, nx, damp,
                                                     price(st["r"].discount(ot["expiry"]) - opt.NPV())), flush=True)
        sys.exit(0)
    if a[0] == "ah-probe":
        # (a) the largest AH local vol (CallPut, 500) over 200 times to the last one-touch expiry and |ln S/F| <= 3;
        # (b) grid misses inside +-3 sd of AH CallPut on 2,000 points with the wide lattice (not a run variant)
        o = json.load(open(os.path.join(a[1], a[2] + "-ours.json")))
        o["valuation_date"] = json.load(open(o["source"]))["valuationDate"]
        st = ql_setup(o)
        t_last = max(ot["expiry"] for ot in o["one_touches"])
        best = (0.0, None, None)
        for it in range(1, 201):
            t = t_last * it / 200
            fwd = o["spot"] * st["q"].discount(t) / st["r"].discount(t)
            for j in range(-300, 301):
                v = st["lv"].localVol(t, fwd * math.exp(j * 0.01), True)
                if not v < best[0]:
                    best = (v, t, j * 0.01)
        print("%s: max AH (CallPut, 500) local vol %.4f at t = %.4f, ln S/F = %+.2f" % ((a[2],) + best))
        g = o["grid"]
        for kw in ({"grid_points": 2000, "wide": 64}, {"calib": "Call", "grid_points": 2000, "wide": 64}):
            st = ql_setup(o, **kw)
            per = []
            for i, T in enumerate(g["expiries"]):
                fwd = o["spot"] * math.exp((o["domestic_rate"] - o["foreign_rate"]) * T)
                sd = atm_sd(o, i, T, g)
                pairs = []
                for j, k in enumerate(g["strikes"][i]):
                    if abs(math.log(k / fwd)) <= 3 * sd:
                        try:
                            pairs.append((st["bv"].blackVol(T, k, True), g["vols"][i][j]))
                        except RuntimeError:
                            pass
                per.append("%.4gY %s" % (T, fmt(stats(pairs)[0], 2)))
            print("AH %s, %d points, lattice K_min/64..64 K_max: max miss inside +-3 sd (bp): %s" % (
                st["calibration"], st["grid_points"], ", ".join(per)))
        sys.exit(0)
    if a[0] == "slab":
        # only the AH local-vol slab for our MC (the same as run writes), e.g. after changing its resolution
        for f in sorted(os.listdir(a[1])):
            if f.endswith("-ours.json"):
                o = json.load(open(os.path.join(a[1], f)))
                o["valuation_date"] = json.load(open(o["source"]))["valuationDate"]
                st = ql_setup(o)
                with open(os.path.join(a[1], o["market"] + "-ql-lv.json"), "w") as fo:
                    json.dump({"market": o["market"], "variant": "callput_500", "lv_slab": lv_slab(o, st)}, fo)
        sys.exit(0)
    if a[0] == "run":
        mk = None
        if "--markets" in a:
            mk = a[a.index("--markets") + 1].split(",")
        run(a[1], a[2], mk)
    else:
        report(a[1], a[2])
