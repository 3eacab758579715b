import { label, perShare } from "../format";

export interface Bar {
  name: string;
  low: number;
  mid: number;
  high: number;
  weight?: number;
}

interface Props {
  bars: Bar[];
  valuationRange: { low: number; mid: number; high: number };
  priceRange: { low: number; mid: number; high: number };
}

const ROW = 34;
const LABEL = 190;
const RIGHT = 24;
const WIDTH = 760;
const AXIS = 28;

function ticks(low: number, high: number): number[] {
  const span = high - low;
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50].find((s) => span / s <= 6) ?? span / 5;
  const first = Math.ceil(low / step) * step;
  const out: number[] = [];
  for (let t = first; t <= high + 1e-9; t += step) out.push(Math.round(t / step) * step);
  return out;
}

/** Each method's range per pre-offer share (after the IPO discount), the weighted valuation range
 * and the offer range drawn over them: the chart an IPO committee reads first. */
export function FootballField({ bars, valuationRange, priceRange }: Props) {
  const rows: (Bar & { kind: "method" | "valuation" | "offer" })[] = [
    ...bars.map((bar) => ({ ...bar, kind: "method" as const })),
    { name: "Valuation range (weighted)", ...valuationRange, kind: "valuation" },
    { name: "Indicative offer range", ...priceRange, kind: "offer" },
  ];
  const values = rows.flatMap((r) => [r.low, r.high]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.06 || 0.05;
  const low = Math.max(0, min - pad);
  const high = max + pad;
  const x = (v: number) => LABEL + ((v - low) / (high - low)) * (WIDTH - LABEL - RIGHT);
  const height = rows.length * ROW + AXIS + 8;
  const summary = `Football field, A$ per share: ${rows
    .map((r) => `${r.name} ${perShare(r.low)} to ${perShare(r.high)}`)
    .join("; ")}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} className="football-field">
        <title>{summary}</title>
        {ticks(low, high).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={4} y2={rows.length * ROW + 4} className="gridline" />
            <text x={x(t)} y={rows.length * ROW + 22} textAnchor="middle" className="axis-label">
              {perShare(t)}
            </text>
          </g>
        ))}
        <rect
          x={x(priceRange.low)}
          width={Math.max(1, x(priceRange.high) - x(priceRange.low))}
          y={4}
          height={rows.length * ROW}
          className="offer-band"
        />
        {rows.map((row, i) => {
          const y = 4 + i * ROW;
          return (
            <g key={row.name} className={`bar bar-${row.kind}`}>
              <text x={LABEL - 10} y={y + ROW / 2 + 4} textAnchor="end" className="bar-label">
                {row.name}
              </text>
              <rect x={x(row.low)} width={Math.max(2, x(row.high) - x(row.low))} y={y + 7} height={ROW - 14} rx={3} />
              <line x1={x(row.mid)} x2={x(row.mid)} y1={y + 4} y2={y + ROW - 4} className="bar-mid" />
              <text x={x(row.high) + 4} y={y + ROW / 2 + 4} className="bar-value">
                {perShare(row.mid)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        A$ per pre-offer share after the IPO discount; the shaded band is the indicative offer range.
      </figcaption>
    </figure>
  );
}

export function methodName(method: string): string {
  const names: Record<string, string> = {
    DCF: "DCF",
    EV_TO_EBITDA: "EV / EBITDA",
    EV_TO_EBIT: "EV / EBIT",
    PRICE_TO_EARNINGS: "P / E",
    DIVIDEND_YIELD: "Dividend yield",
    PRICE_TO_BOOK: "P / B",
    PRICE_TO_NTA: "P / NTA",
    PRICE_TO_EMBEDDED_VALUE: "P / EV (embedded)",
    PRECEDENT_TRANSACTIONS: "Precedent transactions",
  };
  return names[method] ?? label(method);
}
