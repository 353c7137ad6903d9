import { claudeAnswer, responsesAnswer } from "./answer-builders.ts";

const CLAUDE = { service: "claude", providerUsed: "claude-haiku-4-5-20251001" };
const RESPONSES = { service: "openai-responses", providerUsed: "gpt-5.6-sol" };

// Claude (shape b) and OpenAI Responses (shape c) answers. Claude's cache counts are non-zero on
// purpose: a proxy that forgets to add them back to prompt_tokens gets visibly wrong numbers.
export const claudeScenarios = {
  "claude/text": claudeAnswer({
    ...CLAUDE,
    messageId: "msg_01DoubleText",
    text: ["Hello from", " Claude", " in the Puter double."],
    usage: {
      input_tokens: 25,
      ephemeral_5m_input_tokens: 40,
      ephemeral_1h_input_tokens: 20,
      cache_read_input_tokens: 300,
      output_tokens: 15,
      thinking_tokens: 0,
      usd_cents: 0.022,
    },
    finish: "end_turn",
    promptTokens: 385,
    completionTokens: 15,
  }),
  "claude/tools": claudeAnswer({
    ...CLAUDE,
    messageId: "msg_01DoubleTools",
    text: ["Let me check", " the weather."],
    toolCalls: [{ id: "toolu_01Weather", name: "get_weather", input: { city: "Paris" } }],
    usage: {
      input_tokens: 400,
      ephemeral_5m_input_tokens: 50,
      ephemeral_1h_input_tokens: 10,
      cache_read_input_tokens: 1200,
      output_tokens: 60,
      thinking_tokens: 0,
      usd_cents: 0.09025,
    },
    finish: "tool_use",
    promptTokens: 1660,
    completionTokens: 60,
  }),
  "claude/thinking": claudeAnswer({
    ...CLAUDE,
    messageId: "msg_01DoubleThinking",
    reasoning: ["The user greets me.", " A short, friendly reply fits."],
    signature: "EqQBCkYIBxgCKkBQdXRlckRvdWJsZVNpZ25hdHVyZQ==",
    text: ["Hi!", " How can I help?"],
    usage: {
      input_tokens: 30,
      ephemeral_5m_input_tokens: 12,
      ephemeral_1h_input_tokens: 6,
      cache_read_input_tokens: 90,
      output_tokens: 45,
      thinking_tokens: 0,
      usd_cents: 0.0291,
    },
    finish: "end_turn",
    promptTokens: 138,
    completionTokens: 45,
  }),
  "claude/max-tokens": claudeAnswer({
    ...CLAUDE,
    messageId: "msg_01DoubleMaxTokens",
    text: ["This reply stops at the max_tokens", " limit in the middle of a"],
    usage: {
      input_tokens: 12,
      ephemeral_5m_input_tokens: 8,
      ephemeral_1h_input_tokens: 4,
      cache_read_input_tokens: 64,
      output_tokens: 16,
      thinking_tokens: 0,
      usd_cents: 0.01164,
    },
    finish: "max_tokens",
    promptTokens: 88,
    completionTokens: 16,
  }),
  // Claude ran web search itself: server-tool blocks are not client tool calls, and newer streams
  // show them as `server_tool` lines plus a `safeguard_results` line, both of which a proxy ignores.
  "claude/web-search": claudeAnswer({
    ...CLAUDE,
    messageId: "msg_01DoubleWebSearch",
    serverTools: [
      { type: "server_tool_use", id: "srvtoolu_01Double", name: "web_search", input: { query: "Paris weather today" } },
      {
        type: "web_search_tool_result",
        tool_use_id: "srvtoolu_01Double",
        content: [
          {
            type: "web_search_result",
            url: "https://weather.example/paris",
            title: "Paris weather",
            encrypted_content: "EqgfCioIARgBIiQ3YTAwMjY1Zi1kZjNiLTQ2",
            page_age: null,
          },
        ],
      },
    ],
    safeguards: [{ type: "dangerous_tool_use", status: {} }],
    text: ["It is sunny", " in Paris today."],
    usage: {
      input_tokens: 900,
      ephemeral_5m_input_tokens: 0,
      ephemeral_1h_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 25,
      thinking_tokens: 0,
      usd_cents: 0.1025,
    },
    finish: "end_turn",
    promptTokens: 900,
    completionTokens: 25,
  }),
  "responses/text": responsesAnswer({
    ...RESPONSES,
    text: ["Hello from", " the Responses API."],
    usage: { prompt_tokens: 18, completion_tokens: 6, cached_tokens: 0, usd_cents: 0.027 },
    finish: "stop",
    promptTokens: 18,
    completionTokens: 6,
  }),
  "responses/tools": responsesAnswer({
    ...RESPONSES,
    text: [],
    toolCalls: [
      { id: "call_resp_weather", name: "get_weather", input: { city: "Paris" }, canonicalId: "fc_0123456789abcdef" },
    ],
    usage: { prompt_tokens: 70, completion_tokens: 20, cached_tokens: 0, usd_cents: 0.095 },
    finish: "stop",
    promptTokens: 70,
    completionTokens: 20,
  }),
};
