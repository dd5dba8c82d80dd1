// Comfort only: pages read fully without it. Pointing at a summary sentence lights up the
// articles it came from in the article table.
document.addEventListener("DOMContentLoaded", () => {
  for (const sentence of document.querySelectorAll(".summary li[data-sources]")) {
    const rows = sentence.dataset.sources.trim().split(/\s+/)
      .map((number) => document.getElementById(`article-${number}`))
      .filter((row) => row !== null);
    const mark = (on) => {
      sentence.classList.toggle("active", on);
      for (const row of rows) row.classList.toggle("active", on);
    };
    sentence.addEventListener("mouseenter", () => mark(true));
    sentence.addEventListener("mouseleave", () => mark(false));
  }
});
