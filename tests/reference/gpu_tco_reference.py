#!/usr/bin/env python3
"""Independent reference implementation of METHODOLOGY.md sections 1-5 and 9-16
(gpu-tco/1, version 2 additions included), with the readings of section 17.

Written from the specification alone, without looking at the C++ engine, to
produce and check golden test data.  Pure Python 3 standard library.

Usage:
    python3 gpu_tco_reference.py SCENARIO.json > RESULT.json
    python3 gpu_tco_reference.py --check [DIR]

The first form evaluates one scenario (assumed valid; no validation is done)
and prints the result document of METHODOLOGY sections 5 and 16.

--check evaluates every DIR/NAME.json that has a DIR/NAME.expected.json
(DIR defaults to ../data next to this script, i.e. tests/data), prints the
maximum relative difference per file and exits 1 if any number differs by
more than a relative 1e-9 (absolute 1e-6 near zero) or anything else
(ids, cheapest, key order, array lengths, nulls) differs.

Every cash flow is recorded with its category (the keys of `breakdown`) and
its time (upfront, the end of month m, or the horizon for the residual);
`monthly`, the totals, the NPV and the breakdown are all sums over that one
list, so they cannot disagree.
"""

import json
import math
import os
import sys

RESULT_SCHEMA = "gpu-tco-result/1"
TIE_REL = 1e-9
CHECK_REL = 1e-9
CHECK_ABS = 1e-6

# The keys of `breakdown`, in the order of METHODOLOGY section 16.
CATEGORIES = ("market", "commitment", "capex", "financing", "energy",
              "colocation", "operations", "residual")


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


def total_of(amounts):
    """Plain left-to-right sum (the order a spreadsheet column adds up)."""
    s = 0.0
    for x in amounts:
        s += x
    return s


# ---------------------------------------------------------------- version 1 or 2?

# The fields of METHODOLOGY sections 1-8.  A scenario that uses nothing else is
# a version 1 scenario, and its result document is exactly section 5's (the
# shared v1 examples have no `payback_month` or `breakdown`); anything from
# sections 9-16 makes it a version 2 scenario whose result carries them.
V1_TOP = {"schema", "name", "currency", "horizon_months", "discount_rate",
          "hours_per_month", "demand", "market", "options", "uncertainty"}
V1_DEMAND = {"gpus", "growth_per_year"}
V1_MARKET = {"on_demand_price", "spot_price", "price_trend_per_year",
             "spot_interruption_overhead"}
V1_UNCERTAINTY = {"price_volatility_per_year", "paths", "seed"}
V1_OPTION = {
    "on_demand": {"id", "kind", "label"},
    "spot": {"id", "kind", "label"},
    "commit": {"id", "kind", "label", "gpus", "term_months", "price",
               "escalator_per_year", "prepay_fraction", "prepay_discount",
               "overflow", "after_term"},
    "own": {"id", "kind", "label", "gpus", "capex_per_gpu", "lead_time_months",
            "power_kw_per_gpu", "pue", "energy_price_per_kwh",
            "energy_trend_per_year", "colo_per_kw_month", "opex_fraction_per_year",
            "useful_life_months", "residual", "overflow"},
}


def uses_version_2(scenario):
    if set(scenario) - V1_TOP:
        return True
    if set(scenario["demand"]) - V1_DEMAND or set(scenario["market"]) - V1_MARKET:
        return True
    if set(scenario.get("uncertainty", {})) - V1_UNCERTAINTY:
        return True
    for option in scenario["options"]:
        allowed = V1_OPTION.get(option["kind"])
        if allowed is None or set(option) - allowed:
            return True
        if option.get("residual") == "declining_balance":
            return True
    return False


# ---------------------------------------------------------------- markets (§3, §9, §16)

class Market:
    """One GPU market: the top-level `market` ("default", performance 1) or an
    entry of `markets`.  Prices per GPU-hour of this market's own GPU model;
    work in reference GPU-hours."""

    def __init__(self, fields, performance, default_trend, hours):
        self.hours = hours
        self.performance = float(performance)
        self.od_price = float(fields["on_demand_price"])
        sp = fields.get("spot_price")
        self.spot_price = None if sp is None else float(sp)
        self.trend = float(fields.get("price_trend_per_year", default_trend))
        # §17: the overhead is not inherited from the top-level market.
        self.spot_overhead = float(fields.get("spot_interruption_overhead", 0))
        self.steps = [(int(s["month"]), float(s["change"]))
                      for s in fields.get("price_steps", [])]
        avail = fields.get("spot_available_gpus")
        self.spot_available_gpus = None if avail is None else float(avail)

    def step_factor(self, m):
        """prod over price steps with month <= m of (1 + change)."""
        factor = 1.0
        for month, change in self.steps:
            if month <= m:
                factor *= 1.0 + change
        return factor

    def od(self, m):
        """OD_k(m), per GPU-hour of this model."""
        return self.od_price * growth(self.trend, m) * self.step_factor(m)

    def sp(self, m):
        """SP_k(m), per GPU-hour of this model."""
        return self.spot_price * growth(self.trend, m) * self.step_factor(m)

    def buy(self, which, x, m):
        """Cost of x reference GPU-hours of work bought on `which`
        ("on_demand" or "spot") in month m."""
        fk = self.performance
        if which == "on_demand":
            return x / fk * self.od(m)
        if which == "spot":
            spot_x = x
            if self.spot_available_gpus is not None:
                # At most this many reference GPU-hours are served by spot;
                # the rest is bought on demand from the same market.
                limit = (self.spot_available_gpus * self.hours * fk
                         / (1.0 + self.spot_overhead))
                spot_x = min(x, limit)
            cost = spot_x / fk * (1.0 + self.spot_overhead) * self.sp(m)
            if spot_x < x:
                cost += (x - spot_x) / fk * self.od(m)
            return cost
        raise ValueError("unknown market %r" % (which,))


class Scenario:
    """The scenario-wide inputs: horizon, hours, discounting, demand, markets."""

    def __init__(self, scenario):
        self.H = int(scenario["horizon_months"])
        self.r = float(scenario["discount_rate"])
        self.hours = float(scenario.get("hours_per_month", 730))
        self.end_of_year = scenario.get("cash_flow_timing", "end_of_month") == "end_of_year"

        demand = scenario["demand"]
        self.gpus = float(demand["gpus"])
        self.demand_growth = float(demand.get("growth_per_year", 0))
        self.demand_steps = [(int(s["month"]), float(s["gpus"]))
                             for s in demand.get("steps", [])]

        top = scenario["market"]
        top_trend = float(top.get("price_trend_per_year", 0))
        self.markets = {"default": Market(top, 1.0, 0.0, self.hours)}
        for fields in scenario.get("markets", []):
            self.markets[fields["id"]] = Market(fields, fields["performance"],
                                                top_trend, self.hours)

    def market(self, option):
        return self.markets[option.get("market", "default")]

    def base_gpus(self, m):
        """demand.gpus, replaced from each demand step's month on."""
        base = self.gpus
        for month, gpus in self.demand_steps:
            if month <= m:
                base = gpus
        return base

    def work(self, m):
        """W(m) in reference GPU-hours."""
        return self.base_gpus(m) * growth(self.demand_growth, m) * self.hours

    def t_month(self, m):
        """Payment time of month m, in years (§1, or §16 end_of_year)."""
        if self.end_of_year:
            return float((m + 12) // 12)          # ceil((m+1)/12)
        return (m + 1) / 12.0

    def t_residual(self):
        return self.H / 12.0


# ---------------------------------------------------------------- cash flows

class CashFlows:
    """Every payment of one option, each with its breakdown category."""

    def __init__(self, H):
        self.upfront = []                          # [(category, amount)] at t = 0
        self.monthly = [[] for _ in range(H)]      # [(category, amount)] at t_month(m)
        self.residuals = []                        # received at t = H/12
        self.idle = 0.0                            # reference GPU-hours

    def pay_upfront(self, category, amount):
        self.upfront.append((category, amount))

    def pay(self, m, category, amount):
        self.monthly[m].append((category, amount))

    def receive_residual(self, amount):
        """Resale value at the horizon (one per owned fleet)."""
        self.residuals.append(amount)

    @property
    def residual(self):
        return total_of(self.residuals)

    def pay_at_start(self, s, category, amount):
        """Paid at t = s/12: upfront when s = 0, else with monthly[s-1] (§10)."""
        if s == 0:
            self.pay_upfront(category, amount)
        else:
            self.pay(s - 1, category, amount)


# ---------------------------------------------------------------- commit (§4, §10, §16)

def commit_terms(option, sc, flows, offered):
    """The commit's own charges (committed charges, prepayment, usage, exit fee)
    given the work offered to it each month.  Buys nothing from a market.
    Returns the capacity per month, None outside the active months."""
    H = sc.H
    hours = sc.hours
    mk = sc.market(option)
    fk = mk.performance
    s = int(option.get("start_month", 0))
    T = int(option["term_months"])
    gpus = float(option["gpus"])
    ramp = [(int(step["from_month"]), float(step["gpus"]))
            for step in option.get("ramp", [])]
    esc = float(option.get("escalator_per_year", 0))
    pf = float(option.get("prepay_fraction", 0))
    pd = float(option.get("prepay_discount", 0))
    usage_price = float(option.get("usage_price", 0))
    availability = float(option.get("availability", 1))
    exit_month = option.get("exit_month")
    fee_fraction = float(option.get("exit_fee_fraction", 0))

    if "discount_to_on_demand" in option:
        # Priced off the option market's on-demand price of the start month.
        P1 = mk.od(s) * (1.0 - float(option["discount_to_on_demand"]))
    else:
        P1 = float(option["price"])

    def G(c):
        committed = gpus
        for from_month, step_gpus in ramp:
            if from_month <= c:
                committed = step_gpus
        return committed

    def C(c):
        """Committed charge of contract month c."""
        P = P1 * math.pow(1.0 + esc, c // 12)
        return G(c) * hours * P

    # Prepayment covers the whole term, exits ignored; paid when the term starts.
    committed_sum = total_of(C(c) for c in range(T))
    prepay = pf * (1.0 - pd) * committed_sum
    if pf > 0:
        flows.pay_at_start(s, "commitment", prepay)

    end = T if exit_month is None else int(exit_month)    # active contract months 0 .. end-1
    caps = [None] * H
    for c in range(end):
        m = s + c
        cap = G(c) * hours * fk * availability
        caps[m] = cap
        flows.pay(m, "commitment", (1.0 - pf) * C(c))
        if usage_price > 0:
            used = min(offered(m), cap)
            flows.pay(m, "commitment", usage_price * used / fk)

    if exit_month is not None:
        e = int(exit_month)
        remaining = total_of(C(c) for c in range(e, T))
        fee = fee_fraction * (1.0 - pf) * remaining
        flows.pay(s + e - 1, "commitment", fee)

    return caps


def commit_option(option, sc, flows):
    mk = sc.market(option)
    overflow = option.get("overflow", "on_demand")
    after = option.get("after_term", "on_demand")
    before = option.get("before_start", "on_demand")
    s = int(option.get("start_month", 0))

    caps = commit_terms(option, sc, flows, sc.work)
    for m in range(sc.H):
        W = sc.work(m)
        cap = caps[m]
        if m < s:
            flows.pay(m, "market", mk.buy(before, W, m))
        elif cap is not None:
            flows.pay(m, "market", mk.buy(overflow, max(0.0, W - cap), m))
            flows.idle += max(0.0, cap - W)
        else:
            flows.pay(m, "market", mk.buy(after, W, m))


# ---------------------------------------------------------------- own (§4, §12, §16)

def own_terms(option, sc, flows, offered):
    """The owned fleet's own cash flows (capex, setup, financing, running costs,
    residual) given the work offered to it each month.  Buys nothing from a
    market.  Returns the capacity per month, None during the lead time."""
    H = sc.H
    hours = sc.hours
    mk = sc.market(option)
    fk = mk.performance
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
    availability = float(option.get("availability", 1))
    idle_power = float(option.get("idle_power_fraction", 1))
    setup = float(option.get("setup_cost", 0))
    fixed = float(option.get("fixed_cost_per_month", 0))
    financing = option.get("financing")

    purchase = gpus * capex
    fraction = float(financing["fraction"]) if financing else 0.0
    if financing:
        flows.pay_upfront("capex", (1.0 - fraction) * purchase)
    else:
        flows.pay_upfront("capex", purchase)
    if setup > 0:
        flows.pay_upfront("capex", setup)

    caps = [None] * H
    capacity = gpus * hours * fk * availability
    for m in range(L, H):
        caps[m] = capacity
        if idle_power == 1.0:
            # Every GPU draws full power: section 4's formula as written.
            energy_cost = gpus * kw * pue * hours * energy * growth(energy_trend, m)
        else:
            price = energy * growth(energy_trend, m)    # energy_price(m)
            busy = min(offered(m), capacity) / fk       # GPU-hours running work
            energy_cost = kw * pue * price * (busy + idle_power * (gpus * hours - busy))
        flows.pay(m, "energy", energy_cost)
        flows.pay(m, "colocation", gpus * kw * colo)
        flows.pay(m, "operations", purchase * opex / 12.0)
        if fixed > 0:
            flows.pay(m, "operations", fixed)

    if financing:
        A = fraction * purchase
        rate = float(financing["rate_per_year"])
        n = int(financing["term_months"])
        i = math.pow(1.0 + rate, 1.0 / 12.0) - 1.0
        if i == 0.0:
            payment = A / n
        else:
            payment = A * i / (1.0 - math.pow(1.0 + i, -n))
        for m in range(min(n, H)):
            flows.pay(m, "financing", payment)
        if n > H:
            if i == 0.0:
                balance = A - payment * H
            else:
                grown = math.pow(1.0 + i, H)
                balance = A * grown - payment * (grown - 1.0) / i
            flows.pay(H - 1, "financing", balance)

    if res_kind == "straight_line":
        flows.receive_residual(purchase * max(0.0, 1.0 - H / life))
    elif res_kind == "declining_balance":
        decline = float(option["resale_decline_per_year"])
        flows.receive_residual(purchase * math.pow(1.0 - decline, H / 12.0))

    return caps


def own_option(option, sc, flows):
    mk = sc.market(option)
    overflow = option.get("overflow", "on_demand")
    caps = own_terms(option, sc, flows, sc.work)
    for m in range(sc.H):
        W = sc.work(m)
        cap = caps[m]
        if cap is None:
            flows.pay(m, "market", mk.buy(overflow, W, m))
        else:
            flows.pay(m, "market", mk.buy(overflow, max(0.0, W - cap), m))
            flows.idle += max(0.0, cap - W)


# ---------------------------------------------------------------- spend commitment (§11)

def spend_commit_option(option, sc, flows):
    mk = sc.market(option)
    fk = mk.performance
    commitment = float(option["monthly_commitment"])
    T = int(option["term_months"])
    d = float(option["discount"])
    after = option.get("after_term", "on_demand")
    for m in range(sc.H):
        W = sc.work(m)
        if m < T:
            D = W / fk * mk.od(m) * (1.0 - d)          # the work at discounted prices
            flows.pay(m, "commitment", commitment)
            beyond = max(0.0, D - commitment) / (1.0 - d)   # at the full price
            flows.pay(m, "market", beyond)
            flows.idle += max(0.0, commitment - D) / ((1.0 - d) * mk.od(m)) * fk
        else:
            flows.pay(m, "market", mk.buy(after, W, m))


# ---------------------------------------------------------------- portfolio (§13)

def portfolio_option(option, sc, flows):
    """Parts serve the work in the order listed (§17); the rest is overflow
    from the portfolio's own market."""
    mk = sc.market(option)
    overflow = option.get("overflow", "on_demand")
    H = sc.H
    cap_before = [0.0] * H          # summed capacity of the parts listed so far

    for part in option["parts"]:
        # Offered: the work the parts listed before this one cannot serve
        # (a copy of their summed capacity as it stands now).
        def offered(m, before=list(cap_before)):
            return max(0.0, sc.work(m) - before[m])
        if part["kind"] == "commit":
            caps = commit_terms(part, sc, flows, offered)
        elif part["kind"] == "own":
            caps = own_terms(part, sc, flows, offered)
        else:
            raise ValueError("a portfolio part must be a commit or own, got %r" % (part["kind"],))
        for m in range(H):
            if caps[m] is not None:
                cap_before[m] += caps[m]

    for m in range(H):
        W = sc.work(m)
        flows.pay(m, "market", mk.buy(overflow, max(0.0, W - cap_before[m]), m))
        flows.idle += max(0.0, cap_before[m] - W)


# ---------------------------------------------------------------- one option

def option_flows(option, sc):
    flows = CashFlows(sc.H)
    kind = option["kind"]
    mk = sc.market(option)
    if kind in ("on_demand", "spot"):
        for m in range(sc.H):
            flows.pay(m, "market", mk.buy(kind, sc.work(m), m))
    elif kind == "commit":
        commit_option(option, sc, flows)
    elif kind == "own":
        own_option(option, sc, flows)
    elif kind == "spend_commit":
        spend_commit_option(option, sc, flows)
    elif kind == "portfolio":
        portfolio_option(option, sc, flows)
    else:
        raise ValueError("unknown option kind %r" % (kind,))
    return flows


# ---------------------------------------------------------------- the result

def payback_month(cumulative, baseline):
    """First p such that for every m >= p the option's cumulative cost is at
    most the baseline's (equal within a relative 1e-9 counts); None if none."""
    H = len(cumulative)
    p = 0
    for m in range(H):
        if cumulative[m] - baseline[m] > TIE_REL * abs(baseline[m]):
            p = m + 1
    return None if p >= H else p


def evaluate(scenario):
    sc = Scenario(scenario)
    H = sc.H
    r = sc.r
    version_2 = uses_version_2(scenario)

    work_total = 0.0
    work_pv = 0.0
    for m in range(H):
        W = sc.work(m)
        work_total += W
        work_pv += W * discount(r, sc.t_month(m))

    results = []
    cumulative_costs = []
    for option in scenario["options"]:
        flows = option_flows(option, sc)

        upfront = total_of(a for _, a in flows.upfront)
        monthly = [total_of(a for _, a in month) for month in flows.monthly]
        residual = flows.residual

        # total_cost = upfront + sum(monthly) - residual_value
        total = upfront + total_of(monthly) - residual

        # npv_cost: the same cash flows, each discounted to t = 0
        monthly_pv = 0.0
        for m, x in enumerate(monthly):
            monthly_pv += x * discount(r, sc.t_month(m))
        npv = upfront + monthly_pv - residual * discount(r, sc.t_residual())

        levelized = None if work_total == 0 else f(npv / work_pv)

        result = {
            "id": option["id"],
            "upfront": f(upfront),
            "monthly": [f(x) for x in monthly],
            "residual_value": f(residual),
            "total_cost": f(total),
            "npv_cost": f(npv),
            "work_gpu_hours": f(work_total),
            "idle_gpu_hours": f(flows.idle),
            "levelized_cost_per_gpu_hour": levelized,
        }
        if version_2:
            if "output_unit" in scenario:
                per_hour = float(scenario["output_unit"]["per_gpu_hour"])
                result["levelized_cost_per_unit"] = (
                    None if levelized is None else f(levelized / per_hour))
            result["payback_month"] = None          # filled in below
            result["breakdown"] = breakdown(flows, sc)
        results.append(result)

        cumulative = []
        running = upfront
        for x in monthly:
            running += x
            cumulative.append(running)
        cumulative_costs.append(cumulative)

    if version_2:
        options = scenario["options"]
        base = scenario.get("baseline")
        if base is None:
            base = next((o["id"] for o in options if o["kind"] == "on_demand"),
                        options[0]["id"])
        b = [o["id"] for o in options].index(base)
        for j, result in enumerate(results):
            if j != b:
                result["payback_month"] = payback_month(cumulative_costs[j],
                                                        cumulative_costs[b])

    lowest = min(o["npv_cost"] for o in results)
    cheapest = None
    for o in results:
        if o["npv_cost"] - lowest <= TIE_REL * abs(lowest):
            cheapest = o["id"]
            break

    return {"schema": RESULT_SCHEMA, "cheapest": cheapest, "options": results}


def breakdown(flows, sc):
    """{category: {"total": nominal sum, "npv": present value}} (§16)."""
    totals = {c: [] for c in CATEGORIES}
    pvs = {c: [] for c in CATEGORIES}
    for category, amount in flows.upfront:
        totals[category].append(amount)
        pvs[category].append(amount)
    for m, month in enumerate(flows.monthly):
        factor = discount(sc.r, sc.t_month(m))
        for category, amount in month:
            totals[category].append(amount)
            pvs[category].append(amount * factor)
    if flows.residual != 0:
        totals["residual"].append(-flows.residual)
        pvs["residual"].append(-flows.residual * discount(sc.r, sc.t_residual()))
    return {c: {"total": f(total_of(totals[c])), "npv": f(total_of(pvs[c]))}
            for c in CATEGORIES}


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
