#!/usr/bin/env python3
"""Independent reference validator of gpu-tco/1 scenarios: METHODOLOGY.md
section 2's rules with the version 2 fields of sections 9-16 and the readings
of section 17.  Pure Python 3 standard library, written from the methodology
alone (no code in core/ was read).

It exists to keep the golden data honest: every scenario in tests/data/v2 must
be valid, and every tests/data/v2/invalid/NAME.json must report exactly the
paths of NAME.problems.txt.  The paths are the contract; the messages are this
script's own wording in the engine's style and are not compared.

Usage:
    python3 validate_reference.py SCENARIO.json          # print PATH: message lines
    python3 validate_reference.py --check-valid DIR      # every NAME.json with NAME.expected.json is valid
    python3 validate_reference.py --check-invalid DIR    # paths match NAME.problems.txt

Malformed JSON, duplicate keys and non-finite numbers are left to the engine
(the invalid v1 cases cover them); this script reads with Python's json module.
"""

import json
import os
import re
import sys

ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_SEED = 2 ** 53 - 1
ALL_OPTION_FIELDS = {
    "id", "kind", "label", "market", "gpus", "term_months", "price", "escalator_per_year",
    "prepay_fraction", "prepay_discount", "overflow", "after_term", "start_month",
    "before_start", "discount_to_on_demand", "ramp", "exit_month", "exit_fee_fraction",
    "usage_price", "availability", "capex_per_gpu", "lead_time_months", "power_kw_per_gpu",
    "pue", "energy_price_per_kwh", "energy_trend_per_year", "colo_per_kw_month",
    "opex_fraction_per_year", "useful_life_months", "residual", "resale_decline_per_year",
    "financing", "idle_power_fraction", "setup_cost", "fixed_cost_per_month",
    "monthly_commitment", "discount", "parts"}


def fmt(x):
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


def describe(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, str):
        return 'a string ("%s")' % v
    if isinstance(v, list):
        return "an array"
    return "an object"


class Validator:
    def __init__(self):
        self.problems = []

    def add(self, path, message):
        self.problems.append((path, message))

    # --------------------------------------------------------- typed readers

    def number(self, obj, key, path, lo, hi, lo_open=False, hi_open=False,
               required=False, whole=False, hi_note=""):
        """A numeric field.  Returns the value, or None if absent or wrong."""
        p = path + "." + key if path else key
        if key not in obj:
            if required:
                self.add(p, "required field is missing")
            return None
        v = obj[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.add(p, "must be a number, got %s" % describe(v))
            return None
        bad = (v <= lo if lo_open else v < lo) or (v >= hi if hi_open else v > hi)
        if whole and float(v) != int(v):
            bad = True
        if bad:
            if whole:
                self.add(p, "must be a whole number from %s to %s%s, got %s"
                         % (fmt(lo), fmt(hi), hi_note, fmt(v)))
            elif lo_open and not hi_open:
                self.add(p, "must be a number greater than %s and at most %s, got %s"
                         % (fmt(lo), fmt(hi), fmt(v)))
            elif not lo_open and hi_open:
                self.add(p, "must be a number at least %s and less than %s, got %s"
                         % (fmt(lo), fmt(hi), fmt(v)))
            else:
                self.add(p, "must be a number from %s to %s, got %s" % (fmt(lo), fmt(hi), fmt(v)))
            return None
        return v

    def string(self, obj, key, path, max_len=None, min_len=0, required=False):
        p = path + "." + key if path else key
        if key not in obj:
            if required:
                self.add(p, "required field is missing")
            return None
        v = obj[key]
        if not isinstance(v, str):
            self.add(p, "must be a string, got %s" % describe(v))
            return None
        if max_len is not None and len(v) > max_len:
            self.add(p, "must be at most %d characters long, got %d" % (max_len, len(v)))
            return None
        if len(v) < min_len:
            self.add(p, "must be %d to %d characters long, got %d" % (min_len, max_len, len(v)))
            return None
        return v

    def enum(self, obj, key, path, values):
        p = path + "." + key if path else key
        if key not in obj:
            return None
        v = obj[key]
        if v not in values:
            self.add(p, "must be one of %s, got %s"
                     % (", ".join('"%s"' % x for x in values), describe(v)))
            return None
        return v

    def obj(self, parent, key, path, required=False):
        p = path + "." + key if path else key
        if key not in parent:
            if required:
                self.add(p, "required field is missing")
            return None
        v = parent[key]
        if not isinstance(v, dict):
            self.add(p, "must be an object, got %s" % describe(v))
            return None
        return v

    def array(self, parent, key, path, lo, hi, what):
        p = path + "." + key if path else key
        if key not in parent:
            return None
        v = parent[key]
        if not isinstance(v, list):
            self.add(p, "must be an array of %s, got %s" % (what, describe(v)))
            return None
        if len(v) < lo or len(v) > hi:
            self.add(p, "must hold %d to %d %s, got %d" % (lo, hi, what, len(v)))
            return None
        return v

    def unknown(self, obj, allowed, path):
        for k in obj:
            if k not in allowed:
                self.add(path + "." + k if path else k, "unknown field")

    def steps(self, parent, key, path, max_steps, month_key, lo, hi, value_key, value_rule, hi_note):
        """ramp, price_steps, demand.steps: months strictly increasing."""
        arr = self.array(parent, key, path, 0 if key != "ramp" else 1, max_steps, "steps")
        if arr is None:
            return []
        p = path + "." + key if path else key
        previous = None
        out = []
        for j, step in enumerate(arr):
            sp = "%s[%d]" % (p, j)
            if not isinstance(step, dict):
                self.add(sp, "each step must be an object, got %s" % describe(step))
                continue
            self.unknown(step, {month_key, value_key}, sp)
            month = self.number(step, month_key, sp, lo, hi, whole=True, required=True, hi_note=hi_note)
            value_rule(step, value_key, sp)
            if month is not None:
                if previous is not None and month <= previous:
                    self.add(sp + "." + month_key, "must be greater than the previous step's %s (%s), got %s"
                             % (month_key, fmt(previous), fmt(month)))
                previous = month
            out.append(step)
        return out

    # --------------------------------------------------------- the scenario

    def scenario(self, s):
        if not isinstance(s, dict):
            self.add("(root)", "a scenario must be a JSON object, got %s" % describe(s))
            return
        self.unknown(s, {"schema", "name", "currency", "horizon_months", "discount_rate",
                         "hours_per_month", "demand", "market", "markets", "options",
                         "uncertainty", "cash_flow_timing", "baseline", "output_unit"}, "")
        if "schema" not in s:
            self.add("schema", "required field is missing")
        elif s["schema"] != "gpu-tco/1":
            self.add("schema", 'unsupported scenario version "%s"; this engine reads "gpu-tco/1"' % s["schema"])
            return      # a newer document: nothing else in it can be judged
        self.string(s, "name", "", max_len=200)
        cur = self.string(s, "currency", "")
        if cur is not None and not re.match(r"^[A-Z]{3}$", cur):
            self.add("currency", "must be a 3-letter ISO 4217 code in capitals, got %s" % describe(cur))
        H = self.number(s, "horizon_months", "", 1, 240, whole=True, required=True)
        self.number(s, "discount_rate", "", 0, 1, required=True)
        self.number(s, "hours_per_month", "", 1, 744)
        self.enum(s, "cash_flow_timing", "", ["end_of_month", "end_of_year"])
        Hs = int(H) if H is not None else None
        step_hi = (Hs - 1) if Hs is not None else 239
        note = " (horizon_months - 1)"

        demand = self.obj(s, "demand", "", required=True)
        if demand is not None:
            self.unknown(demand, {"gpus", "growth_per_year", "steps"}, "demand")
            self.number(demand, "gpus", "demand", 0, 1e7, required=True)
            self.number(demand, "growth_per_year", "demand", -1, 10, lo_open=True)
            self.steps(demand, "steps", "demand", 24, "month", 1, step_hi, "gpus",
                       lambda o, k, p: self.number(o, k, p, 0, 1e7, required=True), note)

        spot_markets = {}        # market id -> path of its market object
        market_fields = {}
        market = self.obj(s, "market", "", required=True)
        if market is not None:
            self.market_fields(market, "market", step_hi, note, top=True)
            market_fields["default"] = ("market", market)

        markets = self.array(s, "markets", "", 0, 7, "markets")
        if markets is not None:
            seen = {}
            for j, mk in enumerate(markets):
                mp = "markets[%d]" % j
                if not isinstance(mk, dict):
                    self.add(mp, "each market must be an object, got %s" % describe(mk))
                    continue
                self.market_fields(mk, mp, step_hi, note, top=False)
                mid = mk.get("id")
                if "id" not in mk:
                    self.add(mp + ".id", "required field is missing")
                elif not isinstance(mid, str) or not ID_RE.match(mid):
                    self.add(mp + ".id", "must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got %s" % describe(mid))
                elif mid == "default":
                    self.add(mp + ".id", 'must not be "default": that is the id of the top-level market')
                elif mid in seen:
                    self.add(mp + ".id", 'duplicate id "%s"; markets[%d] already uses it' % (mid, seen[mid]))
                else:
                    seen[mid] = j
                    market_fields[mid] = (mp, mk)

        options = s.get("options")
        if "options" not in s:
            self.add("options", "required field is missing")
            options = None
        elif not isinstance(options, list):
            self.add("options", "must be an array of options, got %s" % describe(options))
            options = None
        elif len(options) < 1:
            self.add("options", "must hold at least 1 option, got 0")
        elif len(options) > 16:
            self.add("options", "must hold at most 16 options, got %d" % len(options))
            options = None
        ids = {}
        if options is not None:
            for i, opt in enumerate(options):
                op = "options[%d]" % i
                if not isinstance(opt, dict):
                    self.add(op, "each option must be an object, got %s" % describe(opt))
                    continue
                oid = opt.get("id")
                if "id" not in opt:
                    self.add(op + ".id", "required field is missing")
                elif not isinstance(oid, str) or not ID_RE.match(oid):
                    self.add(op + ".id", "must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got %s" % describe(oid))
                elif oid in ids:
                    self.add(op + ".id", 'duplicate id "%s"; options[%d] already uses it' % (oid, ids[oid]))
                else:
                    ids[oid] = i
                self.option(opt, op, Hs, market_fields, spot_markets, i, part=False)

        for mid, users in spot_markets.items():
            if mid in market_fields:
                mp, mk = market_fields[mid]
                if "spot_price" not in mk:
                    self.add(mp + ".spot_price", "required because %s buys on the spot market" % users[0])

        base = s.get("baseline")
        if "baseline" in s:
            if not isinstance(base, str):
                self.add("baseline", "must be a string, got %s" % describe(base))
            elif base not in ids:
                self.add("baseline", 'must be the id of an option, got %s' % describe(base))

        unit = self.obj(s, "output_unit", "")
        if unit is not None:
            self.unknown(unit, {"name", "per_gpu_hour"}, "output_unit")
            self.string(unit, "name", "output_unit", max_len=40, min_len=1, required=True)
            self.number(unit, "per_gpu_hour", "output_unit", 0, 1e12, lo_open=True, required=True)

        unc = self.obj(s, "uncertainty", "")
        if unc is not None:
            self.unknown(unc, {"price_volatility_per_year", "paths", "seed",
                               "demand_volatility_per_year", "price_demand_correlation"}, "uncertainty")
            self.number(unc, "price_volatility_per_year", "uncertainty", 0, 5, required=True)
            self.number(unc, "paths", "uncertainty", 1, 1000000, whole=True, required=True)
            self.number(unc, "seed", "uncertainty", 0, MAX_SEED, whole=True, required=True)
            self.number(unc, "demand_volatility_per_year", "uncertainty", 0, 5)
            self.number(unc, "price_demand_correlation", "uncertainty", -1, 1)

    def market_fields(self, mk, mp, step_hi, note, top):
        allowed = {"on_demand_price", "spot_price", "price_trend_per_year",
                   "spot_interruption_overhead", "price_steps", "spot_available_gpus"}
        if not top:
            allowed |= {"id", "label", "performance"}
            self.string(mk, "label", mp, max_len=200)
            self.number(mk, "performance", mp, 0, 100, lo_open=True, required=True)
        self.unknown(mk, allowed, mp)
        self.number(mk, "on_demand_price", mp, 0, 10000, lo_open=True, required=True)
        self.number(mk, "spot_price", mp, 0, 10000, lo_open=True)
        self.number(mk, "price_trend_per_year", mp, -1, 10, lo_open=True)
        self.number(mk, "spot_interruption_overhead", mp, 0, 10)
        self.number(mk, "spot_available_gpus", mp, 0, 1e7, lo_open=True)
        self.steps(mk, "price_steps", mp, 12, "month", 1, step_hi, "change",
                   lambda o, k, p: self.number(o, k, p, -1, 10, lo_open=True, required=True), note)

    def option(self, opt, op, H, market_fields, spot_markets, i, part):
        common = {"kind", "market"} if part else {"id", "kind", "label", "market"}
        if part:
            for key in ("id", "label", "overflow", "after_term", "before_start"):
                if key in opt:
                    self.add(op + "." + key, "not allowed in a portfolio part%s"
                             % ("; the portfolio's overflow serves every part"
                                if key in ("overflow", "after_term", "before_start") else ""))
            common |= {"id", "label", "overflow", "after_term", "before_start"}
        kinds = ["commit", "own"] if part else ["on_demand", "spot", "commit", "own",
                                                 "spend_commit", "portfolio"]
        kind = opt.get("kind")
        if "kind" not in opt:
            self.add(op + ".kind", "required field is missing")
            return
        if kind not in kinds:
            if not part:
                # Fields no kind knows are still reported (as version 1 does).
                self.unknown(opt, ALL_OPTION_FIELDS, op)
            if part:
                self.add(op + ".kind", "a portfolio part must be one of %s, got %s"
                         % (", ".join('"%s"' % x for x in kinds), describe(kind)))
            else:
                self.add(op + ".kind", "must be one of %s, got %s"
                         % (", ".join('"%s"' % x for x in kinds), describe(kind)))
            return
        if not part:
            self.string(opt, "label", op, max_len=200)
        mid = opt.get("market", "default")
        if "market" in opt:
            if not isinstance(mid, str):
                self.add(op + ".market", "must be a string, got %s" % describe(mid))
                mid = None
            elif mid not in market_fields:
                self.add(op + ".market", 'must be "default" or the id of one of markets, got %s' % describe(mid))
                mid = None
        where = "options[%d]" % i

        def uses(field):
            if opt.get(field) == "spot" and mid is not None:
                spot_markets.setdefault(mid, []).append(where)

        market_enum = ["on_demand", "spot"]
        hn = " (horizon_months)" if H is not None else ""
        Hv = H if H is not None else 240
        if kind in ("on_demand", "spot"):
            self.unknown(opt, common, op)
            if kind == "spot" and mid is not None:
                spot_markets.setdefault(mid, []).append(where)
        elif kind == "commit":
            allowed = common | {"gpus", "term_months", "price", "escalator_per_year",
                                "prepay_fraction", "prepay_discount", "start_month",
                                "discount_to_on_demand", "ramp", "exit_month",
                                "exit_fee_fraction", "usage_price", "availability"}
            if not part:
                allowed |= {"overflow", "after_term", "before_start"}
            self.unknown(opt, allowed, op)
            self.number(opt, "gpus", op, 0, 1e7, lo_open=True, required=True)
            T = self.number(opt, "term_months", op, 1, Hv, whole=True, required=True, hi_note=hn)
            if "price" in opt and "discount_to_on_demand" in opt:
                self.add(op + ".price", "give price or discount_to_on_demand, not both")
            elif "price" not in opt and "discount_to_on_demand" not in opt:
                self.add(op + ".price", "required field is missing; give price or discount_to_on_demand")
            else:
                self.number(opt, "price", op, 0, 10000, lo_open=True)
                self.number(opt, "discount_to_on_demand", op, 0, 1, hi_open=True)
            self.number(opt, "escalator_per_year", op, -1, 1, lo_open=True)
            self.number(opt, "prepay_fraction", op, 0, 1)
            self.number(opt, "prepay_discount", op, 0, 1, hi_open=True)
            s = self.number(opt, "start_month", op, 0, Hv - 1, whole=True, hi_note=" (horizon_months - 1)")
            if T is not None and s is not None and H is not None and s + T > H:
                self.add(op + ".term_months", "start_month + term_months must be at most %d (horizon_months), got %s + %s"
                         % (H, fmt(s), fmt(T)))
            Tv = int(T) if T is not None else None
            tnote = " (term_months - 1)"
            if Tv is not None:
                self.steps(opt, "ramp", op, 24, "from_month", 1, Tv - 1, "gpus",
                           lambda o, k, p: self.number(o, k, p, 0, 1e7, lo_open=True, required=True), tnote)
                self.number(opt, "exit_month", op, 1, Tv - 1, whole=True, hi_note=tnote)
            self.number(opt, "exit_fee_fraction", op, 0, 1)
            self.number(opt, "usage_price", op, 0, 10000)
            self.number(opt, "availability", op, 0, 1, lo_open=True)
            if not part:
                for field in ("overflow", "after_term", "before_start"):
                    self.enum(opt, field, op, market_enum)
                    uses(field)
        elif kind == "own":
            allowed = common | {"gpus", "capex_per_gpu", "lead_time_months", "power_kw_per_gpu",
                                "pue", "energy_price_per_kwh", "energy_trend_per_year",
                                "colo_per_kw_month", "opex_fraction_per_year",
                                "useful_life_months", "residual", "resale_decline_per_year",
                                "financing", "availability", "idle_power_fraction",
                                "setup_cost", "fixed_cost_per_month"}
            if not part:
                allowed |= {"overflow"}
            self.unknown(opt, allowed, op)
            self.number(opt, "gpus", op, 0, 1e7, lo_open=True, required=True)
            self.number(opt, "capex_per_gpu", op, 0, 1e8, required=True)
            self.number(opt, "lead_time_months", op, 0, Hv, whole=True, hi_note=hn)
            self.number(opt, "power_kw_per_gpu", op, 0, 100)
            self.number(opt, "pue", op, 1, 5)
            self.number(opt, "energy_price_per_kwh", op, 0, 100)
            self.number(opt, "energy_trend_per_year", op, -1, 10, lo_open=True)
            self.number(opt, "colo_per_kw_month", op, 0, 100000)
            self.number(opt, "opex_fraction_per_year", op, 0, 1)
            self.number(opt, "useful_life_months", op, 1, 600, whole=True)
            self.enum(opt, "residual", op, ["straight_line", "none", "declining_balance"])
            residual = opt.get("residual", "straight_line")
            if residual == "declining_balance":
                if "resale_decline_per_year" not in opt:
                    self.add(op + ".resale_decline_per_year", 'required with residual "declining_balance"')
                else:
                    self.number(opt, "resale_decline_per_year", op, 0, 1, hi_open=True)
            elif "resale_decline_per_year" in opt and residual in ("straight_line", "none"):
                self.add(op + ".resale_decline_per_year",
                         'only allowed with residual "declining_balance", got residual "%s"' % residual)
            fin = self.obj(opt, "financing", op)
            if fin is not None:
                fp = op + ".financing"
                self.unknown(fin, {"fraction", "rate_per_year", "term_months"}, fp)
                self.number(fin, "fraction", fp, 0, 1, required=True)
                self.number(fin, "rate_per_year", fp, 0, 1, required=True)
                self.number(fin, "term_months", fp, 1, 360, whole=True, required=True)
            self.number(opt, "availability", op, 0, 1, lo_open=True)
            self.number(opt, "idle_power_fraction", op, 0, 1)
            self.number(opt, "setup_cost", op, 0, 1e12)
            self.number(opt, "fixed_cost_per_month", op, 0, 1e10)
            if not part:
                self.enum(opt, "overflow", op, market_enum)
                uses("overflow")
        elif kind == "spend_commit":
            self.unknown(opt, common | {"monthly_commitment", "term_months", "discount", "after_term"}, op)
            self.number(opt, "monthly_commitment", op, 0, 1e10, lo_open=True, required=True)
            self.number(opt, "term_months", op, 1, Hv, whole=True, required=True, hi_note=hn)
            self.number(opt, "discount", op, 0, 1, hi_open=True, required=True)
            self.enum(opt, "after_term", op, market_enum)
            uses("after_term")
        elif kind == "portfolio":
            self.unknown(opt, common | {"parts", "overflow"}, op)
            if "parts" not in opt:
                self.add(op + ".parts", "required field is missing")
            else:
                parts = self.array(opt, "parts", op, 1, 8, "parts")
                for j, p in enumerate(parts or []):
                    pp = "%s.parts[%d]" % (op, j)
                    if not isinstance(p, dict):
                        self.add(pp, "each part must be an object, got %s" % describe(p))
                        continue
                    self.option(p, pp, H, market_fields, spot_markets, i, part=True)
            self.enum(opt, "overflow", op, market_enum)
            uses("overflow")


def validate(scenario):
    v = Validator()
    v.scenario(scenario)
    return v.problems


def main(argv):
    if len(argv) == 3 and argv[1] in ("--check-valid", "--check-invalid"):
        d = argv[2]
        ok = True
        if argv[1] == "--check-valid":
            for n in sorted(os.listdir(d)):
                if n.endswith(".expected.json"):
                    name = n[:-len(".expected.json")]
                    with open(os.path.join(d, name + ".json"), encoding="utf-8") as fh:
                        problems = validate(json.load(fh))
                    print("%-45s %s" % (name, "valid" if not problems else "INVALID"))
                    for p, m in problems:
                        print("    %s: %s" % (p, m))
                    ok = ok and not problems
        else:
            for n in sorted(os.listdir(d)):
                if n.endswith(".problems.txt"):
                    name = n[:-len(".problems.txt")]
                    with open(os.path.join(d, name + ".json"), encoding="utf-8") as fh:
                        got = [p for p, _ in validate(json.load(fh))]
                    with open(os.path.join(d, n), encoding="utf-8") as fh:
                        want = [line.split(": ", 1)[0] for line in fh.read().splitlines() if line]
                    same = sorted(got) == sorted(want)
                    print("%-45s %s" % (name, "paths match" if same else "MISMATCH"))
                    if not same:
                        print("    validator: %s\n    expected:  %s" % (got, want))
                    ok = ok and same
        return 0 if ok else 1
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as fh:
        problems = validate(json.load(fh))
    for p, m in problems:
        print("%s: %s" % (p, m))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
