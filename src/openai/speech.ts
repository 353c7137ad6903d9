import { InvalidRequestError, UpstreamError } from "../errors.ts";
import { withCredential } from "../pool/credentials.ts";
import { readJsonBody } from "../http/json-body.ts";
import { isRecord } from "../json.ts";
import { callDriver } from "../upstream/puter/client.ts";
import { readDriverResult } from "../upstream/puter/driver-result.ts";
import { passAudio, type SpeechRequest, speechArgs } from "../upstream/puter/speech.ts";
import type { MediaContext } from "./media-context.ts";

const AUDIO_TYPES: Record<string, string> = { mp3: "audio/mpeg", opus: "audio/opus", aac: "audio/aac", flac: "audio/flac", wav: "audio/wav", pcm: "audio/pcm" };
/** OpenAI's own cap on `input`. */
const MAX_INPUT_CHARS = 4096;

function str(body: Record<string, unknown>, name: string, fallback?: string): string | undefined {
  const value = body[name] ?? fallback;
  if (value !== undefined && (typeof value !== "string" || !value.trim())) throw new InvalidRequestError(`\`${name}\` must be a non-empty string.`, name);
  return value as string | undefined;
}

function parseSpeech(body: unknown): SpeechRequest {
  if (!isRecord(body)) throw new InvalidRequestError("The request body must be a JSON object with `input`, `model` and `voice`.");
  const text = str(body, "input");
  if (!text) throw new InvalidRequestError("`input` is required: the text to speak.", "input");
  if (text.length > MAX_INPUT_CHARS) throw new InvalidRequestError(`\`input\` is longer than ${MAX_INPUT_CHARS} characters; split the text.`, "input");
  const voice = str(body, "voice");
  if (!voice) throw new InvalidRequestError("`voice` is required, e.g. alloy.", "voice");
  const format = str(body, "response_format", "mp3") as string;
  if (!(format in AUDIO_TYPES)) throw new InvalidRequestError(`\`response_format\` must be one of ${Object.keys(AUDIO_TYPES).join(", ")}.`, "response_format");
  const request: SpeechRequest = { text, voice, model: str(body, "model", "gpt-4o-mini-tts") as string, format };
  const instructions = str(body, "instructions");
  if (instructions) request.instructions = instructions;
  if (body.speed !== undefined) {
    if (typeof body.speed !== "number" || body.speed < 0.25 || body.speed > 4) throw new InvalidRequestError("`speed` must be a number from 0.25 to 4.", "speed");
    request.speed = body.speed;
  }
  return request;
}

/** `POST /v1/audio/speech` over `puter-tts` / `synthesize`: Puter's raw audio streamed through as it arrives. */
export async function createSpeech(request: Request, ctx: MediaContext): Promise<Response> {
  await ctx.credentials.authorize(request);
  const speech = parseSpeech(await readJsonBody(request, ctx.maxBodyBytes));
  const call = { interface: "puter-tts", method: "synthesize", args: speechArgs(speech) };
  const { value: reply, credential } = await withCredential(request, ctx.credentials, async (token) => {
    const answer = await callDriver(ctx.driver, token, call, { signal: request.signal, stream: true });
    if (answer.kind === "stream") return answer;
    // A JSON answer is a failure (thrown here) or a result that is not audio.
    await readDriverResult(answer, speech.model);
    throw new UpstreamError("Puter answered the speech call without audio.", "upstream_bad_response");
  });
  const upstreamType = reply.headers.get("content-type") ?? "";
  const type = upstreamType.startsWith("audio/") ? upstreamType : (AUDIO_TYPES[speech.format] as string);
  return new Response(passAudio(reply.body, ctx.idleTimeoutMs, credential.release), { headers: { "content-type": type, "cache-control": "no-store" } });
}
