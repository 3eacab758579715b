import "@testing-library/jest-dom/vitest";

// jsdom lays nothing out, so it has no scrollIntoView; the form calls it to show an error.
Element.prototype.scrollIntoView = function scrollIntoView() {};
