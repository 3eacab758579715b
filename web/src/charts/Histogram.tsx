import { money } from "../format";

interface Bin {
  low: number;
  high: number;
  count: number;
}

interface Props {
  bins: Bin[];
  p10: number;
  p50: number;
  p90: number;
}

const WIDTH = 760;
const HEIGHT = 220;
const LEFT = 10;
const BOTTOM = 30;

/** The Monte Carlo's enterprise values as a histogram, with P10 / P50 / P90 marked. */
export function Histogram({ bins, p10, p50, p90 }: Props) {
  if (!bins.length) return null;
  const low = bins[0]!.low;
  const high = bins[bins.length - 1]!.high;
  const most = Math.max(...bins.map((b) => b.count));
  const x = (v: number) => LEFT + ((v - low) / (high - low || 1)) * (WIDTH - 2 * LEFT);
  const y = (count: number) => HEIGHT - BOTTOM - (count / most) * (HEIGHT - BOTTOM - 10);
  const summary = `Monte Carlo enterprise value: P10 ${money(p10)}, P50 ${money(p50)}, P90 ${money(p90)}; ${bins.length} bins from ${money(low)} to ${money(high)}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="histogram">
        <title>{summary}</title>
        {bins.map((bin) => (
          <rect key={bin.low} x={x(bin.low)} width={Math.max(1, x(bin.high) - x(bin.low) - 1)} y={y(bin.count)} height={HEIGHT - BOTTOM - y(bin.count)} className="histogram-bar" />
        ))}
        {(
          [
            ["P10", p10],
            ["P50", p50],
            ["P90", p90],
          ] as const
        ).map(([name, value]) => (
          <g key={name}>
            <line x1={x(value)} x2={x(value)} y1={6} y2={HEIGHT - BOTTOM} className="percentile" />
            <text x={x(value)} y={HEIGHT - 10} textAnchor="middle" className="axis-label">
              {name} {money(value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
