/**
 * The viewer's state and its one verb: select a grid (by click, neighbour link, search or
 * edit), which highlights it and its neighbours and fills the panel.
 */
import Feature from 'ol/Feature';
import type Map from 'ol/Map';
import type { Geometry } from 'ol/geom';
import { Point } from 'ol/geom';
import { fromLonLat, toLonLat } from 'ol/proj';
import { ApiError, getGrid, locate, type GridDetail, type LocateAnswer } from './api';
import type { ViewerConfig } from './config';
import { geoJsonFormat, type Layers } from './layers';
import { renderPanel, renderPanelMessage } from './panel';

export type SelectListener = (detail: GridDetail | null, feature: Feature<Geometry> | undefined) => void;

export class Viewer {
  selected: GridDetail | null = null;
  selectedFeature: Feature<Geometry> | undefined;
  private readonly listeners: SelectListener[] = [];
  private request = 0;

  constructor(
    readonly map: Map,
    readonly layers: Layers,
    readonly config: ViewerConfig,
    private readonly panel: HTMLElement,
    private readonly status: HTMLElement,
  ) {}

  onSelect(listener: SelectListener): void {
    this.listeners.push(listener);
  }

  setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  gridFeature(code: string): Feature<Geometry> | undefined {
    return (this.layers.grids.getSource()?.getFeatureById(code) as Feature<Geometry> | null) ?? undefined;
  }

  /** The grid drawn under a pixel, if any. */
  gridAtPixel(pixel: number[]): Feature<Geometry> | undefined {
    let hit: Feature<Geometry> | undefined;
    this.map.forEachFeatureAtPixel(
      pixel,
      (f) => {
        hit = f as Feature<Geometry>;
        return true;
      },
      { layerFilter: (l) => l === this.layers.grids, hitTolerance: 0 },
    );
    return hit;
  }

  /** Click anywhere → which grid: the drawn grid under the pixel, else the server's lookup. */
  async identify(pixel: number[]): Promise<void> {
    const hit = this.gridAtPixel(pixel);
    if (hit) {
      await this.selectGrid(String(hit.getId()), false);
      return;
    }
    const [lon, lat] = toLonLat(this.map.getCoordinateFromPixel(pixel));
    const found = await this.whichGrid(lon, lat, 'wgs84', [lon, lat]);
    if (found.code) await this.selectGrid(found.code, false);
    else {
      this.clearSelection();
      renderPanelMessage(this.panel, `此处不在任何网格内 · Outside every grid (${lon.toFixed(5)}, ${lat.toFixed(5)})${found.reason ? `: ${found.reason}` : ''}`);
    }
  }

  /**
   * Which grid holds a point: `/api/locate` (which knows every CRS and the whole plan); when the
   * API has no lookup (404 without a reason, 405), the loaded grids at the WGS84 position.
   */
  async whichGrid(lon: number, lat: number, crs: string, wgs84: number[]): Promise<{ code?: string; answer?: LocateAnswer; reason?: string }> {
    try {
      const answer = await locate(lon, lat, crs);
      return { code: answer.grid?.code, answer };
    } catch (err) {
      const missing = err instanceof ApiError && ((err.status === 404 && !err.detail) || err.status === 405);
      if (!missing) return { reason: err instanceof ApiError ? err.detail || err.title : (err as Error).message };
      const local = this.layers.grids.getSource()!.getFeaturesAtCoordinate(fromLonLat(wgs84));
      return local.length > 0 ? { code: String(local[0].getId()) } : { reason: '' };
    }
  }

  clearSelection(): void {
    this.selected = null;
    this.selectedFeature = undefined;
    this.layers.selection.getSource()!.clear();
    this.layers.neighbours.getSource()!.clear();
    for (const l of this.listeners) l(null, undefined);
  }

  /** Selects a grid by code: reads its figures from the API, highlights it, fills the panel. */
  async selectGrid(code: string, zoomTo: boolean): Promise<GridDetail | null> {
    const request = ++this.request;
    let detail: GridDetail;
    try {
      detail = await getGrid(code);
    } catch (err) {
      const f = this.gridFeature(code);
      if (!f) {
        renderPanelMessage(this.panel, `网格 ${code} 读取失败 · grid ${code} could not be read: ${(err as Error).message}`);
        return null;
      }
      detail = fromFeature(f);
      this.setStatus(`网格详情不可用 · grid details unavailable: ${(err as Error).message}`, 'error');
    }
    if (request !== this.request) return null;
    let feature = this.gridFeature(code);
    if (!feature && detail.geometry) {
      feature = new Feature(geoJsonFormat.readGeometry(detail.geometry) as Geometry);
      feature.setId(code);
    }
    this.selected = detail;
    this.selectedFeature = feature;
    const selection = this.layers.selection.getSource()!;
    selection.clear();
    if (feature?.getGeometry()) selection.addFeature(new Feature(feature.getGeometry()!.clone()));
    const neighbours = this.layers.neighbours.getSource()!;
    neighbours.clear();
    for (const n of detail.neighbours) {
      const nf = this.gridFeature(n);
      if (nf?.getGeometry()) neighbours.addFeature(new Feature(nf.getGeometry()!.clone()));
    }
    renderPanel(this.panel, detail, feature, this.config, (n) => void this.selectGrid(n, true));
    this.panel.dataset.code = detail.code;
    if (zoomTo && feature?.getGeometry()) {
      this.map.getView().fit(feature.getGeometry()!.getExtent(), { padding: [60, 60, 60, 60], maxZoom: 17, duration: 250 });
    }
    for (const l of this.listeners) l(detail, feature);
    return detail;
  }

  showMarker(lon: number, lat: number): void {
    const source = this.layers.marker.getSource()!;
    source.clear();
    source.addFeature(new Feature(new Point(fromLonLat([lon, lat]))));
  }

  /** Drops every loaded grid and building so that the next render reads them again. */
  reloadData(): void {
    this.layers.grids.getSource()!.refresh();
    this.layers.buildings.getSource()!.refresh();
    this.layers.liaison.getSource()!.refresh();
  }
}

/** The panel's figures from a grid feature's own properties (contract §2), when the API has no detail. */
export function fromFeature(f: Feature<Geometry>): GridDetail {
  const members = f.get('buildings');
  return {
    code: String(f.getId()),
    communityCode: f.get('community_code'),
    kind: f.get('kind'),
    dedicatedKind: f.get('dedicated_kind') ?? undefined,
    households: typeof f.get('households') === 'number' ? f.get('households') : undefined,
    buildingCount: Array.isArray(members) ? members.length : undefined,
    buildingIds: Array.isArray(members) ? members.map(String) : undefined,
    neighbours: [],
    neighbourHouseholds: {},
    warnings: [],
  };
}
