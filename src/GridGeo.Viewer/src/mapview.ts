/**
 * The map itself: Web Mercator view, no basemap unless configured (the viewer works offline),
 * scale line and zoom controls.
 */
import Map from 'ol/Map';
import View from 'ol/View';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import { transformExtent } from 'ol/proj';
import type { ViewerConfig } from './config';
import type { Layers } from './layers';

export function createMap(target: HTMLElement, config: ViewerConfig, layers: Layers): Map {
  const basemap = config.basemap
    ? [
        new TileLayer({
          className: 'gridgeo-basemap',
          source: new XYZ({
            url: config.basemap.url,
            attributions: config.basemap.attribution,
            maxZoom: config.basemap.maxZoom ?? 19,
            crossOrigin: 'anonymous',
          }),
          properties: { name: 'basemap' },
        }),
      ]
    : [];
  const map = new Map({
    target,
    layers: [
      ...basemap,
      layers.grids,
      layers.communities,
      layers.liaison,
      layers.diff,
      layers.neighbours,
      layers.selection,
      layers.buildings,
      layers.sketch,
      layers.marker,
    ],
    controls: defaultControls({ attribution: !!config.basemap }).extend([new ScaleLine()]),
    view: new View({ center: [0, 0], zoom: 2, maxZoom: 21 }),
  });
  if (config.extent) fitLonLat(map, config.extent);
  return map;
}

export function fitLonLat(map: Map, extent: readonly number[]): void {
  map.getView().fit(transformExtent(extent as number[], 'EPSG:4326', 'EPSG:3857'), {
    padding: [30, 30, 30, 30],
    maxZoom: 17,
  });
}
