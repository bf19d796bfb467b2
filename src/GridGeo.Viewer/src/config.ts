/**
 * Viewer configuration: what `GET /api/viewer-config` answers, or these defaults when the API
 * has no such endpoint. The viewer works offline: without a basemap it draws on a plain background.
 */
export interface BasemapConfig {
  /** XYZ tile URL template, e.g. `https://tile.example/{z}/{x}/{y}.png`. */
  url: string;
  attribution?: string;
  /**
   * True when the tiles are drawn in GCJ-02 (AMap, Tencent); BD-09 for Baidu. Such tiles sit
   * several hundred metres off the WGS84 grids inside China; the viewer says so in the legend.
   */
  datum?: 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';
  maxZoom?: number;
}

export interface ViewerConfig {
  /** Household bounds of a basic grid (domain: about 300–500). */
  min: number;
  max: number;
  basemap: BasemapConfig | null;
  /** Initial view [minLon, minLat, maxLon, maxLat] when the admin areas do not give one. */
  extent: [number, number, number, number] | null;
  /** Zoom above which buildings are drawn, and above which liaison units are drawn (OpenLayers' minZoom is exclusive). */
  buildingsMinZoom: number;
  liaisonMinZoom: number;
  /** Zoom above which grids are loaded by bounding box and drawn; at or below it only communities are drawn. */
  gridsMinZoom: number;
}

export const defaultConfig: ViewerConfig = {
  min: 300,
  max: 500,
  basemap: null,
  extent: null,
  buildingsMinZoom: 15,
  liaisonMinZoom: 17,
  gridsMinZoom: 8,
};

/** Merges a partial configuration from the server over the defaults, ignoring wrong types. */
export function mergeConfig(raw: unknown): ViewerConfig {
  const config = { ...defaultConfig };
  if (!raw || typeof raw !== 'object') return config;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  config.min = num(r.min) ?? config.min;
  config.max = num(r.max) ?? config.max;
  config.buildingsMinZoom = num(r.buildingsMinZoom ?? r.buildings_min_zoom) ?? config.buildingsMinZoom;
  config.liaisonMinZoom = num(r.liaisonMinZoom ?? r.liaison_min_zoom) ?? config.liaisonMinZoom;
  config.gridsMinZoom = num(r.gridsMinZoom ?? r.grids_min_zoom) ?? config.gridsMinZoom;
  const b = r.basemap as Record<string, unknown> | null | undefined;
  if (b && typeof b.url === 'string' && b.url.length > 0) {
    config.basemap = {
      url: b.url,
      attribution: typeof b.attribution === 'string' ? b.attribution : undefined,
      datum: (['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const).find((d) => d === b.datum),
      maxZoom: num(b.maxZoom ?? b.max_zoom),
    };
  }
  const e = r.extent;
  if (Array.isArray(e) && e.length === 4 && e.every((v) => typeof v === 'number')) {
    config.extent = e as [number, number, number, number];
  }
  return config;
}
