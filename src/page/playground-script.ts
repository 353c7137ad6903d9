/**
 * The second half of /page.js: the model picker (from GET /v1/models), Send streaming from
 * /v1/chat/completions, Stop, errors as sentences, and the start-up that ties both halves together.
 * The token goes to this proxy's own /v1 only.
 */
export const PLAYGROUND_SCRIPT = String.raw`
let controller = null;

async function loadModels() {
  try {
    const response = await fetch("/v1/models");
    const ids = (await response.json()).data.map((m) => m.id).sort();
    $("models").replaceChildren(...ids.map((id) => {
      const option = document.createElement("option");
      option.value = id;
      return option;
    }));
    if (!$("model").value) $("model").value = ids.find((id) => /(^|\/)gpt-4o-mini$/.test(id)) || ids[0] || "";
    render();
  } catch {
    $("error").textContent = "The model list could not be loaded. You can still type a model id.";
  }
}

// What went wrong, for a person: the proxy's OpenAI-style error (status and code) as a sentence.
function explain(status, error, name) {
  const code = error && error.code;
  const message = (error && error.message) || "";
  if (status === 401 || code === "invalid_api_key") return "Puter did not accept your token. Sign out, sign in again, and retry.";
  if (code === "insufficient_quota") return "Your Puter account has no AI credit left. Add credit on puter.com, or wait until it renews.";
  if (status === 429 || code === "rate_limit_exceeded") return "Too many requests right now. Wait a moment and try again.";
  if (status === 404 || code === "model_not_found") return "There is no model called \"" + name + "\". Pick one from the list.";
  if (status === 403) return "Puter does not let this token use AI: " + message;
  if (status === 400) return "The request was refused: " + message;
  return "Puter or the proxy failed" + (status ? " (HTTP " + status + ")" : "") + ": " + (message || "no details") + " Try again in a moment.";
}

async function readError(response) {
  try {
    return (await response.json()).error;
  } catch {
    return undefined;
  }
}

function setBusy(busy) {
  $("send").disabled = busy;
  $("stop").disabled = !busy;
}

function stopStream() {
  if (controller) controller.abort();
}

async function send() {
  const name = $("model").value.trim();
  if (!name) {
    $("error").textContent = "Pick a model first.";
    return;
  }
  controller = new AbortController();
  setBusy(true);
  $("error").textContent = "";
  $("answer").textContent = "";
  try {
    const response = await fetch("/v1/chat/completions", {
      method: "POST",
      headers: { authorization: "Bearer " + state.token, "content-type": "application/json" },
      body: JSON.stringify({ model: name, stream: true, messages: [{ role: "user", content: $("prompt").value }] }),
      signal: controller.signal,
    });
    if (!response.ok) throw explain(response.status, await readError(response), name);
    await readStream(response.body, name);
  } catch (error) {
    if (controller.signal.aborted) $("error").textContent = "";
    else $("error").textContent = typeof error === "string" ? error : "The proxy could not be reached. Check your connection and try again.";
  } finally {
    controller = null;
    setBusy(false);
  }
}

async function readStream(body, name) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop();
    for (const line of lines) {
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") return;
      const frame = JSON.parse(data);
      if (frame.error) throw explain(0, frame.error, name);
      const delta = frame.choices && frame.choices[0] && frame.choices[0].delta;
      if (delta && delta.content) $("answer").textContent += delta.content;
    }
  }
}

function start() {
  buildSnippets();
  if (!window.puter || !puter.auth) {
    $("status").textContent = "puter.js could not be loaded, so you cannot sign in here. Check your connection and reload the page.";
    return;
  }
  startAuth();
  $("send").addEventListener("click", send);
  $("stop").addEventListener("click", stopStream);
  $("prompt").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !$("send").disabled) send();
  });
  loadModels();
}

start();
`;
