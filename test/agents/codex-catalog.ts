/**
 * A `model_catalog_json` for Codex naming one model whose `apply_patch_tool_type` is `freeform`, so
 * Codex sends `apply_patch` as a custom tool (models it does not know get the fallback tool set,
 * without apply_patch). The fields are those Codex 0.171 requires; the values are modest defaults.
 */
export function patchModelCatalog(slug: string) {
  return {
    models: [
      {
        slug,
        display_name: slug,
        description: "A Puter double scenario.",
        base_instructions: "You are a coding agent.",
        apply_patch_tool_type: "freeform",
        shell_type: "shell_command",
        visibility: "list",
        supported_in_api: true,
        priority: 1,
        prefer_websockets: false,
        support_verbosity: false,
        default_verbosity: null,
        web_search_tool_type: "text",
        input_modalities: ["text"],
        supports_image_detail_original: false,
        truncation_policy: { mode: "tokens", limit: 10000 },
        supports_parallel_tool_calls: true,
        use_responses_lite: false,
        supports_reasoning_effort_updates: false,
        include_skills_usage_instructions: false,
        include_apps_usage_instructions: false,
        include_plugin_usage_instructions: false,
        node_repl_auto_review_required: false,
        node_repl_disabled: true,
        requires_sandboxed_review: false,
        context_window: 128000,
        default_reasoning_summary: "none",
        default_reasoning_level: null,
        supported_reasoning_levels: [],
        upgrade: null,
        experimental_supported_tools: [],
        supports_search_tool: false,
        supports_experimental_context: false,
        supports_reasoning_summary_parameter: false,
        supports_reasoning_summaries: false,
      },
    ],
  };
}
