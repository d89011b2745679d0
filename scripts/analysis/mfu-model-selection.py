#!/usr/bin/env python3
"""
Model selection for the default MFU (docs/methodology.md section 7.1): every candidate predicts each of Epoch AI's
dense training runs (the runs that report 'Hardware utilization', without the mixture-of-experts runs DeepSeek-V3, GLaM
and Switch) from the other runs, leave one run out, in log-MFU space. Printed per candidate: mean and rms |ln error|,
share of runs whose device-hours (1 / MFU) fall within 35%, share inside the predictive p5-p95, and the expected log
predictive density (elpd, Vehtari, Gelman & Gabry 2017, "Practical Bayesian model evaluation using leave-one-out
cross-validation and WAIC", Statistics and Computing 27) with its paired standard error against the shipped model.

An analysis record, not part of the service (the engine's own implementation is src/estimation/mfu.ts, and its
leave-one-run-out figures are printed by `npm run validate`). Needs Python 3 with numpy and scipy:
  python3 scripts/analysis/mfu-model-selection.py [path/to/notable_ai_models.csv]
"""
import csv, itertools, math, os, re, sys
import numpy as np
from scipy import stats

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
CSV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get('REFERENCE_DATA_DIR', os.path.join(ROOT, 'reference-data')), 'epoch', 'notable-ai-models', 'notable_ai_models.csv')
# the generations of scripts/seed-data/build-mfu.ts
GENS = [('nvidia-hopper', r'\b(h100|h800|h200|gh200|h20)\b'), ('nvidia-ampere', r'\b(a100|a800)\b'), ('nvidia-volta', r'\bv100s?\b'),
        ('google-tpu-v4-plus', r'tpu[ _-]?v(4|5|6|7)'), ('google-tpu-v2-v3', r'tpu[ _-]?v(2|3)\b')]
MOE = {'DeepSeek-V3', 'GLaM', 'Switch'}  # seed/training-efficiency.json: their MFU is dense MFU x the MoE penalty
Z95 = stats.norm.ppf(0.95)


def load():
    out = []
    for x in csv.DictReader(open(CSV, encoding='utf-8-sig')):
        try:
            u = float(x['Hardware utilization'])
        except ValueError:
            continue
        if not 0 < u <= 1 or x['Model'].strip() in MOE:
            continue
        hw = x['Training hardware'].strip()
        gen = next((g for g, p in GENS if hw and re.search(p, hw, re.I)), None)
        num = lambda k: float(x[k]) if x[k].strip() else None
        dev = num('Hardware quantity')
        out.append(dict(model=x['Model'].strip(), u=u, gen=gen or 'other:' + x['Model'].strip(),
                        scale=None if dev is None else ('large' if dev >= 1024 else 'small'), dev=dev,
                        params=num('Parameters'), year=int(x['Publication date'][:4]) + int(x['Publication date'][5:7]) / 12))
    return out


def median_rule(train, t, min_n=3):
    """The previous default: the median of the most specific group with n >= 3 (generation + scale, generation, all +
    scale, all); sigma = the group's interquartile spread, never below that of all runs; normal quantiles."""
    sel = [lambda r: r['gen'] == t['gen'] and r['scale'] == t['scale'] and t['scale'],
           lambda r: r['gen'] == t['gen'] and not t['gen'].startswith('other:'),
           lambda r: r['scale'] == t['scale'] and t['scale'], lambda r: True]
    iqr = lambda v: math.log(np.quantile(v, .75) / np.quantile(v, .25)) / 1.349 if np.quantile(v, .25) < np.quantile(v, .75) else 0
    every = [r['u'] for r in train]
    for f in sel:
        v = [r['u'] for r in train if f(r)]
        if len(v) >= min_n:
            return math.log(np.median(v)), max(iqr(v), iqr(every)), math.inf


def anova_oneway(train, t):
    """The shipped model: one-way random effects by generation, ANOVA variance components (Searle, Casella &
    McCulloch 1992, section 3.5), GLS mean, Student-t band with N - J degrees of freedom."""
    labels = sorted({r['gen'] for r in train})
    y = {l: np.array([math.log(r['u']) for r in train if r['gen'] == l]) for l in labels}
    N, J = len(train), len(labels)
    n = np.array([len(y[l]) for l in labels]); m = np.array([y[l].mean() for l in labels])
    s2 = sum(((y[l] - y[l].mean()) ** 2).sum() for l in labels) / (N - J)
    gm = np.concatenate(list(y.values())).mean()
    n0 = (N - (n ** 2).sum() / N) / (J - 1)
    tau2 = max(((n * (m - gm) ** 2).sum() / (J - 1) - s2) / n0, 0)
    lam = tau2 / s2
    w = n / (1 + lam * n); mu = (w * m).sum() / w.sum(); vmu = 1 / w.sum()
    if t['gen'] in labels:
        i = labels.index(t['gen']); d = 1 + lam * n[i]; wt = lam * n[i] / d
        return mu + wt * (m[i] - mu), math.sqrt(s2 * (1 + lam / d + vmu / d ** 2)), N - J
    return mu, math.sqrt(s2 * (1 + lam + vmu)), N - J


GRID = np.exp(np.linspace(math.log(1e-3), math.log(10), 41))


def reml(blocks, covs):
    """Random effects for each key function in `blocks` (variance ratios by REML on a grid), fixed `covs`."""
    def design(rows):
        X = np.array([[1.0] + [c(r) for c in covs] for r in rows])
        Zs, levels = [], []
        for b in blocks:
            labs = sorted({b(r) for r in rows if b(r) is not None}); levels.append(labs)
            Z = np.zeros((len(rows), len(labs)))
            for i, r in enumerate(rows):
                if b(r) is not None:
                    Z[i, labs.index(b(r))] = 1
            Zs.append(Z)
        return X, Zs, levels

    def fn(train, t):
        y = np.array([math.log(r['u']) for r in train]); X, Zs, levels = design(train); N, p = X.shape
        best = None
        for lams in itertools.product(GRID, repeat=len(Zs)):
            H = np.eye(N) + sum(l * Z @ Z.T for l, Z in zip(lams, Zs)); Hi = np.linalg.inv(H); A = X.T @ Hi @ X
            beta = np.linalg.solve(A, X.T @ Hi @ y); r = y - X @ beta; s2 = r @ Hi @ r / (N - p)
            ll = -0.5 * ((N - p) * math.log(s2) + np.linalg.slogdet(H)[1] + np.linalg.slogdet(A)[1])
            if best is None or ll > best[0]:
                best = (ll, lams, beta, s2, Hi, A)
        _, lams, beta, s2, Hi, A = best
        r = y - X @ beta; x = np.array([1.0] + [c(t) for c in covs]); th = x @ beta; c = np.zeros(N); v = 1.0
        for l, Z, labs, b in zip(lams, Zs, levels, blocks):
            v += l
            k = b(t)
            if k is not None and k in labs:
                j = labs.index(k); c += l * Z[:, j]; th += (l * Z.T @ Hi @ r)[j]
        a = x - X.T @ Hi @ c
        return th, math.sqrt(s2 * (v - c @ Hi @ c + a @ np.linalg.solve(A, a))), N - p
    return fn


def loo(fn, data):
    lpd, err, cov = [], [], []
    for i, x in enumerate(data):
        th, s, df = fn(data[:i] + data[i + 1:], x)
        e = math.log(x['u']) - th; err.append(e)
        q = stats.t.ppf(.95, df) if math.isfinite(df) else Z95
        cov.append(abs(e) <= q * s)
        lpd.append((stats.t.logpdf(e / s, df) if math.isfinite(df) else stats.norm.logpdf(e / s)) - math.log(s))
    return np.array(lpd), np.array(err), np.mean(cov)


if __name__ == '__main__':
    data = load()
    G = lambda r: r['gen']
    GS = lambda r: None if r['scale'] is None else r['gen'] + '/' + r['scale']
    logp = lambda r: math.log((r['params'] or 1e10) / 1e10)
    logd = lambda r: math.log((r['dev'] or 1024) / 1024)
    cands = [
        ('previous: median of first group n>=3', median_rule),
        ('shipped: generation, ANOVA (one-way)', anova_oneway),
        ('generation, REML', reml([G], [])),
        ('generation + scale nested, REML', reml([G, GS], [])),
        ('generation + log parameters, REML', reml([G], [logp])),
        ('generation + log devices, REML', reml([G], [logd])),
        ('generation + year, REML', reml([G], [lambda r: r['year'] - 2022])),
        ('one pool (no generations)', lambda tr, x: (np.mean([math.log(r['u']) for r in tr]),
                                                    np.std([math.log(r['u']) for r in tr], ddof=1) * math.sqrt(1 + 1 / len(tr)), len(tr) - 1)),
    ]
    print(f'{len(data)} dense runs with a hardware utilization, {CSV}')
    res = {name: loo(fn, data) for name, fn in cands}
    ref = res['shipped: generation, ANOVA (one-way)'][0]
    print(f"{'candidate':40s} {'mean|e|':>8s} {'rms e':>7s} {'<=35%':>6s} {'p5-p95':>7s} {'elpd':>8s} {'vs shipped (se)':>16s}")
    for name, (lpd, e, cov) in res.items():
        within = np.mean(np.abs(np.exp(e) - 1) <= 0.35)
        d = lpd - ref
        print(f'{name:40s} {np.mean(np.abs(e)):8.3f} {math.sqrt(np.mean(e ** 2)):7.3f} {within:6.2f} {cov:7.2f} {lpd.sum():8.2f} '
              f'{d.sum():+7.2f} ({math.sqrt(len(d)) * d.std(ddof=1):.2f})')
