import { date, percent } from "../format";

interface Point {
  asOf: string;
  value: number;
}

const WIDTH = 160;
const HEIGHT = 40;

/** A small line of a series' trend; the figure itself is in the text beside it. */
export function Sparkline({ points, label }: { points: Point[]; label: string }) {
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const x = (i: number) => (i / (points.length - 1)) * (WIDTH - 4) + 2;
  const y = (v: number) => HEIGHT - 3 - ((v - low) / span) * (HEIGHT - 6);
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const description = `${label}: ${percent(first.value)} on ${date(first.asOf)}, ${percent(last.value)} on ${date(last.asOf)}; low ${percent(low)}, high ${percent(high)}.`;
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={description}>
      <title>{description}</title>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx={x(points.length - 1)} cy={y(last.value)} r="2.5" fill="currentColor" />
    </svg>
  );
}
