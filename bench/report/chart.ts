/**
 * chart.svg: grouped bar panels (added latency, throughput, memory) drawn by hand, so the bench
 * needs no chart library and the file diffs as text.
 */
import type { PathId } from "../paths.ts";
import type { BenchResults } from "./results.ts";

interface Series {
  name: string;
  color: string;
  /** One value per group; NaN draws no bar. */
  values: number[];
  /** Per-bar colours, when each group is a different path. */
  colors?: string[];
}

interface Panel {
  title: string;
  groups: string[];
  series: Series[];
  unit: string;
  /** A dashed line with a label, e.g. a target. */
  reference?: { value: number; label: string };
}

const COLORS: Record<PathId, string> = {
  direct: "#9aa0a6",
  "node-floor": "#a8dab5",
  "deno-floor": "#a5e4ee",
  node: "#1e8e3e",
  deno: "#12b5cb",
  bun: "#f29900",
  "deno-bundle": "#5f6368",
  portkey: "#c5221f",
  "portkey-shim": "#c5221f",
};
const NAMES: Record<PathId, string> = {
  direct: "direct",
  "node-floor": "floor · Node",
  "deno-floor": "floor · Deno",
  node: "proxy · Node",
  deno: "proxy · Deno",
  bun: "proxy · Bun",
  "deno-bundle": "bundle · Deno",
  portkey: "Portkey",
  "portkey-shim": "Portkey¹",
};

const WIDTH = 920;
const PANEL_HEIGHT = 250;
const LEFT = 70;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function fmt(v: number): string {
  if (v === 0) return "0";
  if (v >= 10_000) return `${Math.round(v / 1000)}k`;
  if (v >= 100) return String(Math.round(v));
  return v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function drawPanel(panel: Panel, top: number): string {
  const plotTop = top + 34;
  const plotHeight = PANEL_HEIGHT - 80;
  const plotWidth = WIDTH - LEFT - 20;
  const all = panel.series.flatMap((s) => s.values).filter(Number.isFinite);
  // One runaway value (a runtime misbehaving) would flatten every other bar: draw it cut off, labelled.
  const typical = [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? 0;
  const inScale = all.filter((v) => typical <= 0 || v <= typical * 20);
  const max = niceMax(Math.max(0, ...inScale, panel.reference?.value ?? 0) * 1.1);
  const y = (v: number) => plotTop + plotHeight - (Math.max(0, v) / max) * plotHeight;
  const parts: string[] = [`<text x="${LEFT}" y="${top + 18}" font-size="15" font-weight="600">${escape(panel.title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y(v)}" y2="${y(v)}" stroke="#e8eaed"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="#5f6368">${fmt(v)}</text>`);
  }
  parts.push(`<text x="14" y="${plotTop + plotHeight / 2}" font-size="11" fill="#5f6368" transform="rotate(-90 14 ${plotTop + plotHeight / 2})" text-anchor="middle">${escape(panel.unit)}</text>`);
  const groupWidth = plotWidth / Math.max(1, panel.groups.length);
  const barWidth = Math.min(38, (groupWidth * 0.8) / Math.max(1, panel.series.length));
  panel.groups.forEach((group, g) => {
    const start = LEFT + g * groupWidth + (groupWidth - barWidth * panel.series.length) / 2;
    panel.series.forEach((series, k) => {
      const value = series.values[g] ?? Number.NaN;
      if (!Number.isFinite(value)) return;
      const x = start + k * barWidth;
      const clipped = value > max;
      const shown = Math.min(value, max);
      const h = plotTop + plotHeight - y(shown);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(shown).toFixed(1)}" width="${(barWidth - 3).toFixed(1)}" height="${h.toFixed(1)}" fill="${series.colors?.[g] ?? series.color}"${clipped ? ' fill-opacity="0.55"' : ""}><title>${escape(`${series.name} · ${group}: ${fmt(value)} ${panel.unit}`)}</title></rect>`);
      const label = clipped ? `↑ ${fmt(value)} (off scale)` : fmt(value);
      parts.push(`<text x="${(x + (barWidth - 3) / 2).toFixed(1)}" y="${(y(shown) - 3).toFixed(1)}" font-size="9.5" text-anchor="middle" fill="#3c4043">${label}</text>`);
    });
    parts.push(`<text x="${LEFT + g * groupWidth + groupWidth / 2}" y="${plotTop + plotHeight + 16}" font-size="12" text-anchor="middle">${escape(group)}</text>`);
  });
  if (panel.reference) {
    const ry = y(panel.reference.value);
    parts.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${ry}" y2="${ry}" stroke="#1a73e8" stroke-dasharray="5 4"/>`);
    parts.push(`<text x="${LEFT + plotWidth}" y="${ry - 4}" font-size="11" text-anchor="end" fill="#1a73e8">${escape(panel.reference.label)}</text>`);
  }
  let lx = LEFT;
  // Bars coloured per path are named under each group already; a legend swatch would mislead.
  for (const series of panel.series.filter((s) => !s.colors)) {
    parts.push(`<rect x="${lx}" y="${top + PANEL_HEIGHT - 26}" width="12" height="12" fill="${series.color}"/>`);
    parts.push(`<text x="${lx + 16}" y="${top + PANEL_HEIGHT - 16}" font-size="12">${escape(series.name)}</text>`);
    lx += 28 + series.name.length * 7;
  }
  return parts.join("\n");
}

function panels(r: BenchResults): Panel[] {
  const out: Panel[] = [];
  const gateways = r.latency.filter((l) => l.path !== "direct");
  if (gateways.length > 0) {
    out.push({
      // p50 only: p99 on the same axis would flatten the figure the target is about (p99 is in LATEST.md).
      title: "Added p50 latency over a direct call, non-stream, sequential (lower is better)",
      groups: gateways.map((l) => NAMES[l.path]),
      series: [{ name: "added p50 (median of rounds)", color: "#1e8e3e", values: gateways.map((l) => l.addedP50.median), colors: gateways.map((l) => COLORS[l.path]) }],
      unit: "ms",
      reference: { value: 0.3, label: "target ≤ 0.3 ms" },
    });
  }
  const paths = [...new Set(r.throughput.map((t) => t.path))];
  if (paths.length > 0) {
    out.push({
      title: "Throughput by concurrent connections (higher is better)",
      groups: r.config.connections.map((c) => `${c} conn.`),
      series: paths.map((p) => ({
        name: NAMES[p],
        color: COLORS[p],
        values: r.config.connections.map((c) => r.throughput.find((t) => t.path === p && t.connections === c)?.rps.median ?? Number.NaN),
      })),
      unit: "req/s",
    });
  }
  const memPaths = [...new Set(r.memory.map((m) => m.path))];
  if (memPaths.length > 0) {
    const levels = [...new Set(r.memory.map((m) => m.requested))];
    out.push({
      title: "Peak RSS with concurrent open streams (lower is better)",
      groups: levels.map((l) => {
        const attempted = Math.min(...r.memory.filter((m) => m.requested === l).map((m) => m.attempted));
        return attempted < l ? `${l.toLocaleString("en-US")} asked (${attempted.toLocaleString("en-US")} opened)` : `${l.toLocaleString("en-US")} streams`;
      }),
      series: memPaths.map((p) => ({ name: NAMES[p], color: COLORS[p], values: levels.map((l) => r.memory.find((m) => m.path === p && m.requested === l)?.peakRssMb ?? Number.NaN) })),
      unit: "MB",
    });
  }
  return out;
}

export function renderChart(r: BenchResults): string {
  const list = panels(r);
  const height = list.length * PANEL_HEIGHT + 40;
  const body = list.map((p, i) => drawPanel(p, 10 + i * PANEL_HEIGHT)).join("\n");
  const footer = `${r.machine.cpu}, ${r.machine.cores} cores · ${r.machine.node} · ${r.machine.date.slice(0, 10)} · medians over ${r.config.rounds} rounds · ¹ Portkey with a header shim (streams fail on stock Portkey, see LATEST.md)`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    body,
    `<text x="${LEFT}" y="${height - 10}" font-size="10.5" fill="#5f6368">${escape(footer)}</text>`,
    "</svg>",
    "",
  ].join("\n");
}
