/** GridGeo's planners' map: reads the configuration, builds the map, wires panel, search and editing. */
import 'ol/ol.css';
import './style.css';
import { fromLonLat, toLonLat } from 'ol/proj';
import { getJson, getViewerConfig, urls } from './api';
import { EditTools } from './edit';
import { createLayers, type LoadEvent } from './layers';
import { renderLegend } from './legend';
import { createMap, fitLonLat } from './mapview';
import { wireSearch } from './search';
import { RebalancePreview } from './rebalance';
import { StaffingView } from './staffing';
import { wireSignIn } from './signin';
import { Viewer } from './viewer';

declare global {
  interface Window {
    /** Read-only hooks for browser tests and for planners' scripts in the console. */
    gridgeo?: {
      viewer: Viewer;
      pixelOf(lon: number, lat: number): number[] | null;
      lonLatOf(x: number, y: number): number[];
      /** Resolves when the map has drawn everything it has loaded. */
      rendered(): Promise<void>;
      zoomTo(lon: number, lat: number, zoom: number): void;
      staffing: StaffingView;
    };
  }
}

async function start(): Promise<void> {
  const config = await getViewerConfig();
  const unavailable = new Set<string>();
  const legend = document.getElementById('legend')!;
  const mapEl = document.getElementById('map')!;
  const onLoad = (e: LoadEvent) => {
    if (e.status === 'ok') mapEl.dataset[`${e.layer.replace('_', '')}Loaded`] = String(e.count);
    if (e.truncated) viewer.setStatus(`${e.layer}: 数量过多，请放大 · too many to show here, zoom in`, 'error');
    if (e.status === 'unavailable' && !unavailable.has(e.layer)) {
      unavailable.add(e.layer);
      renderLegend(legend, config, unavailable);
    }
    if (e.status === 'error') viewer.setStatus(`${e.layer}: ${e.message ?? 'error'}`, 'error');
  };
  const layers = createLayers(config, onLoad);
  const map = createMap(mapEl, config, layers);
  const viewer = new Viewer(map, layers, config, document.getElementById('panel')!, document.getElementById('status')!);
  renderLegend(legend, config, unavailable);
  wireSearch(viewer);
  wireSignIn(document.getElementById('signin')!);
  const edit = new EditTools(viewer, document.getElementById('edit')!);
  new RebalancePreview(viewer, document.getElementById('rebalance')!);
  const staffing = new StaffingView(viewer, document.getElementById('staffing')!);

  map.on('singleclick', (e) => {
    if (edit.handleClick(e.pixel)) return;
    void viewer.identify(e.pixel);
  });
  map.on('pointermove', (e) => {
    if (e.dragging) return;
    mapEl.style.cursor = viewer.gridAtPixel(e.pixel) ? 'pointer' : '';
  });
  map.on('rendercomplete', () => {
    mapEl.dataset.rendered = String(Number(mapEl.dataset.rendered ?? '0') + 1);
  });
  // A rendered grid layer is redrawn after each data change; re-styling the building layer
  // is enough for a picked building to change colour.
  layers.grids.getSource()!.on('featuresloadend', () => layers.grids.changed());

  window.gridgeo = {
    viewer,
    pixelOf: (lon, lat) => map.getPixelFromCoordinate(fromLonLat([lon, lat])),
    lonLatOf: (x, y) => toLonLat(map.getCoordinateFromPixel([x, y])),
    rendered: () =>
      new Promise<void>((resolve) => {
        map.once('rendercomplete', () => resolve());
        map.render();
      }),
    staffing,
    zoomTo: (lon, lat, zoom) => {
      map.getView().setCenter(fromLonLat([lon, lat]));
      map.getView().setZoom(zoom);
    },
  };

  // A link to one grid (the QR code on its printed notice board): /?grid=<15-digit code> opens
  // the map on that grid, selected.
  const linked = new URLSearchParams(window.location.search).get('grid');
  if (linked && /^\d{15}$/.test(linked)) void viewer.selectGrid(linked, true);

  // Without a configured extent the first view is the communities' extent; without admin
  // areas, that of the grids.
  if (!config.extent && !linked) {
    const communities = layers.communities.getSource()!;
    communities.once('featuresloadend', () => {
      const extent = communities.getExtent();
      if (communities.getFeatures().length > 0 && extent) {
        map.getView().fit(extent, { padding: [30, 30, 30, 30], maxZoom: 17 });
      }
    });
    communities.once('featuresloaderror', async () => {
      try {
        const bbox = extentOf(await getJson<unknown>(urls.grids([-180, -90, 180, 90])));
        if (bbox) fitLonLat(map, bbox);
      } catch {
        viewer.setStatus('无数据 · no communities or grids to show yet', 'error');
      }
    });
  }
}

/** The lon/lat bounds of a GeoJSON document, from its coordinates. */
function extentOf(json: unknown): number[] | null {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
      return;
    }
    for (const x of c) walk(x);
  };
  const features = Array.isArray(json) ? json : ((json as { features?: unknown[] })?.features ?? []);
  for (const f of features) walk((f as { geometry?: { coordinates?: unknown } })?.geometry?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

void start();
