import { describe, expect, it } from "vitest";
import { amountText, parseAmount, parsePercent, percentText } from "./amounts";

describe("parseAmount", () => {
  it.each([
    ["60000000", 60_000_000],
    ["60,000,000", 60_000_000],
    ["60m", 60_000_000],
    ["1.2bn", 1_200_000_000],
    ["450k", 450_000],
    ["A$5m", 5_000_000],
    ["$ 5 m", 5_000_000],
    ["-5m", -5_000_000],
    ["(5m)", -5_000_000],
    ["−2.5m", -2_500_000],
  ])("reads %s as %d", (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it("reads an empty field as no amount", () => {
    expect(parseAmount("  ")).toBeNull();
  });

  it.each(["lots", "5mm", "1e9", "5m5", "--5", "\u00005"])("refuses %j", (text) => {
    expect(parseAmount(text)).toBeNaN();
  });

  it("writes amounts back as it reads them", () => {
    for (const value of [60_000_000, 1_200_000_000, 2_688_000, 672_000, -5_000_000]) {
      expect(parseAmount(amountText(value))).toBe(value);
    }
  });
});

describe("parsePercent", () => {
  it("turns per cent into the API's fraction", () => {
    expect(parsePercent("15")).toBe(0.15);
    expect(parsePercent("2.5 %")).toBeCloseTo(0.025, 12);
    expect(parsePercent("")).toBeNull();
    expect(parsePercent("fifteen")).toBeNaN();
    expect(percentText(0.025)).toBe("2.5");
  });
});
