/**
 * Staffing on the map: the people serving the selected grid (grid worker, grid head, liaison heads; a key is needed,
 * as phones are personal data), basic grids without a grid worker marked in red, and open events per grid as a layer
 * of numbered circles.
 */
import Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import { bbox as bboxStrategy } from 'ol/loadingstrategy';
import { transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import { ApiError, bboxParam } from './api';
import { authHeaders, onSignIn, signedIn } from './auth';
import { readFeatures } from './layers';
import type { Viewer } from './viewer';

export interface ServingPerson {
  id: number;
  role: 'grid_worker' | 'grid_head' | 'liaison_head' | string;
  name: string;
  phone: string;
  liaison_unit?: string | null;
}

const roleLabels: Record<string, string> = {
  grid_worker: '网格员 Grid worker',
  grid_head: '网格长 Grid head',
  liaison_head: '联户长 Liaison head',
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function getKeyed<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json', ...authHeaders() } });
  if (!res.ok) {
    let detail = '';
    try {
      detail = ((await res.json()) as { detail?: string }).detail ?? '';
    } catch {
      detail = '';
    }
    throw new ApiError(res.status, `HTTP ${res.status}`, detail, null);
  }
  return (await res.json()) as T;
}

export const unstaffedStyle = new Style({
  stroke: new Stroke({ color: '#d32f2f', width: 3, lineDash: [8, 5] }),
  fill: new Fill({ color: 'rgba(211, 47, 47, 0.10)' }),
});

export function eventStyle(feature: FeatureLike): Style {
  const open = Number(feature.get('open') ?? 0);
  return new Style({
    image: new Circle({
      radius: Math.min(22, 8 + Math.sqrt(open) * 3),
      fill: new Fill({ color: 'rgba(245, 124, 0, 0.85)' }),
      stroke: new Stroke({ color: '#fff', width: 2 }),
    }),
    text: new Text({ text: String(open), fill: new Fill({ color: '#fff' }), font: 'bold 12px system-ui, sans-serif' }),
  });
}

/** A bbox-loaded GeoJSON source; <paramref name="keyed"/> sources load only when signed in. */
function bboxGeoJsonSource(url: (bbox: string) => string, keyed: boolean, onLoad: (count: number) => void): VectorSource<Feature<Geometry>> {
  const source: VectorSource<Feature<Geometry>> = new VectorSource({
    strategy: bboxStrategy,
    loader: (extent, _resolution, projection, success, failure) => {
      if (keyed && !signedIn()) {
        success?.([]);
        return;
      }
      const box = transformExtent(extent, projection, 'EPSG:4326');
      getKeyed<unknown>(url(bboxParam(box)))
        .then((json) => {
          const features = readFeatures(json, 'code');
          source.addFeatures(features);
          onLoad(source.getFeatures().length);
          success?.(features);
        })
        .catch(() => failure?.());
    },
  });
  return source;
}

export class StaffingView {
  readonly unstaffed: VectorLayer<VectorSource<Feature<Geometry>>>;
  readonly events: VectorLayer<VectorSource<Feature<Geometry>>>;
  private request = 0;

  constructor(
    private readonly viewer: Viewer,
    private readonly el: HTMLElement,
  ) {
    const mapEl = viewer.map.getTargetElement()!;
    this.unstaffed = new VectorLayer({
      className: 'gridgeo-unstaffed',
      source: bboxGeoJsonSource((b) => `/api/staff/unstaffed?bbox=${b}`, true, (n) => (mapEl.dataset.unstaffedLoaded = String(n))),
      style: unstaffedStyle,
      minZoom: viewer.config.gridsMinZoom,
      properties: { name: 'unstaffed' },
    });
    this.events = new VectorLayer({
      className: 'gridgeo-events',
      source: bboxGeoJsonSource((b) => `/api/events/open-by-grid?bbox=${b}`, false, (n) => (mapEl.dataset.eventsLoaded = String(n))),
      style: eventStyle,
      minZoom: viewer.config.gridsMinZoom,
      properties: { name: 'events' },
    });
    viewer.map.addLayer(this.unstaffed);
    viewer.map.addLayer(this.events);
    viewer.onSelect(() => void this.render());
    onSignIn(() => {
      this.reload();
      void this.render();
    });
  }

  /** Reads the staffing layers again (after a sign-in, a roster change or a publish). */
  reload(): void {
    this.unstaffed.getSource()!.refresh();
    this.events.getSource()!.refresh();
  }

  async render(): Promise<void> {
    const grid = this.viewer.selected;
    const request = ++this.request;
    if (!grid) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    if (!signedIn()) {
      this.el.innerHTML = `<h3>人员 Staffing</h3><p class="hint" data-field="staff-signin">登录后查看本网格的网格员、网格长和联户长 · sign in with a key to see the people serving grid ${esc(grid.code)} (phones are personal data)</p>`;
      return;
    }
    let people: ServingPerson[];
    try {
      people = (await getKeyed<{ people: ServingPerson[] }>(`/api/grids/${encodeURIComponent(grid.code)}/staff`)).people;
    } catch (err) {
      if (request !== this.request) return;
      this.el.innerHTML = `<h3>人员 Staffing</h3><p class="error" data-field="staff-error">人员读取失败 · the staff could not be read: ${esc((err as Error).message)}</p>`;
      return;
    }
    if (request !== this.request) return;
    const workers = people.filter((p) => p.role === 'grid_worker');
    const basic = grid.kind !== 'dedicated';
    const warning =
      basic && workers.length === 0
        ? `<p class="error" data-field="staff-missing">无网格员 · grid ${esc(grid.code)} has no grid worker</p>`
        : basic && workers.length > 1
          ? `<p class="error" data-field="staff-duplicate">${workers.length} 名网格员 · ${workers.length} grid workers; one grid needs exactly one</p>`
          : '';
    const rows = people
      .map(
        (p) => `<tr data-person="${p.id}" data-role="${esc(p.role)}"><td>${esc(roleLabels[p.role] ?? p.role)}${p.liaison_unit ? ` <small>${esc(p.liaison_unit.slice(-3))}</small>` : ''}</td>
          <td data-field="staff-name">${esc(p.name)}</td><td data-field="staff-phone"><a href="tel:${esc(p.phone)}">${esc(p.phone)}</a></td></tr>`,
      )
      .join('');
    this.el.innerHTML = `<h3>人员 Staffing</h3>${warning}
      ${people.length === 0 ? '<p class="hint" data-field="staff-none">无人员 · nobody is assigned to this grid</p>' : `<table class="staff" data-field="staff-list">${rows}</table>`}`;
    this.el.dataset.code = grid.code;
  }
}

