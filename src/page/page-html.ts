/** Escapes text for an HTML attribute value in double quotes. */
function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * The page at `/` for browsers: sign in with Puter, copy the token, try a model. Its script and
 * style are separate same-origin files (/page.js, /page.css) so the CSP needs no inline allowance.
 * Sections start hidden and page.js reveals them, so a signed-out visitor never sees token controls.
 */
export function pageHtml(puterJsUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Puter proxy</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
<script src="${escapeAttribute(puterJsUrl)}" defer></script>
<script src="/page.js" defer></script>
</head>
<body>
<main>
<h1>Puter proxy</h1>
<p>Use Puter's AI from any tool that speaks the OpenAI API: your Puter token is the API key.</p>
<p id="status" role="status"></p>

<section id="signed-out" hidden>
<button id="sign-in" type="button">Sign in with Puter</button>
</section>

<section id="signed-in" hidden>
<h2>Your token</h2>
<p id="user"></p>
<label for="token">Puter token</label>
<div class="row">
<input id="token" readonly spellcheck="false" autocomplete="off">
<button id="toggle" type="button" aria-controls="token">Show</button>
<button type="button" data-copy="token">Copy</button>
<span class="copied" role="status"></span>
</div>
<button id="sign-out" type="button">Sign out</button>
</section>

<section id="playground" hidden>
<h2>Try a model</h2>
<label for="model">Model</label>
<input id="model" list="models" autocomplete="off" spellcheck="false" placeholder="Type to search the models">
<datalist id="models"></datalist>
<label for="prompt">Prompt</label>
<textarea id="prompt" rows="4">Say hello in five words.</textarea>
<div class="row">
<button id="send" type="button">Send</button>
<button id="stop" type="button" disabled>Stop</button>
</div>
<p id="error" class="error" role="alert"></p>
<pre id="answer" aria-live="polite"></pre>
</section>

<section id="use" hidden>
<h2>Use it</h2>
<p>Base URL: <code id="base"></code></p>
<div id="snippets"></div>
</section>
</main>
</body>
</html>
`;
}
