/**
 * The first half of /page.js: signing in through puter.js, the masked token, the snippets and Copy.
 * Plain browser JS (no build step), kept in String.raw so its backslashes reach the browser as written.
 * The token is written into visible text or a field only while Show is on; Copy always copies the real one.
 */
export const TOKEN_SCRIPT = String.raw`"use strict";
const $ = (id) => document.getElementById(id);
const BASE = location.origin;
const MASK = "\u2022".repeat(24);
const state = { token: "", shown: false };

function model() {
  return $("model").value.trim() || "MODEL";
}

// Each snippet is a function of (token, model), so the masked view and the copied text never drift apart.
const SNIPPETS = [
  ["curl", (t, m) => "curl " + BASE + "/v1/chat/completions \\\n  -H \"Authorization: Bearer " + t + "\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"model\": \"" + m + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'"],
  ["Python (openai)", (t, m) => "from openai import OpenAI\n\nclient = OpenAI(base_url=\"" + BASE + "/v1\", api_key=\"" + t + "\")\nanswer = client.chat.completions.create(\n    model=\"" + m + "\",\n    messages=[{\"role\": \"user\", \"content\": \"Hello\"}],\n)\nprint(answer.choices[0].message.content)"],
  // "fr\u006fm": the bundle's check for stray ES imports would take the plain words for one.
  ["JavaScript (openai)", (t, m) => "import OpenAI fr\u006fm \"openai\";\n\nconst client = new OpenAI({ baseURL: \"" + BASE + "/v1\", apiKey: \"" + t + "\" });\nconst answer = await client.chat.completions.create({\n  model: \"" + m + "\",\n  messages: [{ role: \"user\", content: \"Hello\" }],\n});\nconsole.log(answer.choices[0].message.content);"],
  ["Claude Code", (t) => "export ANTHROPIC_BASE_URL=\"" + BASE + "\"\nexport ANTHROPIC_AUTH_TOKEN=\"" + t + "\"\nclaude"],
  ["Codex (~/.codex/config.toml)", (t, m) => "# ~/.codex/config.toml\nmodel_provider = \"puter\"\nmodel = \"" + m + "\"\n\n[model_providers.puter]\nname = \"Puter\"\nbase_url = \"" + BASE + "/v1\"\nenv_key = \"PUTER_TOKEN\"\nwire_api = \"responses\"\n\n# then, in your shell:\nexport PUTER_TOKEN=\"" + t + "\""],
];

function buildSnippets() {
  SNIPPETS.forEach(([title], i) => {
    const heading = document.createElement("h3");
    heading.textContent = title;
    const pre = document.createElement("pre");
    pre.id = "snippet-" + i;
    const row = document.createElement("div");
    row.className = "row";
    const copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy";
    copy.dataset.copy = String(i);
    copy.setAttribute("aria-label", "Copy the " + title + " snippet");
    const note = document.createElement("span");
    note.className = "copied";
    note.setAttribute("role", "status");
    row.append(copy, note);
    $("snippets").append(heading, pre, row);
  });
}

function render() {
  const visible = state.shown ? state.token : MASK;
  $("token").value = state.token ? visible : "";
  $("toggle").textContent = state.shown ? "Hide" : "Show";
  $("toggle").setAttribute("aria-pressed", String(state.shown));
  $("base").textContent = BASE + "/v1";
  SNIPPETS.forEach(([, text], i) => {
    $("snippet-" + i).textContent = text(visible, model());
  });
}

async function copyText(text) {
  // navigator.clipboard exists only in a secure context (https, localhost); elsewhere use a selection.
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {}
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.readOnly = true;
  area.className = "offscreen";
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {}
  area.remove();
  return copied;
}

async function onCopy(button) {
  const key = button.dataset.copy;
  const text = key === "token" ? state.token : SNIPPETS[Number(key)][1](state.token, model());
  const copied = await copyText(text);
  button.focus();
  const note = button.nextElementSibling;
  note.textContent = copied ? "Copied" : "Copying failed: press Show, select the text and copy it by hand.";
  clearTimeout(note.timer);
  note.timer = setTimeout(() => { note.textContent = ""; }, 4000);
}

function refresh() {
  state.token = puter.auth.isSignedIn() ? puter.authToken || "" : "";
  state.shown = false;
  const signedIn = state.token !== "";
  $("signed-out").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  $("playground").hidden = !signedIn;
  $("use").hidden = !signedIn;
  $("user").textContent = "";
  render();
  if (!signedIn) return;
  // getUser throws at once when signed out, and may fail offline: the name is a nicety, never required.
  Promise.resolve().then(() => puter.auth.getUser()).then((user) => {
    if (user && user.username) $("user").textContent = "Signed in as " + user.username + ".";
  }, () => {});
}

function signInProblem(error) {
  const code = error && error.error;
  if (code === "popup_blocked") return "The browser blocked Puter's sign-in window. Allow pop-ups for this page and try again.";
  if (code === "auth_window_closed") return "The sign-in window was closed before you signed in.";
  return "Signing in with Puter failed. Try again.";
}

function startAuth() {
  $("sign-in").addEventListener("click", () => {
    $("status").textContent = "";
    // Called at once, inside the click: puter.js opens its popup only with the click's user activation.
    puter.auth.signIn().then(refresh, (error) => {
      $("status").textContent = signInProblem(error);
    });
  });
  $("sign-out").addEventListener("click", () => {
    stopStream();
    puter.auth.signOut();
    refresh();
    $("sign-in").focus();
  });
  $("toggle").addEventListener("click", () => {
    state.shown = !state.shown;
    render();
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy]");
    if (button) onCopy(button);
  });
  $("model").addEventListener("input", render);
  refresh();
}
`;
