// What a person types into a money field: 60m, 1.2bn, 450k, 60,000,000, (5m) or -5m.
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

export function parseAmount(text: string): number | null {
  let cleaned = text.trim().toLowerCase().replace(/[\s,$]/g, "").replace(/^a\$?/, "");
  if (!cleaned) return null;
  let sign = 1;
  if (/^\(.*\)$/.test(cleaned)) {
    sign = -1;
    cleaned = cleaned.slice(1, -1);
  }
  const match = /^([-+−]?)(\d+(?:\.\d+)?|\.\d+)(k|m|mn|b|bn)?$/.exec(cleaned);
  if (!match) return Number.NaN;
  const [, minus, digits, suffix] = match;
  if (minus === "-" || minus === "−") sign = -sign;
  return sign * Number(digits) * (suffix ? SUFFIX[suffix]! : 1);
}

/** Per cent as typed (15 or 15 %) to the API's decimal fraction (0.15). */
export function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace(/\s*%$/, "");
  if (!cleaned) return null;
  if (!/^[-+−]?(\d+(\.\d+)?|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned.replace("−", "-")) / 100;
}

export function amountText(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const size = Math.abs(value);
  if (size >= 1e9 && Number.isInteger(value / 1e7)) return `${value / 1e9}bn`;
  if (size >= 1e6 && Number.isInteger(value / 1e4)) return `${value / 1e6}m`;
  return String(value);
}

export function percentText(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(Math.round(value * 1e6) / 1e4);
}
