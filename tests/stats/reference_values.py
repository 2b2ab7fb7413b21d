#!/usr/bin/env python3
"""Independent computation of the expected values in tests/stats/*_test.cpp.

Written from the formulas as published, not from tourney's C++:
- trinomial / pentanomial Elo, nElo, LOS: fastchess app/src/matchmaking/elo/
  elo_wdl.cpp and elo_pentanomial.cpp (mean score, variance per sample, 95%
  interval mu +- 1.96 sd/sqrt(n) mapped through -400 log10(1/x - 1), half
  width; nElo = (mu - 0.5)/sigma_per_game * 800/ln 10); LOS as fishtest
  stat_util.get_elo: Phi((mu - 0.5) / (sd / sqrt(n))).
- SPRT LLR: fishtest server/fishtest/stats/LLRcalc.py (regularize zeros to
  1e-3, MLE_expected / MLE_t_value, secular equation), with bisection in place
  of scipy's brentq (scipy is not installed here).
- Bradley-Terry ratings: Zermelo's fixed-point / Hunter (2004, Ann. Statist.
  32(1), eq. 3) MM iteration pi_i <- W_i / sum_j n_ij / (pi_i + pi_j), a
  different algorithm from the C++ Newton solver; standard errors from a
  finite-difference Hessian of the log-likelihood. Since issue 17 the
  ratings have a draw term (BayesElo's model) and tests/stats/ratings_test.cpp
  takes its values from tests/stats/league_reference.py; these Bradley-Terry
  values describe the fit tourney had before (bench/lib: old_bradley_terry).
Run: python3 tests/stats/reference_values.py
"""
import math
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)
NELO = 800 / math.log(10)


def elo(x):
    return -400 * math.log10(1 / x - 1)


def estimate(values, counts, sigma_scale):
    n = sum(counts)
    mu = sum(v * c for v, c in zip(values, counts)) / n
    var = sum(c * (v - mu) ** 2 for v, c in zip(values, counts)) / n
    se = math.sqrt(var / n)
    lo, hi = mu - Z * se, mu + Z * se
    e = elo(mu)
    err = (elo(hi) - elo(lo)) / 2
    sigma = sigma_scale * math.sqrt(var)
    nelo = (mu - 0.5) / sigma * NELO
    nerr = ((hi - 0.5) / sigma * NELO - (lo - 0.5) / sigma * NELO) / 2
    los = NormalDist().cdf((mu - 0.5) / se)
    return dict(score=mu, elo=e, err=err, lo=elo(lo), hi=elo(hi), nelo=nelo, nerr=nerr, los=los)


def trinomial(w, l, d):
    return estimate([0, 0.5, 1], [l, d, w], 1)


def pentanomial(p):
    return estimate([0, 0.25, 0.5, 0.75, 1], p, math.sqrt(2))


def secular(a, p):
    lo, hi = -1 / max(a), -1 / min(a)
    for _ in range(300):
        mid = (lo + hi) / 2
        f = sum(pi * ai / (1 + mid * ai) for ai, pi in zip(a, p))
        if f > 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def mle_expected(vals, probs, s):
    a = [v - s for v in vals]
    x = secular(a, probs)
    return [p / (1 + x * ai) for ai, p in zip(a, probs)]


def mle_t(vals, probs, ref, t):
    n = len(vals)
    cur = [1 / n] * n
    for _ in range(1000):
        mu = sum(v * p for v, p in zip(vals, cur))
        var = sum(p * (v - mu) ** 2 for v, p in zip(vals, cur))
        sigma = math.sqrt(var)
        phi = [v - ref - t * sigma * (1 + ((mu - v) / sigma) ** 2) / 2 for v in vals]
        x = secular(phi, probs)
        new = [p / (1 + x * f) for p, f in zip(probs, phi)]
        done = max(abs(a - b) for a, b in zip(new, cur)) < 1e-14
        cur = new
        if done:
            break
    return cur


def prep(results):
    r = [c if c != 0 else 1e-3 for c in results]
    N = sum(r)
    vals = [i / (len(r) - 1) for i in range(len(r))]
    return N, vals, [c / N for c in r]


def llr(p0, p1, probs, N):
    return N * sum(p * (math.log(b) - math.log(a)) for p, a, b in zip(probs, p0, p1))


def llr_logistic(elo0, elo1, results):
    N, vals, probs = prep(results)
    s0, s1 = [1 / (1 + 10 ** (-e / 400)) for e in (elo0, elo1)]
    return llr(mle_expected(vals, probs, s0), mle_expected(vals, probs, s1), probs, N)


def llr_normalized(nelo0, nelo1, results):
    N, vals, probs = prep(results)
    k = math.sqrt(2) if len(results) == 5 else 1
    t0, t1 = [k * e / NELO for e in (nelo0, nelo1)]
    return llr(mle_t(vals, probs, 0.5, t0), mle_t(vals, probs, 0.5, t1), probs, N)


def bradley_terry(n_players, games):
    """games: list of (i, j, points_i, n_ij). Returns Elo (first player 0) and
    standard errors (Elo) from the inverse of the negated finite-difference Hessian."""
    W = [0.0] * n_players
    n = [[0.0] * n_players for _ in range(n_players)]
    S = [[0.0] * n_players for _ in range(n_players)]
    for i, j, pts, cnt in games:
        W[i] += pts
        W[j] += cnt - pts
        n[i][j] += cnt
        n[j][i] += cnt
        S[i][j] += pts
        S[j][i] += cnt - pts
    pi = [1.0] * n_players
    for _ in range(100000):
        new = [W[i] / sum(n[i][j] / (pi[i] + pi[j]) for j in range(n_players) if j != i)
               for i in range(n_players)]
        new = [v / new[0] for v in new]
        if max(abs(a - b) for a, b in zip(new, pi)) < 1e-15:
            pi = new
            break
        pi = new
    r = [math.log(v) for v in pi]  # nats

    def ll(r):
        s = 0.0
        for i in range(n_players):
            for j in range(i + 1, n_players):
                if n[i][j]:
                    p = 1 / (1 + math.exp(-(r[i] - r[j])))
                    s += S[i][j] * math.log(p) + S[j][i] * math.log(1 - p)
        return s

    h = 1e-4
    free = list(range(1, n_players))
    H = [[0.0] * len(free) for _ in free]
    for a, i in enumerate(free):
        for b, j in enumerate(free):
            def f(di, dj):
                x = list(r)
                x[i] += di
                x[j] += dj
                return ll(x)
            H[a][b] = -(f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    inv = invert(H)
    k = 400 / math.log(10)
    elos = [v * k for v in r]
    cov = [[0.0] * n_players for _ in range(n_players)]
    for a, i in enumerate(free):
        for b, j in enumerate(free):
            cov[i][j] = inv[a][b]
    return elos, cov


def invert(m):
    n = len(m)
    a = [row[:] + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(m)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        d = a[c][c]
        a[c] = [v / d for v in a[c]]
        for r in range(n):
            if r != c:
                f = a[r][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [row[n:] for row in a]


if __name__ == "__main__":
    k = 400 / math.log(10)
    print("fastchess EloWDL 2 (W136 L96 D111):", trinomial(136, 96, 111))
    print("fastchess EloWDL 1 (W76 L89 D123):", trinomial(76, 89, 123))
    print("fastchess EloWDL 3 (W34 L356 D0):", trinomial(34, 356, 0))
    mu, var = 0.95, 0.9 * 0.05 ** 2 + 0.1 * 0.45 ** 2  # W9 L0 D1
    print("W9 L0 D1: elo", elo(mu), "lower", elo(mu - Z * math.sqrt(var / 10)),
          "upper score", mu + Z * math.sqrt(var / 10))
    print("penta [34,54,63,64,75]:", pentanomial([34, 54, 31 + 32, 64, 75]))
    print("penta [332,433,498,333,334]:", pentanomial([332, 433, 457 + 41, 333, 334]))
    print("penta [7895,8757,5685,568,9999]:", pentanomial([7895, 8757, 5485 + 200, 568, 9999]))
    print("LLR normalized penta [365,16618,36229,16974,390] 0..2:",
          llr_normalized(0, 2, [365, 16618, 36229, 16974, 390]))
    print("LLR normalized penta [127,4883,10712,5150,104] -1.75..0.25:",
          llr_normalized(-1.75, 0.25, [127, 4883, 10311 + 401, 5150, 104]))
    print("LLR normalized penta [0,0,0,0,104] 0..5:", llr_normalized(0, 5, [0, 0, 0, 0, 104]))
    print("LLR logistic penta [223,9863,21279,10037,246] 0.5..2.5:",
          llr_logistic(0.5, 2.5, [223, 9863, 20279 + 1000, 10037, 246]))
    print("LLR logistic penta [871,26175,55983,26678,821] 0..2:",
          llr_logistic(0, 2, [871, 26175, 55003 + 980, 26678, 821]))
    print("LLR normalized tri L36027 D68692 W36433 0..2:", llr_normalized(0, 2, [36027, 68692, 36433]))
    print("LLR logistic tri L21184 D40708 W21404 0.5..2.5:", llr_logistic(0.5, 2.5, [21184, 40708, 21404]))
    print("LLR logistic penta fishtest [10789,19328,33806,19402,10543] -3..1:",
          llr_logistic(-3, 1, [10789, 19328, 33806, 19402, 10543]))
    print("LLR normalized penta [0,0,0,0,0] 0..5:", llr_normalized(0, 5, [0, 0, 0, 0, 0]))
    # Three players: A-B 6.5/10, B-C 7/12, A-C 5/8 (points of the first).
    elos, cov = bradley_terry(3, [(0, 1, 6.5, 10), (1, 2, 7.0, 12), (0, 2, 5.0, 8)])
    print("BT anchored A: elo", elos, "err95", [Z * math.sqrt(cov[i][i]) * k for i in range(3)])
    m = sum(elos) / 3
    # covariance of r - mean(r): P C P, P = I - 11'/3
    n = 3
    rm = [sum(cov[i]) / n for i in range(n)]
    tm = sum(rm) / n
    print("BT mean 0: elo", [e - m for e in elos], "err95",
          [Z * math.sqrt(cov[i][i] - 2 * rm[i] + tm) * k for i in range(n)])
    # Two players reduce to the closed form: elo = -400 log10(1/s - 1).
    elos2, cov2 = bradley_terry(2, [(0, 1, 13.0, 20)])
    print("BT 2 players 13/20:", elos2, Z * math.sqrt(cov2[1][1]) * k, "closed form", -elo(13 / 20))
