#!/usr/bin/python3
"""Issue #9: QuantLib 1.29 cross-check of our Andreasen-Huge surface on the grid markets.

Standard library + QuantLib only; run with Debian's /usr/bin/python3 (the pyenv python on PATH has no QuantLib).

  run    OURS_DIR OUT_DIR [--markets a,b] [--grid-points N ...]
         for every <market>-ours.json in OURS_DIR (written by com.fxdesk.slv.bench.AhGridCrossCheck export):
         builds QuantLib's AndreasenHugeVolatilityInterpl on the same grid calls (CallPut, cubic spline, its own
         Levenberg-Marquardt calibration; also Call only and a 4x finer lattice as error probes), evaluates
         AndreasenHugeLocalVolAdapter / AndreasenHugeVolatilityAdapter at our (t, S) points and grid points, prices
         the same one-touches by FdBlackScholesBarrierEngine(localVol=True) on the AH adapters (a base and a 2x
         refined PDE grid), and writes OUT_DIR/<market>-ql.json plus OURS_DIR/<market>-ql-lv.json (AH local vol on
         a (t, ln S/F) slab for our MC: AhGridCrossCheck ql-lv).
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
SLAB_NX = 241
SLAB_DAYS = 3.0      # about one slice per 3 days, at interval midpoints


def ql_setup(o, grid_points=500, calib="CallPut", interp="CubicSpline", dense=False):
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
    ah = ql.AndreasenHugeVolatilityInterpl(cs, spot, r, q, getattr(ql.AndreasenHugeVolatilityInterpl, interp),
                                           getattr(ql.AndreasenHugeVolatilityInterpl, calib), grid_points)
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


def one_touch_pde(o, s, t_per_year, t_min, x_grid):
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
        opt.setPricingEngine(ql.FdBlackScholesBarrierEngine(process, n_t, x_grid, 0, ql.FdmSchemeDesc.Douglas(),
                                                            True, 0.25))
        t0 = time.process_time()
        price = s["r"].discount(T) - opt.NPV()
        out.append({"price": price, "t_steps": n_t, "x_grid": x_grid, "cpu_s": time.process_time() - t0})
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
        n = max(4, int(math.ceil((T - prev) * 365.0 / SLAB_DAYS)))
        for j in range(n):
            t = prev + (j + 0.5) * (T - prev) / n
            fwd = o["spot"] * s["q"].discount(t) / s["r"].discount(t)
            times.append(t)
            lo.append(prev)
            hi.append(T)
            vals.append([round(s["lv"].localVol(t, fwd * math.exp(x), True), 8) for x in xs])
        prev = T
    return {"times": times, "interval_start": lo, "interval_end": hi, "x": xs, "values": vals}


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
        for label, kw in (("callput_500", {}), ("call_500", {"calib": "Call"}),
                          ("callput_2000", {"grid_points": 2000}), ("callput_500_dense4", {"dense": True})):
            t0 = time.process_time()
            s = ql_setup(o, **kw)
            slices, grid = ah_surface_values(o, s)
            v = {"grid_points": s["grid_points"], "calibration": s["calibration"], "interpolation": s["interpolation"],
                 "calibration_error_min_max_avg": s["calib_error"], "calibration_cpu_s": s["calib_cpu_s"],
                 "slices": slices, "grid_implied_vol": grid}
            if label == "callput_500":
                v["one_touch_pde"] = one_touch_pde(o, s, 365, 100, 400)
                v["one_touch_pde_fine"] = one_touch_pde(o, s, 730, 200, 800)
                if name.startswith("flat"):
                    v["one_touch_analytic_bs"] = flat_analytic(o, s)
                slab = lv_slab(o, s)
                with open(os.path.join(ours_dir, name + "-ql-lv.json"), "w") as f:
                    json.dump({"market": name, "variant": label, "lv_slab": slab}, f)
            if label in ("callput_2000", "callput_500_dense4"):
                v["one_touch_pde"] = one_touch_pde(o, s, 365, 100, 400)
            v["cpu_s"] = time.process_time() - t0
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


def report(ours_dir, out_dir):
    names = sorted(f[:-len("-ql.json")] for f in os.listdir(out_dir) if f.endswith("-ql.json"))
    for name in names:
        o = json.load(open(os.path.join(ours_dir, name + "-ours.json")))
        q = json.load(open(os.path.join(out_dir, name + "-ql.json")))
        mc_ql_lv = None
        p = os.path.join(ours_dir, name + "-ours-on-ql-lv.json")
        if os.path.exists(p):
            mc_ql_lv = json.load(open(p))
        cmp = {"market": name, "quantlib": q["quantlib"], "ql_run_utc": [q["started_utc"], q["finished_utc"]],
               "ql_loadavg": [q["loadavg_start"], q["loadavg_end"]], "our_timing": o["timing"],
               "our_mc": o["one_touch_mc"]}
        print("\n### %s (%s, lattice %d nodes; QuantLib run %s .. %s)\n" % (name, o["day_count"], o["lattice_nodes"],
                                                                          q["started_utc"], q["finished_utc"]))
        # grid points: both against the input
        g = o["grid"]
        print("Grid points, |surface - input| in vol bp (max / RMS), inside +-3 ATM sd and all points:\n")
        print("| surface | max in 3 sd | RMS in 3 sd | max all | RMS all | points (in 3 sd / all) | AH calibration"
              " error min / max / avg (vol) | AH calibration CPU s |")
        print("|---|---|---|---|---|---|---|---|")
        atm = {}
        for sl in o["slices"]:
            atm.setdefault(sl["interval"], []).append(sl)
        rows = {"ours": g["ours_implied_vol"]}
        for lab, v in q["variants"].items():
            rows["QL AH " + lab] = v["grid_implied_vol"]
        gstats = {}
        for lab, iv in rows.items():
            inner, allp = [], []
            for i, T in enumerate(g["expiries"]):
                fwd = o["spot"] * math.exp((o["domestic_rate"] - o["foreign_rate"]) * T)
                sd = atm_sd(o, i, T, g)
                for j, k in enumerate(g["strikes"][i]):
                    pr = (iv[i][j], g["vols"][i][j])
                    allp.append(pr)
                    if abs(math.log(k / fwd)) <= 3 * sd:
                        inner.append(pr)
            a = stats(inner)
            b = stats(allp)
            gstats[lab] = {"in3sd_max_bp": a[0], "in3sd_rms_bp": a[1], "all_max_bp": b[0], "all_rms_bp": b[1],
                           "n_in3sd": a[2], "n_all": b[2]}
            extra = "| | "
            if lab.startswith("QL"):
                v = q["variants"][lab[6:]]
                extra = "| %s | %.2f " % (" / ".join("%.1e" % e for e in v["calibration_error_min_max_avg"]),
                                          v["calibration_cpu_s"])
            print("| %s | %s | %s | %s | %s | %d / %d %s|" % (lab, fmt(a[0], 3), fmt(a[1], 3), fmt(b[0], 2),
                                                            fmt(b[1], 2), a[2], b[2], extra))
        cmp["grid_implied_vol_vs_input"] = gstats

        # local vol and implied vol between pillars: ours vs each AH variant
        print("\nLocal vol and implied vol at 10/50/90% of each expiry interval, ours - QuantLib AH (CallPut, 500"
              " nodes), vol bp, max / RMS over |z| <= 2 and |z| <= 3 (z = ln(S/F)/ATM sd); last two columns: the same"
              " local-vol max against AH on 2,000 nodes and AH Call-only:\n")
        print("| t | interval | LV max/RMS z<=2 | LV max/RMS z<=3 | IV max/RMS z<=3 | LV max z<=3 vs AH 2000 |"
              " LV max z<=3 vs AH Call | LV max/RMS z<=3 vs AH dense4 | IV max z<=3 vs AH dense4 |")
        print("|---|---|---|---|---|---|---|---|---|")
        lvrows = []
        base = q["variants"]["callput_500"]["slices"]
        fine = q["variants"]["callput_2000"]["slices"]
        call = q["variants"]["call_500"]["slices"]
        dns = q["variants"]["callput_500_dense4"]["slices"]
        for k, sl in enumerate(o["slices"]):
            def sel(zmax, ours, theirs):
                return [(a, b) for z, a, b in zip(sl["z"], ours, theirs) if abs(z) <= zmax + 1e-9]
            l2 = stats(sel(2, sl["local_vol"], base[k]["local_vol"]))
            l3 = stats(sel(3, sl["local_vol"], base[k]["local_vol"]))
            i3 = stats(sel(3, sl["implied_vol"], base[k]["implied_vol"]))
            f3 = stats(sel(3, sl["local_vol"], fine[k]["local_vol"]))
            c3 = stats(sel(3, sl["local_vol"], call[k]["local_vol"]))
            qq3 = stats(sel(3, base[k]["local_vol"], fine[k]["local_vol"]))
            d3 = stats(sel(3, sl["local_vol"], dns[k]["local_vol"]))
            di3 = stats(sel(3, sl["implied_vol"], dns[k]["implied_vol"]))
            lvrows.append({"t": sl["t"], "interval": sl["interval"], "fraction": sl["fraction"],
                           "lv_max_bp_z2": l2[0], "lv_rms_bp_z2": l2[1], "lv_max_bp_z3": l3[0], "lv_rms_bp_z3": l3[1],
                           "iv_max_bp_z3": i3[0], "iv_rms_bp_z3": i3[1], "lv_max_bp_z3_vs_ah2000": f3[0],
                           "lv_max_bp_z3_vs_ah_call": c3[0], "lv_max_bp_z3_vs_ah_dense4": d3[0],
                           "lv_rms_bp_z3_vs_ah_dense4": d3[1], "iv_max_bp_z3_vs_ah_dense4": di3[0],
                           "ql_dense4_lv": dns[k]["local_vol"], "ah500_vs_ah2000_lv_max_bp_z3": qq3[0],
                           "ours_lv": sl["local_vol"], "ql_lv": base[k]["local_vol"], "ql2000_lv": fine[k]["local_vol"],
                           "z": sl["z"], "spots": sl["spots"], "ours_iv": sl["implied_vol"],
                           "ql_iv": base[k]["implied_vol"]})
            print("| %.4f | %d @%d%% | %s / %s | %s / %s | %s / %s | %s | %s | %s / %s | %s |" % (
                sl["t"], sl["interval"] + 1, round(sl["fraction"] * 100), fmt(l2[0]), fmt(l2[1]), fmt(l3[0]),
                fmt(l3[1]), fmt(i3[0], 2), fmt(i3[1], 2), fmt(f3[0]), fmt(c3[0]), fmt(d3[0]), fmt(d3[1]),
                fmt(di3[0], 2)))
        cmp["slices"] = lvrows

        # one-touches
        v = q["variants"]["callput_500"]
        print("\nLV one-touches (pay 1 at expiry): ours = our MC on our local vol (%d paths, daily steps, Sobol,"
              " bridge correction); QL = FdBlackScholesBarrierEngine on AH's local vol (Douglas, base %s x %s, fine"
              " 2x both); ok = |ours - QL| <= 0.005 + 3 s.e.:\n" % (o["one_touch_mc"]["paths"],
                                                                    "max(100, 365T)", 400))
        hdr = ("| T | barrier (z) | ours (s.e.) | QL PDE | QL PDE fine | QL PDE on AH 2000 | QL PDE on AH dense4 |"
               " ours - QL | ok | ours - QL(dense4) |")
        sep = "|---|---|---|---|---|---|---|---|---|---|"
        if mc_ql_lv:
            hdr += " ours MC on AH LV (s.e.) | ours-on-AH - QL |"
            sep += "---|---|"
        if "one_touch_analytic_bs" in v:
            hdr += " BS analytic |"
            sep += "---|"
        print(hdr)
        print(sep)
        otrows = []
        nfail = 0
        for k, ot in enumerate(o["one_touches"]):
            qp = v["one_touch_pde"][k]["price"]
            qf = v["one_touch_pde_fine"][k]["price"]
            q2 = q["variants"]["callput_2000"]["one_touch_pde"][k]["price"]
            q4 = q["variants"]["callput_500_dense4"]["one_touch_pde"][k]["price"]
            diff = ot["ours"] - qp
            ok = abs(diff) <= TOL + 3 * ot["ours_se"]
            nfail += 0 if ok else 1
            row = {"expiry": ot["expiry"], "direction": ot["direction"], "z": ot["z"], "barrier": ot["barrier"],
                   "ours": ot["ours"], "ours_se": ot["ours_se"], "ql_pde": qp, "ql_pde_fine": qf,
                   "ql_pde_ah2000": q2, "ql_pde_ah_dense4": q4, "diff": diff, "ok": ok,
                   "diff_dense4": ot["ours"] - q4, "ok_dense4": abs(ot["ours"] - q4) <= TOL + 3 * ot["ours_se"]}
            line = "| %.4f | %s %.5g (%+g) | %.4f (%.4f) | %.4f | %.4f | %.4f | %.4f | %+.4f | %s | %+.4f |" % (
                ot["expiry"], ot["direction"], ot["barrier"], ot["z"], ot["ours"], ot["ours_se"], qp, qf, q2, q4,
                diff, "yes" if ok else "**no**", ot["ours"] - q4)
            if mc_ql_lv:
                m = mc_ql_lv["one_touches"][k]
                assert abs(m["barrier"] - ot["barrier"]) < 1e-12
                row["ours_on_ql_lv"] = m["ours_on_ql_lv"]
                row["ours_on_ql_lv_se"] = m["se"]
                line += " %.4f (%.4f) | %+.4f |" % (m["ours_on_ql_lv"], m["se"], m["ours_on_ql_lv"] - qp)
            if "one_touch_analytic_bs" in v:
                row["bs_analytic"] = v["one_touch_analytic_bs"][k]
                line += " %.4f |" % v["one_touch_analytic_bs"][k]
            otrows.append(row)
            print(line)
        md = max(abs(r["diff"]) for r in otrows)
        print("\nmax |ours - QL| %.4f; outside 0.005 + 3 s.e.: %d of %d (against AH dense4: max %.4f, outside %d);"
              " QL PDE base vs fine max %.5f; QL PDE on AH 500 vs 2000 nodes max %.4f%s" % (
                  md, nfail, len(otrows), max(abs(r["diff_dense4"]) for r in otrows),
                  sum(0 if r["ok_dense4"] else 1 for r in otrows),
                  max(abs(r["ql_pde"] - r["ql_pde_fine"]) for r in otrows),
                  max(abs(r["ql_pde"] - r["ql_pde_ah2000"]) for r in otrows),
                  ("; ours on AH LV vs QL PDE max %.4f (max s.e. %.4f)" % (
                      max(abs(r["ours_on_ql_lv"] - r["ql_pde"]) for r in otrows),
                      max(r["ours_on_ql_lv_se"] for r in otrows))) if mc_ql_lv else ""))
        cmp["one_touches"] = otrows
        cmp["one_touch_summary"] = {"max_abs_diff": md, "outside_tolerance": nfail, "n": len(otrows),
                                    "max_abs_diff_vs_dense4": max(abs(r["diff_dense4"]) for r in otrows),
                                    "outside_tolerance_vs_dense4": sum(0 if r["ok_dense4"] else 1 for r in otrows)}
        with open(os.path.join(out_dir, name + "-comparison.json"), "w") as f:
            json.dump(cmp, f, indent=1)


def atm_sd(o, i, T, g):
    """ATM sd at grid expiry i from our slice at 90% of the interval (close to T), scaled by sqrt(T/t)."""
    for sl in o["slices"]:
        if sl["interval"] == i and sl["fraction"] == 0.9:
            return sl["atm_sd"] * math.sqrt(T / sl["t"])
    sl = o["slices"][-1]
    return sl["atm_sd"] * math.sqrt(T / sl["t"])


if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) < 3 or a[0] not in ("run", "report"):
        print(__doc__)
        sys.exit(2)
    if a[0] == "run":
        mk = None
        if "--markets" in a:
            mk = a[a.index("--markets") + 1].split(",")
        run(a[1], a[2], mk)
    else:
        report(a[1], a[2])
