"""The stylesheet of the customer's pages (the form, the status page, the answers): written
for a phone first — one column, 16 px text, a word wider than the screen broken rather than
scrolled — with the fonts Chinese readers' systems have, and no file to fetch."""

from __future__ import annotations

from typing import Final

STYLE: Final = """
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif;
  color: #1f2328; background: #f6f8fa; }
main { box-sizing: border-box; max-width: 40rem; margin: 0 auto; padding: 1rem;
  background: #fff; min-height: 100vh; overflow-wrap: anywhere; }
h1 { font-size: 1.4rem; margin: 0.5rem 0 1rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input, textarea { box-sizing: border-box; width: 100%; font: inherit; padding: 0.6rem;
  border: 1px solid #8c959f; border-radius: 6px; margin-top: 0.3rem; }
textarea { min-height: 8rem; }
[aria-invalid="true"] { border: 2px solid #cf222e; }
.error { color: #cf222e; margin: 0.3rem 0 0; }
button { margin-top: 1.2rem; width: 100%; font: inherit; font-weight: 600; padding: 0.8rem;
  border: 0; border-radius: 6px; background: #1f6feb; color: #fff; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; margin: 0; }
dt { color: #57606a; }
dd { margin: 0; }
.note { background: #fff8c5; border-left: 4px solid #d4a72c; padding: 0.6rem 0.8rem; }
.next { background: #ddf4ff; border-left: 4px solid #1f6feb; padding: 0.6rem 0.8rem; }
ol { padding-left: 1.2rem; } li { margin: 0.5rem 0; }
.written { white-space: pre-line; }
.muted { color: #57606a; font-size: 0.9rem; }
.answer { display: flex; gap: 0.6rem; } .answer button { margin-top: 0.6rem; }
.answer-decline { background: #fff; color: #1f2328; border: 1px solid #8c959f; }
"""
