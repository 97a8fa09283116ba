import { createRandom } from "../random.js";

/**
 * Keys and names computed from indexes alone, so audit entries and prerequisites can name
 * a project, environment or flag without generating it.
 */

const adjectives = [
  "new",
  "dark",
  "fast",
  "beta",
  "smart",
  "secure",
  "legacy",
  "instant",
  "guided",
  "bulk",
  "async",
  "live",
  "custom",
  "shared",
  "premium",
  "mobile",
  "global",
  "quick",
  "simple",
  "adaptive",
] as const;
const nouns = [
  "checkout",
  "search",
  "onboarding",
  "billing",
  "dashboard",
  "export",
  "login",
  "profile",
  "cart",
  "pricing",
  "reports",
  "sync",
  "upload",
  "alerts",
  "chat",
  "recommendations",
  "sidebar",
  "invoices",
  "analytics",
  "banner",
] as const;
const productNames = [
  "Storefront",
  "Mobile App",
  "Payments",
  "Platform",
  "Data Pipeline",
  "Internal Tools",
  "Marketing Site",
  "Partner API",
  "Support Portal",
  "Identity",
] as const;
const environmentNames = [
  "Production",
  "Staging",
  "Development",
  "Test",
  "QA",
  "Canary",
  "Sandbox",
] as const;

/** Key of the project at `index`. */
export function projectKey(seed: string, index: number): string {
  if (index === 0) return "default";
  const name = createRandom(seed, "project-name", index).pick(productNames);
  return `${name.toLowerCase().replace(/ /g, "-")}-${index}`;
}

/** Display name of the project at `index`. */
export function projectName(seed: string, index: number): string {
  if (index === 0) return "Default Project";
  return `${createRandom(seed, "project-name", index).pick(productNames)} ${index}`;
}

/** Key of the environment at `index` (the same in every project, as in most accounts). */
export function environmentKey(index: number): string {
  const name = environmentNames[index];
  return name ? name.toLowerCase() : `env-${index}`;
}

/** Display name of the environment at `index`. */
export function environmentName(index: number): string {
  return environmentNames[index] ?? `Environment ${index}`;
}

function wordsOf(
  seed: string,
  kind: string,
  projectIndex: number,
  index: number,
): [string, string] {
  const random = createRandom(seed, kind, projectIndex, index);
  return [random.pick(adjectives), random.pick(nouns)];
}

/** Key of flag `flagIndex` in project `projectIndex`. */
export function flagKey(seed: string, projectIndex: number, flagIndex: number): string {
  const [adjective, noun] = wordsOf(seed, "flag-name", projectIndex, flagIndex);
  return `${adjective}-${noun}-${flagIndex}`;
}

/** Display name of flag `flagIndex` in project `projectIndex`. */
export function flagName(seed: string, projectIndex: number, flagIndex: number): string {
  const [adjective, noun] = wordsOf(seed, "flag-name", projectIndex, flagIndex);
  return `${capitalize(adjective)} ${noun} ${flagIndex}`;
}

/** Key of metric `metricIndex` in project `projectIndex`. */
export function metricKey(seed: string, projectIndex: number, metricIndex: number): string {
  const [adjective, noun] = wordsOf(seed, "metric-name", projectIndex, metricIndex);
  return `${noun}-${adjective}-rate-${metricIndex}`;
}

/** Display name of metric `metricIndex` in project `projectIndex`. */
export function metricName(seed: string, projectIndex: number, metricIndex: number): string {
  const [adjective, noun] = wordsOf(seed, "metric-name", projectIndex, metricIndex);
  return `${capitalize(noun)} ${adjective} rate ${metricIndex}`;
}

/** Tags drawn for generated objects. */
export const tagPool = [
  "frontend",
  "backend",
  "mobile",
  "experiment",
  "ops",
  "team-a",
  "team-b",
  "release",
] as const;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
