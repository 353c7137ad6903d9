import { InvalidRequestError } from "../errors.ts";

/** Reads a request body as JSON; anything that is not JSON is a 400 that says so. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) throw new InvalidRequestError("The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
}
