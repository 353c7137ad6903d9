/**
 * The bench's big-body section alone: node --expose-gc --import tsx bench/bodies.ts
 * (what it measures: bench/sections/bodies.ts).
 */
import { measureBodies } from "./sections/bodies.ts";

await measureBodies((line) => console.log(line.trim()));
