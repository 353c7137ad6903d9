/** The page's stylesheet, served as /page.css: system fonts only (no font request), light and dark. */
export const PAGE_CSS = `:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fafafa;--muted:#5f6368;--line:#c8c8d0;--accent:#2456d6;--err:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ec;--bg:#16161a;--muted:#a0a0aa;--line:#44444c;--accent:#8ab0ff;--err:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,textarea,button{font:inherit;color:inherit}
input,textarea{width:100%;padding:.5rem;border:1px solid var(--line);border-radius:.4rem;background:transparent}
#token{flex:1 1 12rem;width:auto;font-family:ui-monospace,monospace}
button{padding:.5rem 1rem;border:1px solid var(--accent);border-radius:.4rem;background:var(--accent);color:var(--bg);cursor:pointer}
button:disabled{opacity:.5;cursor:default}
button.quiet{background:transparent;color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
pre{overflow-x:auto;padding:.75rem;border:1px solid var(--line);border-radius:.4rem;white-space:pre-wrap;word-break:break-word;margin:0}
#answer:empty{display:none}
.copied,#user,#status{color:var(--muted)}
.error{color:var(--err)}
.error:empty,#status:empty{display:none}
.offscreen{position:fixed;left:-100vw;top:0}
`;
