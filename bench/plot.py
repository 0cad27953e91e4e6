#!/usr/bin/env python3
"""Draws lint time against input size for every shape, with the libyaml floor, as an SVG
(log-log axes), from the TSV bench/run writes with MATRIX_OUT=FILE. No plotting library:
the picture is a few lines and dots, written out directly.

    MATRIX_OUT=matrix.tsv bash bench/run > results.md
    python3 bench/plot.py matrix.tsv > docs/performance.svg"""
import collections, math, sys

rows = collections.defaultdict(list)
floor = collections.defaultdict(list)
for line in open(sys.argv[1]):
    shape, n, lint, _mem, _build, _bmem, fl = line.rstrip("\n").split("\t")
    rows[shape].append((int(n), float(lint)))
    floor[shape].append((int(n), float(fl)))

W, H, L, R, T, B = 760, 460, 70, 170, 30, 50
xs = [n for s in rows.values() for n, _ in s]
ys = [t for s in list(rows.values()) + list(floor.values()) for _, t in s if t > 0]
x0, x1 = math.log10(min(xs)), math.log10(max(xs))
y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))

def px(n): return L + (math.log10(n) - x0) / (x1 - x0) * (W - L - R)
def py(t): return H - B - (math.log10(max(t, 10 ** y0)) - y0) / (y1 - y0) * (H - T - B)

colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{L}" y="18" font-size="14">wfc lint: time against input size (log-log), with the libyaml event floor</text>']
for e in range(int(y0), int(y1) + 1):
    y = py(10 ** e)
    out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{L - 8}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} ms</text>')
for n in sorted(set(xs)):
    x = px(n)
    out.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
    out.append(f'<text x="{x:.1f}" y="{H - B + 18}" text-anchor="middle">{n}</text>')
out.append(f'<text x="{(L + W - R) / 2}" y="{H - 10}" text-anchor="middle">nodes, rules or ports</text>')
for i, (shape, points) in enumerate(rows.items()):
    c = colors[i % len(colors)]
    pts = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in sorted(points))
    out.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2"/>')
    for n, t in points:
        out.append(f'<circle cx="{px(n):.1f}" cy="{py(t):.1f}" r="3" fill="{c}"/>')
    fpts = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in sorted(floor[shape]))
    out.append(f'<polyline points="{fpts}" fill="none" stroke="{c}" stroke-width="1" stroke-dasharray="4 3"/>')
    y = T + 20 + 22 * i
    out.append(f'<line x1="{W - R + 15}" y1="{y}" x2="{W - R + 40}" y2="{y}" stroke="{c}" stroke-width="2"/>')
    out.append(f'<text x="{W - R + 46}" y="{y + 4}">{shape}</text>')
y = T + 20 + 22 * len(rows)
out.append(f'<line x1="{W - R + 15}" y1="{y}" x2="{W - R + 40}" y2="{y}" stroke="#555" stroke-dasharray="4 3"/>')
out.append(f'<text x="{W - R + 46}" y="{y + 4}">libyaml floor</text>')
out.append("</svg>")
print("\n".join(out))
