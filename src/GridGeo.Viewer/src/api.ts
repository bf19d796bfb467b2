/**
 * The HTTP client: one function per GridGeo endpoint the viewer uses. Every answer is read
 * tolerantly (a field the API does not send yet becomes `undefined`), and every failure becomes
 * an {@link ApiError} carrying the status and the problem+json detail.
 */
import { authHeaders } from './auth';
import { mergeConfig, type ViewerConfig } from './config';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly body: unknown,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  let title = `HTTP ${res.status}`;
  let detail = '';
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      if (typeof b.title === 'string') title = b.title;
      if (typeof b.detail === 'string') detail = b.detail;
    }
  } catch {
    body = null;
  }
  return new ApiError(res.status, title, detail, body);
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

export async function getViewerConfig(): Promise<ViewerConfig> {
  try {
    return mergeConfig(await getJson('/api/viewer-config'));
  } catch {
    return mergeConfig(null);
  }
}

/** `bbox` as the API takes it: minLon,minLat,maxLon,maxLat in WGS84. */
export function bboxParam(extent: readonly number[]): string {
  return extent.map((v) => v.toFixed(6)).join(',');
}

export const urls = {
  adminAreas: () => '/api/admin-areas?level=community',
  grids: (bbox: readonly number[]) => `/api/grids?bbox=${bboxParam(bbox)}`,
  buildings: (bbox: readonly number[]) => `/api/buildings?bbox=${bboxParam(bbox)}`,
  liaisonUnits: (bbox: readonly number[]) => `/ogc/collections/liaison-units/items?bbox=${bboxParam(bbox)}&limit=10000`,
  grid: (code: string) => `/api/grids/${encodeURIComponent(code)}`,
  gridAction: (code: string, action: 'moves' | 'lock' | 'unlock' | 'split' | 'boundary' | 'revert') =>
    `/api/grids/${encodeURIComponent(code)}/${action}`,
  merge: () => '/api/grids/merge',
  me: () => '/api/auth/me',
};

/** A grid's figures as the panel shows them; fields the API did not send stay undefined. */
export interface GridDetail {
  code: string;
  communityCode?: string;
  communityName?: string;
  kind?: string;
  dedicatedKind?: string;
  households?: number;
  buildingCount?: number;
  buildingIds?: string[];
  liaisonUnitCount?: number;
  neighbours: string[];
  /** Neighbours' households, when the API sends them with the neighbour list. */
  neighbourHouseholds: Record<string, number>;
  compactness?: number;
  warnings: string[];
  locked?: boolean;
  version?: number;
  geometry?: unknown;
  /** The value to send as If-Match when editing this grid. */
  etag?: string;
}

const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const asString = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function countOf(list: unknown, count: unknown): number | undefined {
  if (Array.isArray(list)) return list.length;
  return asNumber(list) ?? asNumber(count);
}

function codesOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((x) => (x && typeof x === 'object' ? asString((x as Record<string, unknown>).code) : asString(x)))
    .filter((x): x is string => !!x);
}

function neighbourHouseholdsOf(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!Array.isArray(v)) return out;
  for (const x of v) {
    if (!x || typeof x !== 'object') continue;
    const o = x as Record<string, unknown>;
    const code = asString(o.code);
    const households = asNumber(o.households);
    if (code && households !== undefined) out[code] = households;
  }
  return out;
}

function warningsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((w) => {
      if (typeof w === 'string') return w;
      if (w && typeof w === 'object') {
        const o = w as Record<string, unknown>;
        return asString(o.message) ?? asString(o.detail) ?? asString(o.rule);
      }
      return undefined;
    })
    .filter((x): x is string => !!x);
}

/** Reads `GET /api/grids/{code}`: a GeoJSON Feature or a plain object, either is accepted. */
export function readGridDetail(json: unknown, etagHeader: string | null): GridDetail {
  const root = (json ?? {}) as Record<string, unknown>;
  const p = (root.type === 'Feature' ? root.properties : (root.grid ?? root)) as Record<string, unknown>;
  const community = p.community as Record<string, unknown> | undefined;
  const figures = (p.figures ?? {}) as Record<string, unknown>;
  const pick = (key: string) => p[key] ?? figures[key];
  const version = asString(pick('version'));
  return {
    code: asString(p.code) ?? '',
    communityCode: asString(p.community_code) ?? asString(community?.code),
    communityName: asString(p.community_name) ?? asString(community?.name),
    kind: asString(p.kind),
    dedicatedKind: asString(p.dedicated_kind) ?? undefined,
    households: asNumber(pick('households')),
    buildingCount: countOf(pick('buildings'), pick('building_count')),
    buildingIds: Array.isArray(pick('buildings')) ? codesOf(pick('buildings')) : undefined,
    liaisonUnitCount: countOf(pick('liaison_units'), pick('liaison_unit_count')),
    neighbours: codesOf(pick('neighbours') ?? pick('neighbors')),
    neighbourHouseholds: neighbourHouseholdsOf(pick('neighbours') ?? pick('neighbors')),
    compactness: asNumber(pick('compactness')),
    warnings: warningsOf(pick('warnings')),
    locked: typeof pick('locked') === 'boolean' ? (pick('locked') as boolean) : undefined,
    version: asNumber(pick('version')),
    geometry: root.type === 'Feature' ? root.geometry : p.geometry,
    etag: etagHeader ?? (version !== undefined ? `"${version}"` : undefined),
  };
}

export async function getGrid(code: string, signal?: AbortSignal): Promise<GridDetail> {
  const res = await fetch(urls.grid(code), { headers: { Accept: 'application/json' }, signal });
  if (!res.ok) throw await readError(res);
  return readGridDetail(await res.json(), res.headers.get('ETag'));
}

export interface LocateAnswer {
  grid: { code: string; kind?: string; households?: number } | null;
  community?: { code: string; name?: string };
  street?: { code: string; name?: string };
  county?: { code: string; name?: string };
  liaison_unit?: { code: string } | null;
}

export function locate(lon: number, lat: number, crs: string): Promise<LocateAnswer> {
  const q = new URLSearchParams({ lon: String(lon), lat: String(lat), crs });
  return getJson<LocateAnswer>(`/api/locate?${q}`);
}

export interface AddressMatch {
  address: string;
  household_id?: string;
  building_id?: string;
  score?: number;
  grid?: { code: string } | null;
  liaison_unit?: { code: string } | null;
}

/** Door-plate search: household-level personal data, so the signed-in API key goes with it (the server may ask for one). */
export async function locateAddress(q: string, limit = 8): Promise<AddressMatch[]> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  const res = await fetch(`/api/locate/address?${params}`, { headers: { Accept: 'application/json', ...authHeaders() } });
  if (!res.ok) throw await readError(res);
  const json = (await res.json()) as { results?: AddressMatch[] };
  return json.results ?? [];
}

/** One grid as an edit's answer gives it: code, new version and ETag, figures, or removed. */
export interface EditedGrid {
  code: string;
  version?: number;
  etag?: string;
  removed?: boolean;
  households?: number;
  buildings?: number;
  locked?: boolean;
}

/** A bounds warning of an edit: allowed, but the planner is told the new figures. */
export interface EditWarning {
  grid?: string;
  message: string;
}

/** The answer of every grid edit (EditRunner): the action, the grids left and any warnings. */
export interface EditResult {
  action?: string;
  grids: EditedGrid[];
  warnings: EditWarning[];
  raw: Record<string, unknown>;
}

/** Sends a JSON body with the signed-in API key; a refusal becomes an {@link ApiError}. */
async function sendJson(method: 'POST' | 'PUT', url: string, body: unknown, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeaders(), ...extra };
  const res = await fetch(url, { method, headers, body: JSON.stringify(body ?? {}) });
  if (!res.ok) throw await readError(res);
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** `POST` of a JSON body with the signed-in API key (plans, publishing). */
export const postJson = (url: string, body: unknown) => sendJson('POST', url, body);

/**
 * Sends a grid edit: JSON body, `If-Match` with the ETag(s) the planner's view was drawn from, and
 * the signed-in API key. Any refusal (401, 403, 409, 412, 422, 428…) becomes an {@link ApiError}.
 */
export async function sendEdit(method: 'POST' | 'PUT', url: string, body: unknown, ifMatch: string | undefined): Promise<EditResult> {
  const raw = await sendJson(method, url, body, ifMatch ? { 'If-Match': ifMatch } : {});
  const grids = Array.isArray(raw.grids) ? (raw.grids as EditedGrid[]) : [];
  const warnings = Array.isArray(raw.warnings)
    ? (raw.warnings as Record<string, unknown>[]).map((w) => ({ grid: asString(w.grid), message: asString(w.message) ?? asString(w.rule) ?? '' }))
    : [];
  return { action: asString(raw.action), grids, warnings, raw };
}

/**
 * `POST /api/grids/{code}/moves` `{buildings:[ids], to}`: moves buildings from grid `code` to the
 * neighbouring grid `to`. 412 when the grid changed since it was read.
 */
export function moveBuildings(from: string, ids: string[], to: string, etag: string | undefined): Promise<EditResult> {
  return sendEdit('POST', urls.gridAction(from, 'moves'), { buildings: ids, to }, etag);
}

/** Who the signed-in key is: `GET /api/auth/me` with the key. */
export interface KeyIdentity {
  name: string;
  role: string;
  streets: string[];
  can_edit: boolean;
}

export async function whoAmI(key: string): Promise<KeyIdentity> {
  const res = await fetch(urls.me(), { headers: { Accept: 'application/json', 'X-Api-Key': key } });
  if (!res.ok) throw await readError(res);
  return (await res.json()) as KeyIdentity;
}
