import { useEffect, useState } from "react";

// Hash routes (#/company/BHP): the server serves one page at / and needs no fallback route.
export type Route =
  | { page: "search" }
  | { page: "company"; ticker: string }
  | { page: "value"; industry: string | null }
  | { page: "valuation"; id: string }
  | { page: "valuations" };

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === "company" && parts[1]) return { page: "company", ticker: parts[1] };
  if (parts[0] === "value") return { page: "value", industry: params.get("industry") };
  if (parts[0] === "valuation" && parts[1]) return { page: "valuation", id: parts[1] };
  if (parts[0] === "valuations") return { page: "valuations" };
  return { page: "search" };
}

export function href(route: Route): string {
  switch (route.page) {
    case "search":
      return "#/";
    case "company":
      return `#/company/${encodeURIComponent(route.ticker)}`;
    case "value":
      return route.industry ? `#/value?industry=${encodeURIComponent(route.industry)}` : "#/value";
    case "valuation":
      return `#/valuation/${encodeURIComponent(route.id)}`;
    case "valuations":
      return "#/valuations";
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
