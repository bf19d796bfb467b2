/**
 * The map's data layers and how they load. Grids, buildings and liaison units load by bounding
 * box (only what the view needs, each box once), so that a plan of 20,000 grids stays smooth;
 * the grid layer renders as an image while the map moves. Features are keyed by code/id, so a
 * grid that spans two boxes is kept once.
 */
import type Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import type { Geometry } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorImageLayer from 'ol/layer/VectorImage';
import { bbox as bboxStrategy, all as allStrategy } from 'ol/loadingstrategy';
import { transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import type { StyleLike } from 'ol/style/Style';
import { getJson, urls } from './api';
import type { ViewerConfig } from './config';
import {
  buildingStyle,
  communityStyle,
  gridStyle,
  liaisonStyle,
  markerStyle,
  neighbourGridStyle,
  selectedGridStyle,
  sketchStyle,
  diffStyle,
} from './styles';

const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export type LoadEvent = { layer: string; status: 'ok' | 'unavailable' | 'error'; count: number; message?: string; truncated?: boolean };

/** Reads a FeatureCollection, a bare array of features, or `{features}`; ids from `idKey`. */
export function readFeatures(json: unknown, idKey: string): Feature<Geometry>[] {
  let collection: unknown = json;
  if (Array.isArray(json)) collection = { type: 'FeatureCollection', features: json };
  else if (json && typeof json === 'object' && !('type' in json) && 'features' in json) {
    collection = { type: 'FeatureCollection', features: (json as { features: unknown }).features };
  }
  const features = format.readFeatures(collection) as Feature<Geometry>[];
  for (const f of features) {
    const id = f.get(idKey) ?? f.getId();
    if (id !== undefined && id !== null) f.setId(String(id));
  }
  return features;
}

function bboxSource(name: string, urlFor: (bbox: number[]) => string, idKey: string, onLoad: (e: LoadEvent) => void) {
  const source: VectorSource<Feature<Geometry>> = new VectorSource({
    strategy: bboxStrategy,
    loader: (extent, _resolution, projection, success, failure) => {
      const bbox = transformExtent(extent, projection, 'EPSG:4326');
      getJson<unknown>(urlFor(bbox))
        .then((json) => {
          const features = readFeatures(json, idKey).filter((f) => !source.getFeatureById(f.getId()!));
          source.addFeatures(features);
          const truncated = !!(json && typeof json === 'object' && (json as { truncated?: unknown }).truncated === true);
          onLoad({ layer: name, status: 'ok', count: source.getFeatures().length, truncated });
          success?.(features);
        })
        .catch((err: { status?: number; message?: string }) => {
          source.removeLoadedExtent(extent);
          const unavailable = err.status === 404 || err.status === 405;
          onLoad({ layer: name, status: unavailable ? 'unavailable' : 'error', count: 0, message: err.message });
          failure?.();
        });
    },
  });
  return source;
}

export interface Layers {
  communities: VectorLayer<VectorSource<Feature<Geometry>>>;
  grids: VectorImageLayer<VectorSource<Feature<Geometry>>>;
  buildings: VectorLayer<VectorSource<Feature<Geometry>>>;
  liaison: VectorLayer<VectorSource<Feature<Geometry>>>;
  selection: VectorLayer<VectorSource<Feature<Geometry>>>;
  neighbours: VectorLayer<VectorSource<Feature<Geometry>>>;
  marker: VectorLayer<VectorSource<Feature<Geometry>>>;
  /** A rebalance draft's grids against the current ones (property `change`). */
  diff: VectorLayer<VectorSource<Feature<Geometry>>>;
  /** What the planner is drawing: a split line, a boundary being redrawn. */
  sketch: VectorLayer<VectorSource<Feature<Geometry>>>;
  /** Building ids picked for a move; the building style reads it. */
  selectedBuildings: Set<string>;
}

export function createLayers(config: ViewerConfig, onLoad: (e: LoadEvent) => void): Layers {
  const selectedBuildings = new Set<string>();

  const communitySource: VectorSource<Feature<Geometry>> = new VectorSource({
    strategy: allStrategy,
    loader: (_extent, _resolution, _projection, success, failure) => {
      getJson<unknown>(urls.adminAreas())
        .then((json) => {
          const features = readFeatures(json, 'code').filter((f) => {
            const level = f.get('level');
            return level === undefined || level === 'community';
          });
          communitySource.addFeatures(features);
          onLoad({ layer: 'communities', status: 'ok', count: features.length });
          success?.(features);
        })
        .catch((err: { status?: number; message?: string }) => {
          onLoad({ layer: 'communities', status: err.status === 404 ? 'unavailable' : 'error', count: 0, message: err.message });
          failure?.();
        });
    },
  });

  const grids = new VectorImageLayer({
    className: 'gridgeo-grids',
    source: bboxSource('grids', urls.grids, 'code', onLoad),
    style: gridStyle(config),
    minZoom: config.gridsMinZoom,
    declutter: false,
    imageRatio: 1.5,
    properties: { name: 'grids' },
  });

  const buildings = new VectorLayer({
    className: 'gridgeo-buildings',
    source: bboxSource('buildings', urls.buildings, 'id', onLoad),
    style: buildingStyle(() => selectedBuildings),
    minZoom: config.buildingsMinZoom,
    properties: { name: 'buildings' },
  });

  const liaison = new VectorLayer({
    className: 'gridgeo-liaison',
    source: bboxSource('liaison_units', urls.liaisonUnits, 'code', onLoad),
    style: liaisonStyle,
    minZoom: config.liaisonMinZoom,
    properties: { name: 'liaison_units' },
  });

  const overlay = (name: string, style: StyleLike) =>
    new VectorLayer({ className: `gridgeo-${name}`, source: new VectorSource<Feature<Geometry>>(), style, properties: { name } });

  return {
    communities: new VectorLayer({ className: 'gridgeo-communities', source: communitySource, style: communityStyle, properties: { name: 'communities' } }),
    grids,
    buildings,
    liaison,
    neighbours: overlay('neighbours', neighbourGridStyle),
    selection: overlay('selection', selectedGridStyle),
    marker: overlay('marker', markerStyle),
    sketch: overlay('sketch', sketchStyle),
    diff: overlay('diff', diffStyle),
    selectedBuildings,
  };
}

export { format as geoJsonFormat };
