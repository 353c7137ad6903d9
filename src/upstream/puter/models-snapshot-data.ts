/**
 * The raw snapshot of Puter's catalogue (models-snapshot.md says where it comes from). The one-file
 * bundle replaces this module with the same data gzipped (scripts/bundle.ts), read the same way.
 */
import data from "./models-snapshot.json" with { type: "json" };

export async function snapshotData(): Promise<unknown> {
  return data;
}
