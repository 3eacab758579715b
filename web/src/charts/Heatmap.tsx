import { money, percent } from "../format";

interface Props {
  rates: number[];
  growths: number[];
  values: number[][]; // values[rate][growth], enterprise value in A$
  base?: number;
}

/** The DCF's sensitivity: enterprise value by discount rate (rows) and terminal growth
 * (columns), as a table coloured by value, so the numbers stay readable and copyable. */
export function Heatmap({ rates, growths, values }: Props) {
  const flat = values.flat();
  const low = Math.min(...flat);
  const high = Math.max(...flat);
  const shade = (v: number) => {
    const t = high === low ? 0.5 : (v - low) / (high - low);
    // Light to mid blue, never darker than 62 % lightness: dark text stays above 4.5:1 on every
    // cell (WCAG AA), so no cell needs a second text colour.
    const lightness = 95 - t * 33;
    return { background: `hsl(212 70% ${lightness}%)`, color: "#10243e" };
  };
  const midRate = Math.floor(rates.length / 2);
  const midGrowth = Math.floor(growths.length / 2);
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="heatmap">
        <caption>Enterprise value by WACC (rows) and terminal growth (columns)</caption>
        <thead>
          <tr>
            <th scope="col">WACC \ growth</th>
            {growths.map((g) => (
              <th scope="col" key={g} className="num">
                {percent(g, 1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rates.map((rate, i) => (
            <tr key={rate}>
              <th scope="row">{percent(rate, 1)}</th>
              {growths.map((growth, j) => {
                const value = values[i]?.[j];
                if (value === undefined) return <td key={growth}>–</td>;
                const base = i === midRate && j === midGrowth;
                return (
                  <td key={growth} className={`num${base ? " heat-base" : ""}`} style={shade(value)}>
                    {money(value)}
                    {base && <span className="visually-hidden"> (base case)</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
