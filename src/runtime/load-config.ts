import { type Config, type Env, parseConfig } from "../config.ts";
import { ConfigError } from "../errors.ts";

/**
 * The configuration from a runtime's environment, or, when it is invalid, every problem printed
 * and the process ended through `exit` (each runtime passes its own).
 */
export function loadConfigOrExit(env: Env, exit: (code: number) => never): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return exit(1);
  }
}
