/**
 * The console's one stylesheet. Colours keep at least 4.5:1 contrast on their background (WCAG
 * AA); focus is always visible; the layout reads at 1280 px and narrows without hiding anything.
 */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a525c; --line: #c9d1d9; --accent: #0b4fa8;
  --bg: #ffffff; --band: #f3f5f8; --bad: #a3141d; --good: #13612e; --warn-bg: #fff3c4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid #e8a400; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header { display: flex; align-items: center; gap: 2rem; padding: .6rem 1.5rem; background: #102a43; color: #fff; }
header a { color: #fff; }
header nav ul { display: flex; gap: 1.2rem; list-style: none; margin: 0; padding: 0; }
header nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
header .who { margin-left: auto; display: flex; gap: .8rem; align-items: center; }
header button { font: inherit; background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .15rem .6rem; cursor: pointer; }
main { padding: 1rem 1.5rem 3rem; max-width: 1400px; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
form.filters { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: .5rem 1rem; padding: .8rem; background: var(--band); border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .15rem; }
input, select { font: inherit; padding: .25rem .4rem; border: 1px solid #6e7781; border-radius: 4px; background: #fff; color: var(--ink); }
.actions { display: flex; gap: .6rem; align-items: end; flex-wrap: wrap; }
button.primary { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .35rem .9rem; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--band); font-size: .85rem; }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
.pager { display: flex; gap: 1rem; align-items: center; }
.muted { color: var(--muted); }
.failure, .rejected { color: var(--bad); font-weight: 600; }
.success, .approved { color: var(--good); font-weight: 600; }
tr.soon td, tr.soon th { background: var(--warn-bg); }
.notice { padding: .6rem .8rem; border-left: 4px solid var(--accent); background: var(--band); }
.error { padding: .6rem .8rem; border-left: 4px solid var(--bad); background: #fde8e8; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
progress { width: 24rem; height: 1rem; }
details { margin: 1.6rem 0; }
summary { cursor: pointer; font-weight: 600; }
.nowrap { white-space: nowrap; }
pre { background: var(--band); padding: .6rem; overflow-x: auto; font-size: .85rem; }
`;
