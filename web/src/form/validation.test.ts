import { describe, expect, it } from "vitest";
import bounds from "../../../schema/input-bounds.json";
import example from "../../../examples/company.json";
import { ValuationMethod } from "../gql/graphql";
import { exampleForm } from "./example";
import { emptyForm, type FormState } from "./model";
import { serverErrors, validate } from "./validation";

const METHODS = Object.values(ValuationMethod);
const filled = (): FormState => exampleForm(emptyForm(METHODS));
const errorsOf = (change: (state: FormState) => void) => {
  const state = filled();
  change(state);
  return validate(state).errors;
};

describe("validate", () => {
  it("sends the example company as the API takes it", () => {
    const { errors, input } = validate(filled());
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      companyName: example.companyName,
      gicsIndustryGroup: example.gicsIndustryGroup,
      netDebt: example.netDebt,
      leaseLiabilities: example.leaseLiabilities,
      preOfferShares: example.preOfferShares,
      primaryRaise: example.primaryRaise,
      valuationDate: example.valuationDate,
      history: example.history,
      forecast: example.forecast,
      peers: [],
    });
    expect(input?.assumptions?.ipoDiscount).toBeCloseTo(example.assumptions.ipoDiscount, 12);
    expect(input?.assumptions?.terminalGrowth).toBeCloseTo(example.assumptions.terminalGrowth, 12);
  });

  it("asks for what an empty form lacks, by the API's field paths", () => {
    const { errors, input } = validate(emptyForm(METHODS));
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(
      [
        "companyName",
        "gicsIndustryGroup",
        "history.0.fiscalYearEnd",
        "history.0.revenue",
        "history.0.ebitda",
        "history.0.ebit",
        "history.0.netIncome",
        "history.0.depreciationAndAmortisation",
        "history.0.capitalExpenditure",
        "history.0.changeInWorkingCapital",
        "netDebt",
        "preOfferShares",
        "primaryRaise",
      ].sort(),
    );
  });

  it("refuses a name too long or with control characters", () => {
    expect(errorsOf((s) => (s.companyName = "x".repeat(bounds.companyNameMaxLength + 1)))).toHaveProperty("companyName");
    expect(errorsOf((s) => (s.companyName = "Acme\u0000 Ltd"))).toHaveProperty("companyName");
    expect(errorsOf((s) => (s.companyName = "Acme \ud800 Ltd"))).toHaveProperty("companyName");
    expect(errorsOf((s) => (s.companyName = "Ōtautahi Tāmaki Pty Ltd 🚀"))).toEqual({});
  });

  it("wants fiscal years distinct, oldest first, forecast after history", () => {
    const swapped = errorsOf((s) => {
      const [first, second] = s.history;
      s.history = [second!, first!, ...s.history.slice(2)];
    });
    expect(swapped.history).toMatch(/oldest first/);
    const overlapping = errorsOf((s) => (s.forecast[0]!.fiscalYearEnd = s.history[0]!.fiscalYearEnd));
    expect(overlapping.history).toMatch(/forecast after history/);
  });

  it("keeps dates and amounts inside the server's bounds", () => {
    expect(errorsOf((s) => (s.history[0]!.fiscalYearEnd = "1949-06-30"))).toHaveProperty("history.0.fiscalYearEnd");
    expect(errorsOf((s) => (s.history[1]!.revenue = "-1m"))["history.1.revenue"]).toMatch(/negative/);
    expect(errorsOf((s) => (s.forecast[2]!.ebitda = "20000bn"))["forecast.2.ebitda"]).toMatch(/trillion/);
    expect(errorsOf((s) => (s.history[2]!.ebit = "12 million"))).toHaveProperty("history.2.ebit");
    expect(errorsOf((s) => (s.primaryRaise = "-1"))).toHaveProperty("primaryRaise");
    expect(errorsOf((s) => (s.leaseLiabilities = "-1"))).toHaveProperty("leaseLiabilities");
    expect(errorsOf((s) => (s.netDebt = "-40m"))).toEqual({}); // net cash is fine
  });

  it("counts shares within the server's bounds", () => {
    const [low, high] = bounds.preOfferShares as [number, number];
    expect(errorsOf((s) => (s.preOfferShares = String(low - 1)))).toHaveProperty("preOfferShares");
    expect(errorsOf((s) => (s.preOfferShares = String(high * 10)))).toHaveProperty("preOfferShares");
    expect(errorsOf((s) => (s.preOfferShares = String(low)))).toEqual({});
  });

  it("checks ASX codes: form, duplicates, excluded", () => {
    expect(errorsOf((s) => (s.peers = "XRO, TOOLONG1"))).toHaveProperty("peers.1");
    expect(errorsOf((s) => (s.peers = "XRO WTC xro"))["peers.2"]).toMatch(/twice/);
    expect(errorsOf((s) => ((s.peers = "XRO, WTC"), (s.excludePeers = "wtc")))["peers.1"]).toMatch(/excluded/);
    const many = Array.from({ length: bounds.maxPeers + 1 }, (_, i) => `P${i}`).join(",");
    expect(errorsOf((s) => (s.peers = many))).toHaveProperty("peers");
  });

  it("reads assumptions in per cent and bounds them as the server does", () => {
    const [, high] = bounds.assumptions.ipoDiscount as [number, number];
    expect(errorsOf((s) => (s.assumptions.ipoDiscount = String(high * 100 + 1)))["assumptions.ipoDiscount"]).toMatch(
      `${high * 100} %`,
    );
    expect(errorsOf((s) => (s.assumptions.terminalGrowth = "-6"))).toHaveProperty("assumptions.terminalGrowth");
    const { input } = validate({ ...filled(), assumptions: { ...filled().assumptions, taxRate: "25" } });
    expect(input?.assumptions?.taxRate).toBe(0.25);
  });

  it("needs a weighted method when the methods are chosen", () => {
    const none = errorsOf((s) => (s.customMethods = true));
    expect(none["assumptions.methods"]).toMatch(/at least one method/);
    const zero = errorsOf((s) => {
      s.customMethods = true;
      s.methods[0]!.enabled = true;
      s.methods[0]!.weight = "0";
    });
    expect(zero["assumptions.methods"]).toMatch(/above 0/);
    const wrong = errorsOf((s) => {
      s.customMethods = true;
      s.methods[1]!.enabled = true;
      s.methods[1]!.weight = "101";
    });
    expect(wrong).toHaveProperty("assumptions.methods.1.weight");
  });

  it("accepts what the server accepts", () => {
    // Weights of methods not chosen are not sent, so they cannot block the form.
    expect(errorsOf((s) => (s.methods[0]!.weight = "oops"))).toEqual({});
    // A code excluded twice is harmless; the server takes it.
    expect(errorsOf((s) => (s.excludePeers = "WTC wtc"))).toEqual({});
    // Length in code points of the trimmed name, as Python counts it.
    const emoji = "🚀".repeat(bounds.companyNameMaxLength);
    expect(errorsOf((s) => (s.companyName = `  ${emoji}  `))).toEqual({});
    expect(errorsOf((s) => (s.companyName = `${emoji}x`))).toHaveProperty("companyName");
    expect(errorsOf((s) => (s.valuationDate = "2101-01-01"))).toHaveProperty("valuationDate");
  });

  it("lets documents stand in for history and net debt", () => {
    const { errors, input } = validate({ ...filled(), history: [], netDebt: "", documentIds: ["RG9jdW1lbnQ6MQ"] });
    expect(errors).toEqual({});
    expect(input?.documentIds).toEqual(["RG9jdW1lbnQ6MQ"]);
    expect(input?.netDebt).toBeNull();
  });
});

describe("serverErrors", () => {
  it("puts each userError under the form's key for its field", () => {
    const state = filled();
    state.customMethods = true;
    state.methods[2]!.enabled = true;
    state.methods[5]!.enabled = true;
    const errors = serverErrors(
      [
        { field: ["input", "peers", "0"], message: "ZZZ is not the code of an ASX-listed company." },
        { field: ["input", "history", "1", "revenue"], message: "Out of range." },
        { field: ["input", "assumptions", "methods", "1", "weight"], message: "Bad weight." },
        { field: null, message: "The organisation's monthly valuations are used up." },
      ],
      state,
    );
    expect(errors).toEqual({
      "peers.0": "ZZZ is not the code of an ASX-listed company.",
      "history.1.revenue": "Out of range.",
      "assumptions.methods.5.weight": "Bad weight.", // the second method sent is the sixth listed
      form: "The organisation's monthly valuations are used up.",
    });
  });

  it("sends a year's error to the whole form when documents' years are counted in", () => {
    const state = { ...filled(), documentIds: ["RG9jdW1lbnQ6MQ"] };
    const errors = serverErrors([{ field: ["input", "history", "3", "revenue"], message: "Cannot be negative." }], state);
    expect(errors).toEqual({ form: "history 3 revenue (the documents' years included): Cannot be negative." });
  });
});
