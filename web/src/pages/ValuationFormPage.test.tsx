import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ValuationFormPage } from "./ValuationFormPage";

interface Sent {
  query: string;
  variables: Record<string, unknown>;
}

let sent: Sent[] = [];
let answer: (body: Sent) => unknown;

beforeEach(() => {
  sent = [];
  answer = () => ({ data: null });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Sent;
      sent.push(body);
      const reply = body.query.includes("DocumentsForForm") ? { data: { documents: [] } } : answer(body);
      return new Response(JSON.stringify(reply), { headers: { "Content-Type": "application/json" } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = "";
});

const creations = () => sent.filter((body) => body.query.includes("createValuation"));

describe("the valuation form", () => {
  it("shows each mistake beside its field and sends nothing", async () => {
    const user = userEvent.setup();
    render(<ValuationFormPage industry={null} />);
    await user.click(screen.getByRole("button", { name: "Value the company" }));

    const name = screen.getByLabelText("Company name");
    expect(name).toHaveAttribute("aria-invalid", "true");
    const described = name.getAttribute("aria-describedby")!;
    expect(document.getElementById(described)).toHaveTextContent("1 to 200 characters.");
    expect(screen.getByLabelText("GICS industry group")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Capital to raise (A$)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Revenue, historical years row 1")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("fields need attention");
    await waitFor(() => expect(name).toHaveFocus());
    expect(creations()).toEqual([]);
  });

  it("clears a mistake once it is fixed and the form is sent again", async () => {
    const user = userEvent.setup();
    answer = () => ({ data: { createValuation: { job: { id: "job-1", status: "QUEUED" }, userErrors: [], warnings: [] } } });
    render(<ValuationFormPage industry={null} />);
    await user.click(screen.getByRole("button", { name: "Fill in the example company" }));
    const shares = screen.getByLabelText("Shares before the offer");
    await user.clear(shares);
    await user.type(shares, "12");
    await user.click(screen.getByRole("button", { name: "Value the company" }));
    expect(shares).toHaveAttribute("aria-invalid", "true");
    expect(creations()).toEqual([]);

    await user.clear(shares);
    await user.type(shares, "200m");
    await user.click(screen.getByRole("button", { name: "Value the company" }));
    await waitFor(() => expect(window.location.hash).toBe("#/valuation/job-1"));
    expect(shares).not.toHaveAttribute("aria-invalid");
    const [creation] = creations();
    expect(creation!.variables.input).toMatchObject({ preOfferShares: 200_000_000, companyName: "Example Software Pty Ltd" });
    expect(creation!.variables.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows the server's userErrors beside the fields they name", async () => {
    const user = userEvent.setup();
    answer = () => ({
      data: {
        createValuation: {
          job: null,
          userErrors: [{ field: ["input", "peers", "0"], code: "UNKNOWN_PEER", message: "ZZZZZ9 is not the code of an ASX-listed company." }],
          warnings: [],
        },
      },
    });
    render(<ValuationFormPage industry="SOFTWARE_AND_SERVICES" />);
    expect(screen.getByLabelText("GICS industry group")).toHaveValue("SOFTWARE_AND_SERVICES");
    await user.click(screen.getByRole("button", { name: "Fill in the example company" }));
    await user.type(screen.getByLabelText("Peers (ASX codes)"), "ZZZZZ9");
    await user.click(screen.getByRole("button", { name: "Value the company" }));
    const peers = screen.getByLabelText("Peers (ASX codes)");
    await waitFor(() => expect(peers).toHaveAttribute("aria-invalid", "true"));
    // Its section, closed until now, is opened so that the field can be seen and has the focus.
    await waitFor(() => expect(peers).toHaveFocus());
    expect(peers.closest("details")).toHaveProperty("open", true);
    expect(document.getElementById(peers.getAttribute("aria-describedby")!.split(" ").at(-1)!)).toHaveTextContent(
      "ZZZZZ9 is not the code",
    );
    expect(window.location.hash).toBe("");
  });

  it("sends a repeated click of the same input under the same idempotency key", async () => {
    const user = userEvent.setup();
    answer = () => ({ data: { createValuation: { job: null, userErrors: [{ field: null, code: "QUOTA_EXCEEDED", message: "Used up." }], warnings: [] } } });
    render(<ValuationFormPage industry={null} />);
    await user.click(screen.getByRole("button", { name: "Fill in the example company" }));
    await user.click(screen.getByRole("button", { name: "Value the company" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Used up.")); // no field: the banner
    await user.click(screen.getByRole("button", { name: "Value the company" }));
    await waitFor(() => expect(creations()).toHaveLength(2));
    const [first, second] = creations();
    expect(second!.variables.idempotencyKey).toBe(first!.variables.idempotencyKey);
  });
});
