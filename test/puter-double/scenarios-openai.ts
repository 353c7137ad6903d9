import { openAIAnswer } from "./answer-builders.ts";

// OpenAI-family answers (shape a). usd_cents is what Puter computes from the model's costs table.
export const openAIScenarios = {
  "openai/text": openAIAnswer({
    service: "openai-completion",
    providerUsed: "gpt-4o-mini",
    text: ["Hello", " from", " the", " Puter", " double."],
    // OpenAI Completions subtracts cached tokens from prompt_tokens, so the client-facing prompt is 9 + 3.
    usage: { prompt_tokens: 9, completion_tokens: 7, cached_tokens: 3, usd_cents: 0.000579 },
    finish: "stop",
    promptTokens: 12,
    completionTokens: 7,
  }),
  "openai/tools": openAIAnswer({
    service: "openai-completion",
    providerUsed: "gpt-4o-mini",
    text: [],
    toolCalls: [{ id: "call_weather_1", name: "get_weather", input: { city: "Paris" } }],
    usage: { prompt_tokens: 52, completion_tokens: 17, cached_tokens: 0, usd_cents: 0.0018 },
    finish: "tool_calls",
    promptTokens: 52,
    completionTokens: 17,
  }),
  "openai/parallel-tools": openAIAnswer({
    service: "openai-completion",
    providerUsed: "gpt-4o-mini",
    text: [],
    toolCalls: [
      { id: "call_weather_1", name: "get_weather", input: { city: "Paris" } },
      { id: "call_time_2", name: "get_time", input: { timezone: "Europe/Paris" } },
    ],
    usage: { prompt_tokens: 60, completion_tokens: 34, cached_tokens: 0, usd_cents: 0.00294 },
    finish: "tool_calls",
    promptTokens: 60,
    completionTokens: 34,
  }),
  "openai/reasoning": openAIAnswer({
    service: "deepseek",
    providerUsed: "deepseek-v4-flash",
    reasoning: ["The user asks for 6 × 7.", " 6 × 7 = 42."],
    text: ["The answer", " is 42."],
    // DeepSeek (like Groq) reports prompt_tokens with the cached ones still included: nothing to add back.
    usage: { prompt_tokens: 15, completion_tokens: 30, cached_tokens: 5, usd_cents: 0.001051 },
    finish: "stop",
    promptTokens: 15,
    completionTokens: 30,
  }),
  "openai/length": openAIAnswer({
    service: "openai-completion",
    providerUsed: "gpt-4o-mini",
    text: ["This answer was cut off because it reached", " the token limit and"],
    usage: { prompt_tokens: 8, completion_tokens: 10, cached_tokens: 0, usd_cents: 0.00072 },
    finish: "length",
    promptTokens: 8,
    completionTokens: 10,
  }),
  "openrouter/text": openAIAnswer({
    service: "openrouter",
    providerUsed: "openrouter:~anthropic/claude-haiku-latest",
    text: ["Hello from", " OpenRouter", " via the Puter double."],
    // OpenRouter's keys: prompt (cached subtracted), completion, input_cache_read, request; it prices itself.
    usage: { prompt: 20, completion: 9, input_cache_read: 4, request: 1, usd_cents: 0.0064 },
    finish: "stop",
    promptTokens: 24,
    completionTokens: 9,
  }),
  "gemini/text": openAIAnswer({
    service: "gemini",
    providerUsed: "gemini-2.5-flash",
    text: ["Hello from", " Gemini", " via the Puter double."],
    // Gemini subtracts cached from prompt and thinking from completion: both are added back.
    usage: { prompt_tokens: 11, completion_tokens: 6, cached_tokens: 2, thinking_tokens: 20, usd_cents: 0.006836 },
    finish: "stop",
    promptTokens: 13,
    completionTokens: 26,
  }),
  "openai/unicode": openAIAnswer({
    service: "openai-completion",
    providerUsed: "gpt-4o-mini",
    text: ["Grüße, ", "世界! ", "👋🏽 ", "Ça va? ", "Ελληνικά, ", "עברית, ", "🇫🇷"],
    usage: { prompt_tokens: 10, completion_tokens: 14, cached_tokens: 0, usd_cents: 0.00099 },
    finish: "stop",
    promptTokens: 10,
    completionTokens: 14,
  }),
};
