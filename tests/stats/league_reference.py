#!/usr/bin/python3
"""Independent fit of the league model, for tests/stats/league_test.cpp.

Written from the published model, not from tourney's C++ (which uses Newton's
method on the ordered-logit form):
- Model: Rao-Kupper ties with a home (first-move) advantage (Hunter 2004,
  Ann. Statist. 32(1), section 3; BayesElo's model, Coulom 2005). With
  strengths g_i = e^{l_i}, first-move factor h, tie factor t > 1:
    P(black wins) = h g_b / (h g_b + t g_w), P(white wins) = g_w / (g_w + t h g_b),
    P(draw) = (t^2 - 1) h g_b g_w / ((h g_b + t g_w)(g_w + t h g_b));
  Elo = l * 400 / ln 10; first_move = ln h, draw = ln t (in the same units).
  Games of unknown colours use h = 1. Three virtual games between equal
  players (one black win, one white win, one draw) regularise h and t.
- Algorithm: minorisation-maximisation for the strengths (each -log(sum) is
  replaced by its tangent, which separates the players: Hunter 2004 eq. 3,
  with the Gaussian priors kept exact, or majorised by
  (x - y)^2 <= 2 (x - c)^2 + 2 (y - c)^2 for the sequential prior, and the
  one-dimensional surrogate maximised by Newton), alternating with scipy's
  bounded quasi-Newton for (ln h, ln t). Intervals: 1.96 sd from the inverse
  of a finite-difference Hessian of the log posterior.
Input (JSON on stdin): {"players": n, "games": [[black, white, bw, ww, d], ...],
"neutral": [[first, second, w, l, d], ...], "anchors": [[player, elo, sd], ...],
"sequence": [...], "sequential_sd": s, "mean_zero": bool}. Every player must
be rated (a connected league where points went both ways). Output: {"elo",
"error95", "first_move", "draw"}.
"""
import json
import math
import sys

import numpy as np
import scipy.optimize

ELO = 400 / math.log(10)
Z = 1.959963984540054


def load(spec):
    n = spec["players"]
    rows = []  # (i, j, coloured, i_wins, j_wins, draws)
    for b, w, bw, ww, d in spec.get("games", []):
        rows.append((b, w, True, bw, ww, d))
    for f, s, wi, lo, d in spec.get("neutral", []):
        rows.append((f, s, False, wi, lo, d))
    return n, rows


def log_posterior(l, lh, lt, rows, spec):
    """Log posterior in the multiplicative form (a second formula, for the
    Hessian and the nuisance step)."""
    total = 0.0
    all_rows = rows + [(-1, -1, True, 1, 1, 1)]
    for i, j, coloured, iw, jw, d in all_rows:
        li = l[i] if i >= 0 else 0.0
        lj = l[j] if j >= 0 else 0.0
        h = lh if coloured else 0.0
        a = h + li  # log(h g_i)
        s1 = np.logaddexp(a, lt + lj)  # log(h g_i + t g_j)
        s2 = np.logaddexp(lj, lt + a)  # log(g_j + t h g_i)
        total += iw * (a - s1) + jw * (lj - s2)
        if d:
            total += d * (math.log(math.expm1(2 * lt)) + a + lj - s1 - s2)
    for p, elo, sd in spec.get("anchors", []):
        if sd > 0:
            total -= (l[p] - elo / ELO) ** 2 / (2 * (sd / ELO) ** 2)
    ss = spec.get("sequential_sd", 0)
    if ss > 0:
        seq = spec["sequence"]
        for x, y in zip(seq, seq[1:]):
            total -= (l[x] - l[y]) ** 2 / (2 * (ss / ELO) ** 2)
    return total


def mm_step(l, lh, lt, rows, spec, fixed):
    """One MM update of every free log-strength."""
    n = len(l)
    wins = np.zeros(n)  # coefficient of l_i in the surrogate
    rate = np.zeros(n)  # coefficient of e^{l_i}
    g = np.exp(l)
    h, t = math.exp(lh), math.exp(lt)
    for i, j, coloured, iw, jw, d in rows:
        hh = h if coloured else 1.0
        s1 = hh * g[i] + t * g[j]
        s2 = g[j] + t * hh * g[i]
        wins[i] += iw + d
        wins[j] += jw + d
        c1 = iw + d  # weight of -log(s1)
        c2 = jw + d  # weight of -log(s2)
        rate[i] += c1 * hh / s1 + c2 * t * hh / s2
        rate[j] += c1 * t / s1 + c2 / s2
    prec = np.zeros(n)
    centre = np.zeros(n)
    for p, elo, sd in spec.get("anchors", []):
        if sd > 0:
            prec[p] += 1 / (sd / ELO) ** 2
            centre[p] += elo / ELO / (sd / ELO) ** 2
    ss = spec.get("sequential_sd", 0)
    if ss > 0:
        seq = spec["sequence"]
        w = 1 / (ss / ELO) ** 2
        for x, y in zip(seq, seq[1:]):
            c = (l[x] + l[y]) / 2
            for v in (x, y):
                prec[v] += 2 * w
                centre[v] += 2 * w * c
    new = l.copy()
    for i in range(n):
        if i in fixed:
            continue
        # maximise wins*x - rate*e^x - prec/2 x^2 + centre x (concave, 1-D)
        if prec[i] == 0:
            new[i] = math.log(wins[i] / rate[i])
            continue
        x = l[i]
        for _ in range(100):
            gr = wins[i] - rate[i] * math.exp(x) - prec[i] * x + centre[i]
            he = -rate[i] * math.exp(x) - prec[i]
            step = -gr / he
            x += step
            if abs(step) < 1e-15:
                break
        new[i] = x
    return new


def fit(spec):
    n, rows = load(spec)
    l = np.zeros(n)
    fixed = {}
    for p, elo, sd in spec.get("anchors", []):
        if sd == 0:
            fixed[p] = elo / ELO
            l[p] = elo / ELO
    lh, lt = 0.0, 0.5
    mean_zero = spec.get("mean_zero", not spec.get("anchors"))
    for outer in range(100000):
        old = np.concatenate([l, [lh, lt]])
        for _ in range(20):
            l = mm_step(l, lh, lt, rows, spec, fixed)
            if mean_zero:
                l -= l.mean()
        res = scipy.optimize.minimize(
            lambda v: -log_posterior(l, v[0], v[1], rows, spec), [lh, lt],
            method="L-BFGS-B", bounds=[(-10, 10), (1e-9, 20)],
            options={"ftol": 1e-15, "gtol": 1e-12})
        lh, lt = res.x
        now = np.concatenate([l, [lh, lt]])
        if np.max(np.abs(now - old)) < 1e-11:
            break
    # Hessian of the log posterior in the free coordinates.
    free = [i for i in range(n) if i not in fixed]
    gauge = free[0] if mean_zero else None
    coords = [i for i in free if i != gauge]

    def f(v):
        ll = l.copy()
        for k, i in enumerate(coords):
            ll[i] = v[k]
        return log_posterior(ll, v[-2], v[-1], rows, spec)

    v0 = np.array([l[i] for i in coords] + [lh, lt])
    m = len(v0)
    e = 1e-4
    hess = np.zeros((m, m))
    for a in range(m):
        for b in range(a, m):
            def at(da, db):
                v = v0.copy()
                v[a] += da
                v[b] += db
                return f(v)
            val = (at(e, e) - at(e, -e) - at(-e, e) + at(-e, -e)) / (4 * e * e)
            hess[a, b] = hess[b, a] = val
    cov_free = np.linalg.inv(-hess)
    cov = np.zeros((n, n))
    for a, i in enumerate(coords):
        for b, j in enumerate(coords):
            cov[i, j] = cov_free[a, b]
    if mean_zero:
        p = np.eye(n) - np.ones((n, n)) / n
        cov = p @ cov @ p
    return {
        "elo": list(l * ELO),
        "error95": [Z * math.sqrt(max(cov[i, i], 0)) * ELO for i in range(n)],
        "first_move": lh * ELO,
        "first_move_error95": Z * math.sqrt(cov_free[-2, -2]) * ELO,
        "draw": lt * ELO,
        "draw_error95": Z * math.sqrt(cov_free[-1, -1]) * ELO,
    }


if __name__ == "__main__":
    print(json.dumps(fit(json.load(sys.stdin))))
