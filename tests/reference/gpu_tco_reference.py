#!/usr/bin/env python3
"""Independent reference implementation of METHODOLOGY.md sections 1-5 (gpu-tco/1).

Written from the specification alone, without looking at the C++ engine, to
produce and check golden test data.  Pure Python 3 standard library.

Usage:
    python3 gpu_tco_reference.py SCENARIO.json > RESULT.json
    python3 gpu_tco_reference.py --check [DIR]

The first form evaluates one scenario (assumed valid; no validation is done)
and prints the result document of METHODOLOGY section 5.

--check evaluates every DIR/NAME.json that has a DIR/NAME.expected.json
(DIR defaults to ../data next to this script, i.e. tests/data), prints the
maximum relative difference per file and exits 1 if any number differs by
more than a relative 1e-9 (absolute 1e-6 near zero) or anything else
(ids, cheapest, array lengths, nulls) differs.
"""

import json
import math
import os
import sys

RESULT_SCHEMA = "gpu-tco-result/1"
TIE_REL = 1e-9
CHECK_REL = 1e-9
CHECK_ABS = 1e-6


# ---------------------------------------------------------------- helpers

def growth(rate, m):
    """Annual rate compounding monthly and smoothly: (1 + g)^(m/12)."""
    return math.pow(1.0 + rate, m / 12.0)


def discount(r, t):
    """PV factor (1 + r)^(-t); exactly 1 when r = 0."""
    return math.pow(1.0 + r, -t)


def f(x):
    """As a float, with -0.0 written as 0.0."""
    return float(x) + 0.0


# ---------------------------------------------------------------- model

class Market:
    def __init__(self, scenario):
        demand = scenario["demand"]
        market = scenario["market"]
        self.hours = float(scenario.get("hours_per_month", 730))
        self.gpus = float(demand["gpus"])
        self.demand_growth = float(demand.get("growth_per_year", 0))
        self.od_price = float(market["on_demand_price"])
        sp = market.get("spot_price")
        self.spot_price = None if sp is None else float(sp)
        self.price_trend = float(market.get("price_trend_per_year", 0))
        self.spot_overhead = float(market.get("spot_interruption_overhead", 0))

    def work(self, m):
        """W(m) in GPU-hours."""
        return self.gpus * growth(self.demand_growth, m) * self.hours

    def od(self, m):
        return self.od_price * growth(self.price_trend, m)

    def sp(self, m):
        return self.spot_price * growth(self.price_trend, m)

    def buy(self, market_name, x, m):
        """Cost of buying x GPU-hours of work from a market in month m."""
        if market_name == "on_demand":
            return x * self.od(m)
        if market_name == "spot":
            return x * (1.0 + self.spot_overhead) * self.sp(m)
        raise ValueError("unknown market %r" % (market_name,))


def cash_flows(option, mk, H):
    """Returns (upfront, monthly[H], residual, idle_hours)."""
    kind = option["kind"]
    monthly = []
    idle = 0.0
    upfront = 0.0
    residual = 0.0

    if kind == "on_demand":
        for m in range(H):
            monthly.append(mk.buy("on_demand", mk.work(m), m))

    elif kind == "spot":
        for m in range(H):
            monthly.append(mk.buy("spot", mk.work(m), m))

    elif kind == "commit":
        gpus = float(option["gpus"])
        T = int(option["term_months"])
        price = float(option["price"])
        esc = float(option.get("escalator_per_year", 0))
        pf = float(option.get("prepay_fraction", 0))
        pd = float(option.get("prepay_discount", 0))
        overflow = option.get("overflow", "on_demand")
        after = option.get("after_term", "on_demand")
        capacity = gpus * mk.hours

        def C(m):
            P = price * math.pow(1.0 + esc, m // 12)
            return gpus * mk.hours * P

        committed_sum = 0.0
        for m in range(T):
            committed_sum += C(m)
        upfront = pf * (1.0 - pd) * committed_sum

        for m in range(H):
            W = mk.work(m)
            if m < T:
                pay = (1.0 - pf) * C(m)
                over = max(0.0, W - capacity)
                pay += mk.buy(overflow, over, m)
                idle += max(0.0, capacity - W)
            else:
                pay = mk.buy(after, W, m)
            monthly.append(pay)

    elif kind == "own":
        gpus = float(option["gpus"])
        capex = float(option["capex_per_gpu"])
        L = int(option.get("lead_time_months", 0))
        kw = float(option.get("power_kw_per_gpu", 0))
        pue = float(option.get("pue", 1))
        energy = float(option.get("energy_price_per_kwh", 0))
        energy_trend = float(option.get("energy_trend_per_year", 0))
        colo = float(option.get("colo_per_kw_month", 0))
        opex = float(option.get("opex_fraction_per_year", 0))
        life = int(option.get("useful_life_months", 60))
        res_kind = option.get("residual", "straight_line")
        overflow = option.get("overflow", "on_demand")
        capacity = gpus * mk.hours

        upfront = gpus * capex
        for m in range(H):
            W = mk.work(m)
            if m < L:
                pay = mk.buy(overflow, W, m)
            else:
                running = (gpus * kw * pue * mk.hours * energy * growth(energy_trend, m)
                           + gpus * kw * colo
                           + gpus * capex * opex / 12.0)
                over = max(0.0, W - capacity)
                pay = running + mk.buy(overflow, over, m)
                idle += max(0.0, capacity - W)
            monthly.append(pay)

        if res_kind == "straight_line":
            residual = gpus * capex * max(0.0, 1.0 - H / life)
        else:
            residual = 0.0

    else:
        raise ValueError("unknown option kind %r" % (kind,))

    return upfront, monthly, residual, idle


def evaluate(scenario):
    H = int(scenario["horizon_months"])
    r = float(scenario["discount_rate"])
    mk = Market(scenario)

    work_total = 0.0
    work_pv = 0.0
    for m in range(H):
        W = mk.work(m)
        work_total += W
        work_pv += W * discount(r, (m + 1) / 12.0)

    results = []
    for option in scenario["options"]:
        upfront, monthly, residual, idle = cash_flows(option, mk, H)

        # total_cost = upfront + sum(monthly) - residual_value
        monthly_sum = 0.0
        for x in monthly:
            monthly_sum += x
        total = upfront + monthly_sum - residual

        # npv_cost: the same cash flows, each discounted to t = 0
        monthly_pv = 0.0
        for m, x in enumerate(monthly):
            monthly_pv += x * discount(r, (m + 1) / 12.0)
        npv = upfront + monthly_pv - residual * discount(r, H / 12.0)

        levelized = None if work_total == 0 else f(npv / work_pv)

        results.append({
            "id": option["id"],
            "upfront": f(upfront),
            "monthly": [f(x) for x in monthly],
            "residual_value": f(residual),
            "total_cost": f(total),
            "npv_cost": f(npv),
            "work_gpu_hours": f(work_total),
            "idle_gpu_hours": f(idle),
            "levelized_cost_per_gpu_hour": levelized,
        })

    lowest = min(o["npv_cost"] for o in results)
    cheapest = None
    for o in results:
        if o["npv_cost"] - lowest <= TIE_REL * abs(lowest):
            cheapest = o["id"]
            break

    return {"schema": RESULT_SCHEMA, "cheapest": cheapest, "options": results}


def dumps(result):
    return json.dumps(result, indent=2) + "\n"


# ---------------------------------------------------------------- check

def compare(a, b, path, errs, stats):
    """Walk two JSON values; numbers compared with tolerance."""
    num = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        if a != b:
            errs.append("%s: %r != %r" % (path, a, b))
        return
    if isinstance(a, num) and isinstance(b, num):
        diff = abs(a - b)
        scale = max(abs(a), abs(b))
        rel = diff / scale if scale > 0 else 0.0
        if scale > CHECK_ABS:
            stats["max_rel"] = max(stats["max_rel"], rel)
        if not (diff <= CHECK_ABS or diff <= CHECK_REL * scale):
            errs.append("%s: %r != %r (relative %.3g)" % (path, a, b, rel))
        return
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            errs.append("%s: keys %s != %s" % (path, list(a.keys()), list(b.keys())))
        for k in a:
            if k in b:
                compare(a[k], b[k], "%s.%s" % (path, k), errs, stats)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            errs.append("%s: length %d != %d" % (path, len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, "%s[%d]" % (path, i), errs, stats)
        return
    if a != b:
        errs.append("%s: %r != %r" % (path, a, b))


def check(directory):
    names = sorted(n[:-len(".expected.json")] for n in os.listdir(directory)
                   if n.endswith(".expected.json"))
    ok = True
    for name in names:
        scen_path = os.path.join(directory, name + ".json")
        if not os.path.exists(scen_path):
            continue
        with open(scen_path, encoding="utf-8") as fh:
            scenario = json.load(fh)
        with open(os.path.join(directory, name + ".expected.json"), encoding="utf-8") as fh:
            expected = json.load(fh)
        got = evaluate(scenario)
        errs = []
        stats = {"max_rel": 0.0}
        compare(got, expected, "(root)", errs, stats)
        status = "ok" if not errs else "MISMATCH"
        print("%-40s max relative difference %.3e  %s" % (name, stats["max_rel"], status))
        for e in errs[:20]:
            print("    " + e)
        if len(errs) > 20:
            print("    ... %d more" % (len(errs) - 20))
        ok = ok and not errs
    if not names:
        print("no NAME.json / NAME.expected.json pairs in %s" % directory)
    return 0 if ok else 1


def main(argv):
    if len(argv) >= 2 and argv[1] == "--check":
        if len(argv) > 2:
            directory = argv[2]
        else:
            directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
        return check(os.path.normpath(directory))
    if len(argv) != 2:
        sys.stderr.write("usage: %s SCENARIO.json | --check [DIR]\n" % argv[0])
        return 2
    if argv[1] == "-":
        scenario = json.load(sys.stdin)
    else:
        with open(argv[1], encoding="utf-8") as fh:
            scenario = json.load(fh)
    sys.stdout.write(dumps(evaluate(scenario)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
