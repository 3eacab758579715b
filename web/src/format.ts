// Numbers as an Australian reader expects them: A$ with m / bn, rates as per cent.
const whole = new Intl.NumberFormat("en-AU", { maximumFractionDigits: 0 });
// Under A$2 the ASX's tick is half a cent, so such prices show a third decimal; above, cents.
const subTwoDollars = new Intl.NumberFormat("en-AU", { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const cents = new Intl.NumberFormat("en-AU", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const number = new Intl.NumberFormat("en-AU", { maximumFractionDigits: 2 });

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  const sign = value < 0 ? "−" : "";
  const size = Math.abs(value);
  if (size >= 1e9) return `${sign}A$${(size / 1e9).toFixed(2)}bn`;
  if (size >= 1e6) return `${sign}A$${(size / 1e6).toFixed(1)}m`;
  return `${sign}A$${whole.format(size)}`;
}

export function perShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  const size = Math.abs(value);
  return `${value < 0 ? "−" : ""}A$${(size < 2 ? subTwoDollars : cents).format(size)}`;
}

export function percent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "–";
  return `${(value * 100).toFixed(digits)} %`;
}

export function multiple(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `${number.format(value)}x`;
}

export function plain(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return number.format(value);
}

export function date(value: string | null | undefined): string {
  if (!value) return "–";
  const parsed = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  return parsed.toLocaleDateString("en-AU", { day: "numeric", month: "short", year: "numeric" });
}

export function label(enumValue: string): string {
  const words = enumValue.toLowerCase().split("_");
  const text = words.join(" ").replace(/\band\b/g, "&");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
