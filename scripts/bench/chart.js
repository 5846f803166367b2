'use strict';
/**
 * The benchmark chart: wall time (log scale) against the number of tables (log scale), one panel per dialect,
 * one line per tool and command. Plain SVG written by hand: no chart library for one picture.
 */

const COLORS = ['#1f77b4', '#17becf', '#2ca02c', '#9467bd', '#d62728', '#ff7f0e', '#8c564b'];

/** The lines of one dialect's panel: [{ label, points: [[n, seconds]] }]. */
function seriesOf(results, dialect) {
  const cases = results.cases.filter((c) => c.dialect === dialect);
  const lines = new Map();
  const add = (label, n, seconds) => {
    if (seconds === undefined || !Number.isFinite(seconds)) return;
    if (!lines.has(label)) lines.set(label, []);
    lines.get(label).push([n, seconds]);
  };
  for (const c of cases) {
    if (c.adapter === 'drizzle') add('autogen check (Drizzle)', c.tables, c.autogen.checkIncremental?.median);
    add(`autogen --message (${{ drizzle: 'Drizzle', typeorm: 'TypeORM', 'mikro-orm': 'MikroORM' }[c.adapter]})`, c.tables, c.autogen.messageIncremental?.median);
    for (const p of c.peers) if (p.ok) add(p.peer, c.tables, p.median);
  }
  return [...lines].map(([label, points]) => ({ label, points: points.sort((a, b) => a[0] - b[0]) }));
}

/** Renders the SVG text. */
function renderChart(results) {
  const dialects = [...new Set(results.cases.map((c) => c.dialect))];
  const panelWidth = 460;
  const panelHeight = 300;
  const margin = { left: 56, right: 16, top: 36, bottom: 44 };
  const legendHeight = 130;
  const width = dialects.length * (panelWidth + margin.left + margin.right);
  const height = panelHeight + margin.top + margin.bottom + legendHeight;
  const all = dialects.flatMap((d) => seriesOf(results, d));
  const ns = all.flatMap((s) => s.points.map((p) => p[0]));
  const secs = all.flatMap((s) => s.points.map((p) => p[1]));
  const labels = [...new Set(all.map((s) => s.label))];
  const color = (label) => COLORS[labels.indexOf(label) % COLORS.length];
  const minN = Math.min(...ns, 10);
  const maxN = Math.max(...ns, 100);
  const minS = Math.pow(10, Math.floor(Math.log10(Math.min(...secs, 0.1))));
  const maxS = Math.pow(10, Math.ceil(Math.log10(Math.max(...secs, 1))));
  const x = (n) => margin.left + ((Math.log10(n) - Math.log10(minN)) / (Math.log10(maxN) - Math.log10(minN) || 1)) * panelWidth;
  const y = (s) => margin.top + panelHeight - ((Math.log10(s) - Math.log10(minS)) / (Math.log10(maxS) - Math.log10(minS))) * panelHeight;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  dialects.forEach((dialect, i) => {
    const dx = i * (panelWidth + margin.left + margin.right);
    out.push(`<g transform="translate(${dx},0)">`);
    out.push(`<text x="${margin.left + panelWidth / 2}" y="20" text-anchor="middle" font-weight="bold">${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: incremental diff, wall time</text>`);
    for (let e = Math.log10(minS); e <= Math.log10(maxS) + 1e-9; e++) {
      const s = Math.pow(10, e);
      out.push(`<line x1="${margin.left}" x2="${margin.left + panelWidth}" y1="${y(s)}" y2="${y(s)}" stroke="#ddd"/>`);
      out.push(`<text x="${margin.left - 6}" y="${y(s) + 4}" text-anchor="end">${s >= 1 ? s.toFixed(0) : s.toFixed(Math.max(0, -e))} s</text>`);
    }
    for (const n of [...new Set(ns)].sort((a, b) => a - b)) {
      out.push(`<line x1="${x(n)}" x2="${x(n)}" y1="${margin.top}" y2="${margin.top + panelHeight}" stroke="#eee"/>`);
      out.push(`<text x="${x(n)}" y="${margin.top + panelHeight + 16}" text-anchor="middle">${n}</text>`);
    }
    out.push(`<text x="${margin.left + panelWidth / 2}" y="${margin.top + panelHeight + 34}" text-anchor="middle">tables (N)</text>`);
    out.push(`<rect x="${margin.left}" y="${margin.top}" width="${panelWidth}" height="${panelHeight}" fill="none" stroke="#999"/>`);
    for (const s of seriesOf(results, dialect)) {
      const d = s.points.map(([n, sec], k) => `${k ? 'L' : 'M'}${x(n).toFixed(1)},${y(sec).toFixed(1)}`).join(' ');
      const dashed = s.label.startsWith('autogen') ? '' : ' stroke-dasharray="6 4"';
      out.push(`<path d="${d}" fill="none" stroke="${color(s.label)}" stroke-width="2"${dashed}/>`);
      for (const [n, sec] of s.points) out.push(`<circle cx="${x(n).toFixed(1)}" cy="${y(sec).toFixed(1)}" r="3" fill="${color(s.label)}"/>`);
    }
    out.push('</g>');
  });
  labels.forEach((label, k) => {
    const lx = margin.left + (k % 2) * 300;
    const ly = margin.top + panelHeight + margin.bottom + 16 + Math.floor(k / 2) * 18;
    const dashed = label.startsWith('autogen') ? '' : ' stroke-dasharray="6 4"';
    out.push(`<line x1="${lx}" x2="${lx + 28}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color(label)}" stroke-width="2"${dashed}/>`);
    out.push(`<text x="${lx + 34}" y="${ly}">${label.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

module.exports = { renderChart, seriesOf };
