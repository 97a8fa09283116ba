import type { SimAiConfig } from "./ai-configs.js";
import type { SimContextKind } from "./context-kinds.js";
import type { GeneratorContext } from "./context.js";
import type { SimExperiment } from "./experiments.js";
import type { SimLayer } from "./layers.js";
import type { SimMetricGroup } from "./metric-groups.js";
import type { SimReleasePipeline } from "./release-pipelines.js";
import { generateAiConfig } from "./ai-configs.js";
import { generateContextKind } from "./context-kinds.js";
import { generateExperiment } from "./experiments.js";
import { generateLayer } from "./layers.js";
import { generateMetricGroup } from "./metric-groups.js";
import { generateReleasePipeline } from "./release-pipelines.js";

/** Experimentation, release and AI resources of one project (part of `ProjectTruth`). */
export interface ProjectResources {
  contextKinds: SimContextKind[];
  /** Experiments of every environment, with every expandable field. */
  experiments: SimExperiment[];
  layers: SimLayer[];
  releasePipelines: SimReleasePipeline[];
  metricGroups: SimMetricGroup[];
  aiConfigs: SimAiConfig[];
}

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

/** Generates the experimentation, release and AI resources of project `projectIndex`. */
export function generateProjectResources(
  ctx: GeneratorContext,
  projectIndex: number,
): ProjectResources {
  const { counts } = ctx;
  return {
    contextKinds: times(counts.contextKindsPerProject, (i) =>
      generateContextKind(ctx, projectIndex, i),
    ),
    experiments: times(counts.experimentsPerProject, (i) =>
      generateExperiment(ctx, projectIndex, i),
    ),
    layers: times(counts.layersPerProject, (i) => generateLayer(ctx, projectIndex, i)),
    releasePipelines: times(counts.releasePipelinesPerProject, (i) =>
      generateReleasePipeline(ctx, projectIndex, i),
    ),
    metricGroups: times(counts.metricGroupsPerProject, (i) =>
      generateMetricGroup(ctx, projectIndex, i),
    ),
    aiConfigs: times(counts.aiConfigsPerProject, (i) => generateAiConfig(ctx, projectIndex, i)),
  };
}
